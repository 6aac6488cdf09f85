import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { createLogger, type Logger } from '../logger';

/** Runs a command against the product's database (embedded or DATABASE_URL) and closes it. */
export async function runCommand(work: (db: Database, logger: Logger) => Promise<number>): Promise<never> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  let db: Database | undefined;
  let code = 1;
  try {
    db = await openDatabase(config, logger, { pool: { min: 0, max: 2 } });
    code = await work(db, logger);
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await db?.close();
  }
  process.exit(code);
}
