import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { TokenService } from '../modules/identity/token';
import { benchAgentBatch } from './agents';
import { contextScenarios } from './context';
import { benchImport, type ImportTiming, medianImport } from './import';
import { listScenarios } from './lists';
import { type Measurement, runLoad } from './load';
import { benchOptions } from './options';
import { pipelineScenarios } from './pipeline';
import { lines, printTable, writeSection } from './report';
import { benchSection } from './section';
import type { Scenario } from './scenario';
import { seedWorld } from './seed';
import { startBare, startServer } from './server';
import { countStatements } from './statements';

const ROOT = path.resolve(__dirname, '../../..');
const SECRET = `bench-${randomUUID()}-${randomUUID()}`;

/**
 * `npm run bench [-- --quick | --customers N --seconds S --rounds R]`: seeds (or reuses) a tenant
 * of the requested size, runs the API as deployed and the bare baseline each in its own process,
 * and measures every scenario in interleaved rounds (round 1: A, B, C...; round 2: A, B, C...),
 * reporting medians, with every reply checked. The table goes to docs/benchmarks.md.
 */
async function main() {
  const options = benchOptions();
  const started = performance.now();
  const log = (line: string) => console.log(line);
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? path.join(ROOT, '.data/bench'), LOG_LEVEL: 'warn' });
  const db = await openDatabase(config, createLogger('warn'));
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const servers: { stop: () => Promise<void> }[] = [];
  try {
    const world = await seedWorld(pg, db.url, options, log);
    log(world.seeded ? `seeded in ${world.seedSeconds.toFixed(0)} s` : `reusing the seeded tenant ${world.tenantCode}`);
    const tokens = new TokenService(SECRET, 3600);
    const bearer = async (id: string) => (await tokens.issue({ sub: id, tid: world.tenantId, knd: 'employee', cv: 0 })).token;
    const admin = await bearer(world.adminId);
    const scoped = await bearer(world.scopedId);
    const [api, bare] = await Promise.all([startServer(db.url, SECRET), startBare(db.url)]);
    servers.push(api, bare);

    const scenarios = chosen(
      [
        ...(await contextScenarios(api, bare, world, admin)),
        ...pipelineScenarios(api, bare, world.adminId, admin),
        ...(await listScenarios(api, bare, world, { admin, scoped })),
      ],
      options.only,
    );
    const pgPids = async () =>
      (await pg.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map(
        (r) => r.pid,
      );
    const results = new Map<string, Measurement[]>(scenarios.map((s) => [s.id, []]));
    const imports: ImportTiming[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      log(`round ${round} of ${options.rounds}`);
      for (const s of scenarios) {
        const m = await runLoad({
          target: s.target,
          requests: s.requests,
          connections: s.connections ?? options.connections,
          seconds: options.seconds,
          warmupSeconds: options.quick ? 0.3 : 1.5,
          pgPids,
        });
        const resent = m.resent ? `  (${m.resent} sent again after the server closed a connection)` : '';
        log(`  ${s.id.padEnd(11)} ${m.perSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(2)} ms  p99 ${m.p99.toFixed(2)} ms${resent}`);
        results.get(s.id)!.push(m);
      }
      if (options.only.length) continue;
      imports.push(await benchImport(db.orm.em.fork(), pg, world, options.importRows));
      log(`  M7 import ${imports.at(-1)!.importRowsPerSecond.toFixed(0)} rows/s, COPY ${imports.at(-1)!.copyRowsPerSecond.toFixed(0)} rows/s`);
    }
    if (options.only.length) {
      printTable(lines(scenarios, results));
      return;
    }
    const statements = await countStatements(pg, db.url, SECRET, world, { admin, scoped });
    const batch = await benchAgentBatch(db.orm.em.fork(), world.tenantId, options.agents, (query) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query }),
      }).then(async (r) => ({ status: r.status, body: await r.json() })),
    );
    const table = lines(scenarios, results);
    console.log('');
    printTable(table);
    const importLine = medianImport(imports);
    console.log(
      `\nM7 bulk import of ${options.importRows} rows: npm run import's code path ${importLine.importRowsPerSecond.toFixed(0)} rows/s, COPY ${importLine.copyRowsPerSecond.toFixed(0)} rows/s, ratio ${(importLine.importRowsPerSecond / importLine.copyRowsPerSecond).toFixed(2)} (target ≥ 0.3)`,
    );
    for (const s of statements) console.log(`M2 ${s.name}: ${s.statements} statements (${s.target})`);
    for (const b of batch) console.log(`M9 ${b.name}: ${(b.ms / 1000).toFixed(2)} s`);
    const seconds = (performance.now() - started) / 1000;
    console.log(`\nfinished in ${seconds.toFixed(0)} s`);
    if (options.write) {
      await writeSection(path.join(ROOT, 'docs/benchmarks.md'), benchSection({ options, world, table, imports: importLine, statements, batch, seconds }));
      console.log('wrote docs/benchmarks.md');
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await pg.end();
    await db.close();
  }
}

/** The scenarios `--only` names, with the baselines they are compared with. */
function chosen(scenarios: Scenario[], only: string[]): Scenario[] {
  if (!only.length) return scenarios;
  const unknown = only.filter((id) => !scenarios.some((s) => s.id === id));
  if (unknown.length) throw new Error(`--only: no scenario ${unknown.join(', ')} (there are ${scenarios.map((s) => s.id).join(', ')})`);
  const wanted = new Set(only.flatMap((id) => [id, scenarios.find((s) => s.id === id)!.baseline ?? id]));
  return scenarios.filter((s) => wanted.has(s.id));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error && e.name === 'Error' ? e.stack : e);
    process.exit(1);
  },
);
