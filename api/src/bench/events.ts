import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
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
import { processRssMb } from './cpu';
import { Fanout, type FanoutRound, type FanoutTarget, percentile } from './fanout';
import { markdownTable, median, writeSection } from './report';
import { type Served, startBareWs, startServer } from './server';

const ROOT = path.resolve(__dirname, '../../..');
const SECRET = `bench-${randomUUID()}-${randomUUID()}`;
/** `--quick`: a smoke test of the harness (CI), written nowhere. */
const QUICK = process.argv.includes('--quick');
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 10));
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? (QUICK ? 100 : 1000));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const GROUPS = 20;
const SUPERVISORS = GROUPS;
const WRITERS = 4;

/**
 * `npm run bench:events` (M6, M8): live events over two API processes on one database. SUBSCRIBERS
 * OU-scoped supervisors' connections subscribe to recorded contacts (an agent dashboard's
 * subscription); four closed-loop writers push contacts with `recordContact`, as integrations
 * do, each matched by its calling number to the customer of a random OU, through the second process. Measured against a bare `ws`
 * broadcast of the same fan-out, interleaved: commit -> event at each subscriber that may read it,
 * the writers' throughput with and without subscribers, and the memory the idle subscribers
 * take. Written to the "Live events" section of docs/benchmarks.md.
 */
