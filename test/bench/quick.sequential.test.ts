import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { requireBuild, ROOT } from '../support/process';

/**
 * Issue 15: `npm run bench -- --quick` runs in CI as a smoke test of the harness: every scenario
 * runs, every reply is checked (a wrong one fails the run), the table is printed. No thresholds:
 * a shared CI machine's figures are not the benchmark's.
 */
async function runQuick(script: string): Promise<string> {
  requireBuild();
  const proc = spawn(process.execPath, [path.join(ROOT, 'api/dist/bench', script), '--quick'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  expect(code, out.slice(-3000)).toBe(0);
  return out;
}

describe('npm run bench -- --quick', () => {
  it('measures every scenario against its baseline with every reply checked, and exits 0', { timeout: 300_000 }, async () => {
    const out = await runQuick('index.js');
    for (const row of ['M1 ', 'M1 bare', 'M3 ', 'M4 ', 'M5 ', 'M5 console', 'M5 deep', 'M5 search', 'M7 ', 'M2 customerContext', 'M9 ']) {
      expect(out, row).toContain(row);
    }
  });
});

describe('npm run bench:events -- --quick', () => {
  it('fans writes out to OU-scoped subscribers beside the bare broadcast, every delivery checked, and exits 0', { timeout: 120_000 }, async () => {
    const out = await runQuick('events.js');
    for (const row of ['deliveries per round', 'reply at the writer -> event', 'write sent -> event', 'RSS growth of 100 idle subscribers'])
      expect(out, row).toContain(row);
  });
});
