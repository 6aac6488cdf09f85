import type { MikroORM, Options } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded';
import { migrate } from './migrate';
import { openOrm } from './orm';

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: boolean;
  /** The embedded server this process started, if it did (it can be supervised). */
  embeddedServer?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * The database every command uses: DATABASE_URL when set, else the embedded server under
 * DATA_DIR (started, or attached to when another command already runs it). Migrated on open.
 */
export async function openDatabase(config: Config, logger: Logger, extra: Partial<Options> = {}): Promise<Database> {
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR, (m) => logger.debug(m));
  const url = config.DATABASE_URL ?? embedded!.url;
  try {
    const orm = await openOrm(url, extra);
    const applied = await migrate(orm);
    if (applied.length) logger.info({ applied }, 'database migrated');
    return {
      orm,
      url,
      embedded: !!embedded,
      embeddedServer: embedded?.supervise ? embedded : undefined,
      async close() {
        await orm.close();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}
