import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'api/dist');

export function requireBuild() {
  if (!existsSync(path.join(DIST, 'main.js'))) throw new Error('api/dist is missing: run `npm run build` first (npm test does)');
}

/** The environment of a user's shell, minus anything that would point at the test database. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, NODE_ENV: _env, VITEST: _v, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

export interface RunningServer {
  proc: ChildProcess;
  port: number;
  baseUrl: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `node api/dist/main.js` like `npm start` does, and waits for its banner. */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
  requireBuild();
  const proc = spawn(process.execPath, [path.join(DIST, 'main.js')], { cwd: ROOT, env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', ...env }) });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Console:\s+http:\/\/localhost:(\d+)\/admin/.exec(out);
      if (match) {
        const port = Number(match[1]);
        resolve({
          proc,
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          output: () => out,
          stop: () => {
            proc.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code} before starting:\n${out}`)));
  });
}

/** Runs a product command (e.g. the tenant CLI) to completion. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  requireBuild();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [path.join(DIST, script), ...args], { cwd: ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
