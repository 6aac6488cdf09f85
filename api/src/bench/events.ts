import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { createLogger } from '../logger';
import { Tenant } from '../common/tenant.entity';
import { Employee } from '../modules/identity/employee.entity';
import { OuGrant } from '../modules/identity/ou-grant.entity';
import { Role } from '../modules/identity/role.entity';
import { TokenService } from '../modules/identity/token';
import { OrgUnit } from '../modules/org/org-unit.entity';
import { startServer } from './server';

const ROOT = path.resolve(__dirname, '../../..');
const SECRET = `bench-${randomUUID()}-${randomUUID()}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const SUPERVISORS = 20;
const WRITERS = 4;

/**
 * `npm run bench:events`: live events over two API processes on one database. SUBSCRIBERS
 * OU-scoped supervisors' connections (half on each process) subscribe to customer changes; four
 * closed-loop writers create customers in random OUs through the second process. Measured:
 * mutation sent -> event at each subscriber that may read it (p50/p99, so it includes the
 * mutation itself), and the writers' throughput without and with the subscribers. Results are
 * written to the "Live events" section of docs/benchmarks.md.
 */
async function main() {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? path.join(ROOT, '.data/bench'), LOG_LEVEL: 'warn' });
  const db = await openDatabase(config, createLogger('warn'));
  const em = db.orm.em.fork();
  const tenant = em.create(Tenant, { code: `bench-ev-${randomUUID().slice(0, 8)}`, name: 'Events benchmark' });
  const ous = Array.from({ length: 20 }, (_, i) => em.create(OrgUnit, { tenant, name: `OU ${i}`, path: `OU ${i}`, parent: null }));
  const admin = em.create(Employee, { tenant, account: `bench.ev.admin.${randomUUID()}`, name: 'Admin', passwordHash: 'x', isTenantAdmin: true });
  const role = em.create(Role, { tenant, name: 'Viewer', permissions: ['customer-center', 'customer-center:view'] });
  const supervisors = Array.from({ length: SUPERVISORS }, (_, i) => {
    const e = em.create(Employee, { tenant, account: `bench.ev.${randomUUID()}`, name: `Supervisor ${i}`, passwordHash: 'x', homeOu: ous[i % ous.length] });
    e.roles.add(role);
    em.create(OuGrant, { tenant, employee: e, ou: ous[i % ous.length]!, canRead: true, canWrite: false });
    return e;
  });
  await em.flush();

  const [a, b] = await Promise.all([startServer(db.url, SECRET), startServer(db.url, SECRET)]);
  const tokens = new TokenService(SECRET, 3600);
  const bearer = async (id: string) => (await tokens.issue({ sub: id, tid: tenant.id, knd: 'employee', cv: 0 })).token;
  const adminToken = await bearer(admin.id);
  const supervisorTokens = await Promise.all(supervisors.map((s) => bearer(s.id)));

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let unexpected = 0;
  const write = async (): Promise<void> => {
    const ou = ous[Math.floor(Math.random() * ous.length)]!;
    const started = performance.now();
    const res = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: 'mutation($o: ID) { createCustomer(ouId: $o, name: "Bench") { id } }', variables: { o: ou.id } }),
    });
    const body = (await res.json()) as { data?: { createCustomer: { id: string } }; errors?: unknown };
    if (res.status !== 200 || body.errors || !body.data) throw new Error(`bad reply ${JSON.stringify(body).slice(0, 200)}`);
    sentAt.set(body.data.createCustomer.id, started);
  };
  const writeFor = async (seconds: number) => {
    const end = performance.now() + seconds * 1000;
    let n = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (performance.now() < end) {
          await write();
          n++;
        }
      }),
    );
    return n / ((performance.now() - started) / 1000);
  };

  for (let i = 0; i < 50; i++) await write();
  const quiet = await writeFor(SECONDS);

  // The subscribers: OU-scoped supervisors, spread over both processes.
  const clients: Client[] = [];
  const pending: { id: string; at: number }[] = [];
  await Promise.all(
    Array.from({ length: SUBSCRIBERS }, (_, i) => {
      const server = i % 2 ? b : a;
      const client = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${supervisorTokens[i % SUPERVISORS]}` },
        lazy: false,
        retryAttempts: 0,
      });
      clients.push(client);
      return new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.on('closed', () => reject(new Error('subscriber closed')));
        client.subscribe<{ resourceChanged: { ids: string[] } }>(
          { query: 'subscription { resourceChanged(resource: "Customer") { seq ids } }' },
          {
            next: (v) => {
              const id = v.data?.resourceChanged.ids[0];
              if (id) pending.push({ id, at: performance.now() });
              else unexpected++;
            },
            error: () => unexpected++,
            complete: () => undefined,
          },
        );
      });
    }),
  );
  const loud = await writeFor(SECONDS);
  // Let the last events arrive (every write's event is delivered within a relay cycle).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  for (const p of pending) {
    const sent = sentAt.get(p.id);
    if (sent !== undefined) latencies.push(p.at - sent);
  }
  latencies.sort((x, y) => x - y);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;

  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all([a.stop(), b.stop()]);
  await db.close();

  const section = [
    '## Live events',
    '',
    `\`npm run bench:events\` on ${new Date().toISOString().slice(0, 10)}: two API processes on one database; ${SUBSCRIBERS} subscriptions to customer changes (half on each process) of ${SUPERVISORS} supervisors each granted one of 20 OUs; ${WRITERS} closed-loop writers create customers in random OUs through the second process for ${SECONDS} s. Machine: ${require('node:os').cpus().length} cores shared by PostgreSQL, both API processes and the load generator; load average at the end ${require('node:os').loadavg()[0].toFixed(1)} (figures taken at a load above the core count measure the machine, not the API).`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| events delivered (to subscribers allowed to read them) | ${latencies.length} |`,
    `| mutation sent -> event at the subscriber, p50 | ${pick(0.5).toFixed(1)} ms |`,
    `| mutation sent -> event at the subscriber, p99 | ${pick(0.99).toFixed(1)} ms |`,
    `| writes/s, no subscribers | ${quiet.toFixed(0)} |`,
    `| writes/s, with ${SUBSCRIBERS} subscribers | ${loud.toFixed(0)} |`,
    `| replies that were not an event | ${unexpected} |`,
    '',
    'Every write inserts its outbox row in its transaction either way (there is no "events off"',
    'switch: the outbox is how a change becomes an event); the difference between the two write',
    'rates is the cost of numbering, waking and fanning out on the same cores.',
    '',
  ].join('\n');
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const current = await readFile(file, 'utf8');
  const at = current.indexOf('## Live events');
  await writeFile(file, `${(at >= 0 ? current.slice(0, at) : `${current.trimEnd()}\n\n`) + section}`);
  console.log(section);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