async function main() {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? path.join(ROOT, '.data/bench'), LOG_LEVEL: 'warn' });
  const db = await openDatabase(config, createLogger('warn'));
  const em = db.orm.em.fork();
  const tenant = em.create(Tenant, { code: `bench-ev-${randomUUID().slice(0, 8)}`, name: 'Events benchmark' });
  const ous = Array.from({ length: GROUPS }, (_, i) => em.create(OrgUnit, { tenant, name: `OU ${i}`, path: `OU ${i}`, parent: null }));
  const admin = em.create(Employee, { tenant, account: `bench.ev.admin.${randomUUID()}`, name: 'Admin', passwordHash: 'x', isTenantAdmin: true });
  const role = em.create(Role, { tenant, name: 'Viewer', permissions: ['customer-center', 'customer-center:view'] });
  const supervisors = Array.from({ length: SUPERVISORS }, (_, i) => {
    const e = em.create(Employee, { tenant, account: `bench.ev.${randomUUID()}`, name: `Supervisor ${i}`, passwordHash: 'x', homeOu: ous[i % ous.length] });
    e.roles.add(role);
    em.create(OuGrant, { tenant, employee: e, ou: ous[i % ous.length]!, canRead: true, canWrite: false });
    return e;
  });
  await em.flush();

  const [a, b, bare] = await Promise.all([startServer(db.url, SECRET), startServer(db.url, SECRET), startBareWs()]);
  const tokens = new TokenService(SECRET, 3600);
  const bearer = async (id: string) => (await tokens.issue({ sub: id, tid: tenant.id, knd: 'employee', cv: 0 })).token;
  const adminToken = await bearer(admin.id);
  const supervisorTokens = await Promise.all(supervisors.map((s) => bearer(s.id)));

  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  const callers = await customersPerOu(b, ous, adminToken);
  const api = new Fanout(apiTarget([a, b], callers, adminToken, supervisorTokens, sql), SUBSCRIBERS, GROUPS);
  const floor = new Fanout(bareTarget(bare.url), SUBSCRIBERS, GROUPS);
  const rss = () => [a, b].reduce((mb, s) => mb + (processRssMb(s.pid) ?? Number.NaN), 0);

  await api.unobserved(WRITERS, 2);
  const quiet = await api.unobserved(WRITERS, SECONDS);
  const idleBefore = { api: rss(), bare: processRssMb(bare.pid) ?? Number.NaN };
  await Promise.all([api.connect(), floor.connect()]);
  const idleGrowth = { api: rss() - idleBefore.api, bare: (processRssMb(bare.pid) ?? Number.NaN) - idleBefore.bare };
  const rounds: { api: FanoutRound; bare: FanoutRound }[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push({ api: await api.round(WRITERS, SECONDS), bare: await floor.round(WRITERS, SECONDS) });

  await Promise.all([api.close(), floor.close()]);
  await Promise.all([a.stop(), b.stop(), bare.stop()]);
  await sql.end();
  await db.close();

  const commitsKept = rounds.every((r) => r.api.fromCommit);
  const of = (side: 'api' | 'bare', pick: (r: FanoutRound) => number) => median(rounds.map((r) => pick(r[side]))) ?? Number.NaN;
  /** A latency row: the API's figure, the baseline's, and how many times the baseline's the API's is. */
  const row = (what: string, pick: (r: FanoutRound) => number, target = '') => {
    const [x, y] = [of('api', pick), of('bare', pick)];
    return [what, x.toFixed(1), y.toFixed(1), `${(x / y).toFixed(1)}x`, target];
  };
  /** A latency the baseline has no counterpart of (it replies after it has sent). */
  const apiOnly = (what: string, pick: (r: FanoutRound) => number) => [what, of('api', pick).toFixed(1), '', '', ''];
  const count = (what: string, pick: (r: FanoutRound) => number) => [what, of('api', pick).toFixed(0), of('bare', pick).toFixed(0), '', ''];
  const section = [
    `## Live events: \`npm run bench:events\`, ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    '',
    `Two API processes on one database; ${SUBSCRIBERS} subscriptions to \`contactRecorded\` (spread over both processes) of ${SUPERVISORS} supervisors each granted one of ${GROUPS} OUs, so each write is told to ${SUBSCRIBERS / GROUPS} subscribers; ${WRITERS} closed-loop writers push contacts with \`recordContact\` (matched by calling number to the customer of a random OU) through the second process, ${SECONDS} s per round, median of ${ROUNDS} rounds interleaved with the baseline: a bare \`ws\` server (its own process, bare-ws.ts) that writes one pre-serialised frame to the same groups of sockets on each POST. Every delivery is checked (a record of this round, of the subscriber's OU, once) and every subscriber of the OU must get it. Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, shared by PostgreSQL, both API processes, the baseline and the load generator; load average at the end ${os.loadavg()[0]!.toFixed(1)}.`,
    '',
    ...markdownTable(
      ['measure', 'API', 'bare ws', 'ratio', 'target'],
      [
        count('deliveries per round', (r) => r.deliveries),
        ...(commitsKept
          ? [
              row('commit -> event at the subscriber, p50 ms', (r) => percentile(r.fromCommit ?? r.fromSent, 0.5)),
              row('commit -> event at the subscriber, p99 ms', (r) => percentile(r.fromCommit ?? r.fromSent, 0.99), 'p99 ≤ 50 ms'),
            ]
          : []),
        apiOnly("write's reply at the writer -> event at the subscriber, p50 ms", (r) => percentile(r.fromReply, 0.5)),
        apiOnly("write's reply at the writer -> event at the subscriber, p99 ms", (r) => percentile(r.fromReply, 0.99)),
        row('write sent -> event at the subscriber, p50 ms', (r) => percentile(r.fromSent, 0.5)),
        row('write sent -> event at the subscriber, p99 ms', (r) => percentile(r.fromSent, 0.99)),
        count(`writes/s with ${SUBSCRIBERS} subscribers (baseline: broadcasts/s)`, (r) => r.writesPerSecond),
        [`writes/s, no subscribers (API) -> with ${SUBSCRIBERS}`, quiet.toFixed(0), '', (of('api', (r) => r.writesPerSecond) / quiet).toFixed(2), ''],
        [`RSS growth of ${SUBSCRIBERS} idle subscribers, MB (both API processes)`, idleGrowth.api.toFixed(1), idleGrowth.bare.toFixed(1), '', '≤ 50 MB'],
      ],
    ),
    '',
    commitsKept
      ? "Commit times are PostgreSQL's own (`track_commit_timestamp` on, `pg_xact_commit_timestamp` of each contact record row), on the same clock as the subscribers'; the baseline's \"commit\" is its POST being sent."
      : 'PostgreSQL kept no commit times (`track_commit_timestamp` is off): commit -> event lies between the two API rows, "reply at the writer" (after the commit) and "write sent" (before it).',
    'Every write inserts its outbox row in its transaction either way (there is no "events off"',
    'switch: the outbox is how a change becomes an event); the two write rates differ by the cost',
    'of numbering, waking and fanning out on the same cores.',
    '',
  ].join('\n');
  console.log(section);
  if (QUICK) return;
  // A run replaces the section of its own date; earlier runs' sections stay below it.
  await writeSection(path.join(ROOT, 'docs/benchmarks.md'), section.trimEnd().split('\n'));
}

