import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface Served {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** Starts `node script` with `env`; ready once its output matches `ready` (whose group 1 is the port). */
function startProcess(script: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = []): Promise<Served> {
  const proc = spawn(process.execPath, [...nodeArgs, script], { env: { ...process.env, ...env } });
  let out = '';
  let stopping = false;
  return new Promise((resolve, reject) => {
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (m)
        resolve({
          url: `http://127.0.0.1:${m[1]}`,
          pid: proc.pid!,
          stop: () =>
            new Promise((r) => {
              stopping = true;
              if (proc.exitCode !== null) return r();
              proc.once('exit', () => r());
              proc.kill('SIGTERM');
            }),
        });
    });
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code, signal) => {
      const error = new Error(`${path.basename(script)} exited (${code ?? signal}): ${out.slice(-2000)}`);
      reject(error);
      // Once serving, a server that ends before it is stopped fails the run (its replies would be wrong ones).
      if (!stopping) {
        console.error(error.message);
        process.exitCode = 1;
      }
    });
  });
}

/** The API as deployed: `node api/dist/main.js` in its own process, production mode, on a free port. */
export function startServer(databaseUrl: string, secret: string): Promise<Served> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return startProcess(
    path.join(ROOT, 'api/dist/main.js'),
    { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', JWT_SECRET: secret, SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    /Console:\s+http:\/\/localhost:(\d+)/,
    nodeArgs,
  );
}

/** The bare baseline (bare.ts) in its own process. */
export function startBare(databaseUrl: string): Promise<Served> {
  return startProcess(path.join(__dirname, 'bare.js'), { DATABASE_URL: databaseUrl, NODE_ENV: 'production' }, /bare listening on (\d+)/);
}

/** The bare broadcast baseline of live events (bare-ws.ts) in its own process. */
export function startBareWs(): Promise<Served> {
  return startProcess(path.join(__dirname, 'bare-ws.js'), { NODE_ENV: 'production' }, /bare-ws listening on (\d+)/);
}
