import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../api/src/db/embedded';
import { migrate } from '../../api/src/db/migrate';
import { openOrm } from '../../api/src/db/orm';
import { disposeAtEnd } from './dispose';

/**
 * A PostgreSQL server of a test's own (the product's embedded one, on a free port, in a fresh
 * folder), migrated: a fault test stops, kills and restarts it without touching the run's database.
 * Stopped and removed at the end of the test file.
 */
export async function startOwnDatabase(): Promise<Required<Pick<EmbeddedDatabase, 'url' | 'stop' | 'restart'>> & { dataDir: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-fault-'));
  await chmod(dataDir, 0o755); // PostgreSQL runs as its own user when tests run as root
  const db = await startEmbeddedPostgres(dataDir);
  const orm = await openOrm(db.url);
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
  disposeAtEnd(async () => {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { url: db.url, stop: db.stop, restart: db.restart!, dataDir };
}

/** Log lines a test reads: the logger writes each record here as one JSON line. */
export function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    destination: {
      write(chunk: string) {
        raw.push(chunk);
        for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  };
}