/** Posts a GraphQL request as the admin; its data, or the run fails. */
async function adminPost<T>(server: Served, adminToken: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (res.status !== 200 || body.errors || !body.data) throw new Error(`bad reply ${JSON.stringify(body).slice(0, 200)}`);
  return body.data;
}

/** One customer with a phone of its own in each OU: the calling number of that OU's contacts. */
async function customersPerOu(server: Served, ous: OrgUnit[], adminToken: string): Promise<string[]> {
  const callers = ous.map((_, g) => `+49 30 5550 ${String(1000 + g)}`);
  for (const [g, ou] of ous.entries()) {
    await adminPost(server, adminToken, 'mutation($o: ID, $p: [String!]) { createCustomer(ouId: $o, name: "Caller", phones: $p) { id } }', {
      o: ou.id,
      p: [callers[g]],
    });
  }
  return callers;
}

/** The product: supervisor g (granted OU g) subscribes on either process; the admin writes through the second. */
function apiTarget(servers: Served[], callers: string[], adminToken: string, supervisorTokens: string[], sql: Client): FanoutTarget {
  const clients: WsClient[] = [];
  return {
    // PostgreSQL keeps commit times only with track_commit_timestamp on (a server setting).
    commitTimes: async (ids) => {
      const [{ on }] = (await sql.query<{ on: boolean }>("select current_setting('track_commit_timestamp') = 'on' as on")).rows as [{ on: boolean }];
      if (!on) return undefined;
      const { rows } = await sql.query<{ id: string; at: number }>(
        'select id, extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000 as at from contact_record where id = any($1)',
        [ids],
      );
      return new Map(rows.map((r) => [r.id, Number(r.at) - performance.timeOrigin]));
    },
    connect: (index, group, deliver) => {
      const server = servers[Math.floor(index / GROUPS) % servers.length]!;
      const client = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${supervisorTokens[group]}` },
        lazy: false,
        retryAttempts: 0,
      });
      clients.push(client);
      return new Promise<void>((resolve, reject) => {
        client.on('connected', () => resolve());
        client.on('closed', () => reject(new Error('subscriber closed')));
        client.subscribe<{ contactRecorded: { id: string } }>(
          { query: 'subscription { contactRecorded { seq id customerId channel } }' },
          {
            next: (v) => deliver(v.data?.contactRecorded.id ?? `not an event: ${JSON.stringify(v)}`),
            error: (e) => deliver(`an error: ${JSON.stringify(e)}`),
            complete: () => undefined,
          },
        );
      });
    },
    write: async (group) => {
      const data = await adminPost<{ recordContact: { id: string; customerId: string | null } }>(
        servers.at(-1)!,
        adminToken,
        'mutation($c: String!, $t: DateTimeISO!) { recordContact(caller: $c, called: "+49 800 1234567", channel: VOICE, startedAt: $t) { id customerId } }',
        { c: callers[group], t: new Date().toISOString() },
      );
      if (!data.recordContact.customerId) throw new Error(`contact of OU ${group} matched no customer`);
      return data.recordContact.id;
    },
    close: async () => void (await Promise.all(clients.map((c) => c.dispose()))),
  };
}

/** The floor: raw sockets in the same groups, told by the bare server of each POST. */
function bareTarget(url: string): FanoutTarget {
  const sockets: WebSocket[] = [];
  return {
    connect: (_index, group, deliver) => {
      const socket = new WebSocket(`${url.replace('http', 'ws')}/?group=${group}`);
      sockets.push(socket);
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { payload?: { data?: { contactRecorded?: { id?: string } } } };
        deliver(frame.payload?.data?.contactRecorded?.id ?? `not an event: ${String(data)}`);
      });
      return new Promise((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
    },
    write: async (group) => {
      const id = randomUUID();
      const res = await fetch(`${url}/send?group=${group}&id=${id}`, { method: 'POST' });
      if (res.status !== 204) throw new Error(`bare broadcast replied ${res.status}`);
      return id;
    },
    close: async () => {
      const closing = sockets.filter((s) => s.readyState !== WebSocket.CLOSED);
      const closed = closing.map((s) => new Promise((resolve) => s.once('close', resolve)));
      for (const s of closing) s.close();
      await Promise.all(closed);
    },
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
