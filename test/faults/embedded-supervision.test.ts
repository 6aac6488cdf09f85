import { readFile } from 'node:fs/promises';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/process';

/**
 * Issue 14 item 3: the embedded PostgreSQL that `npm start` started is supervised. Killed, it is
 * restarted (a bounded number of times, each said in the log) and the product serves again;
 * killed once more than that, the server exits non-zero saying why — never a process that stays
 * up answering "database unavailable" forever.
 */
let server: RunningServer | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (server && server.proc.exitCode === null) await server.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  server = undefined;
});

async function start() {
  dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-supervised-'));
  await chmod(dataDir, 0o755);
  server = await startServer({ DATA_DIR: dataDir, SEED_DEMO: 'false', JWT_SECRET: 'supervision-test-secret-supervision-test' });
  return server;
}

/** Resolves when the server's output (so far or to come) matches `pattern` the `nth` time. */
function outputMatches(s: RunningServer, pattern: RegExp, nth = 1): Promise<void> {
  const count = () => s.output().match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (count() >= nth) {
        s.proc.stdout!.off('data', check);
        s.proc.stderr!.off('data', check);
        resolve();
      }
    };
    s.proc.stdout!.on('data', check);
    s.proc.stderr!.on('data', check);
    s.proc.once('exit', () => (count() >= nth ? resolve() : reject(new Error(`exited before ${pattern} (${nth}):\n${s.output()}`))));
    check();
  });
}

/** Kills the embedded PostgreSQL's postmaster as a crash would (postmaster.pid, line 1). */
async function killDatabase() {
  const pid = Number((await readFile(path.join(dataDir!, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  process.kill(pid, 'SIGKILL');
}

describe('the embedded database under npm start', () => {
  it('is restarted when it is killed, and the product serves again', { timeout: 90_000 }, async () => {
    const s = await start();
    expect((await fetch(`${s.baseUrl}/readyz`)).status).toBe(200);
    await killDatabase();
    await outputMatches(s, /embedded PostgreSQL exited \(SIGKILL\); restarting it \(attempt 1 of 3\)/);
    await outputMatches(s, /embedded PostgreSQL restarted on port \d+/);
    expect((await fetch(`${s.baseUrl}/readyz`)).status).toBe(200);
    const reply = await fetch(`${s.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(account: "nobody", password: "nothing") { token } }' }),
    });
    // Answered by the database again (an unknown account), not SERVICE_UNAVAILABLE.
    expect(((await reply.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('exits non-zero with the reason once it keeps dying', { timeout: 120_000 }, async () => {
    const s = await start();
    const exited = new Promise<number | null>((resolve) => s.proc.once('exit', (code) => resolve(code)));
    for (let restart = 1; restart <= 3; restart++) {
      await killDatabase();
      await outputMatches(s, /embedded PostgreSQL restarted on port/, restart);
    }
    await killDatabase();
    expect(await exited).toBe(1);
    expect(s.output()).toMatch(/Switchboard is stopping: embedded PostgreSQL \(data in .+\) exited \(SIGKILL\) again after 3 restarts; giving up/);
  });
});
