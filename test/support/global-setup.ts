import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../api/src/db/embedded';
import { migrate } from '../../api/src/db/migrate';
import { openOrm } from '../../api/src/db/orm';
import { ensureChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The Chromium the console tests launch (test/support/chromium.ts). */
    chromiumPath: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
/**
 * Each test project runs this setup, each with a module of its own: the browser is looked for (or
 * installed) and announced once per run, kept on the process.
 */
const run = globalThis as { switchboardChromium?: string };
let dataDir: string | undefined;

/**
 * The Chromium of the console tests: found, or installed through Playwright (test/support/chromium.ts).
 * One database server per test run: DATABASE_URL when set, else a throw-away embedded
 * PostgreSQL. Migrated once here; test files isolate themselves by creating their own tenants.
 */
export async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  if (!url) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-test-'));
    await chmod(dataDir, 0o755); // PostgreSQL runs as its own user when tests run as root
    embedded = await startEmbeddedPostgres(dataDir);
    url = embedded.url;
  }
  const orm = await openOrm(url);
  try {
    await migrate(orm);
    // Sign-in counters are transient: a kept database (DATABASE_URL) must not carry one run's
    // failures (per address, across accounts) into the next run as a lockout.
    await orm.em.getConnection().execute('truncate login_throttle');
  } finally {
    await orm.close();
  }
  project.provide('databaseUrl', url);
  run.switchboardChromium ??= ensureChromium();
  project.provide('chromiumPath', run.switchboardChromium);
}

export async function teardown() {
  await embedded?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
