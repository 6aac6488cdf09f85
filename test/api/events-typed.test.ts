import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { connect, Feed, RESOURCE_CHANGED, type Change } from '../support/events';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole, uniqueAccount } from '../support/security';

/**
 * Issue 12, item 2: the typed subscriptions (agent states, queue statistics, contacts, customers),
 * each scoped like the queries of its records; and item 4: a connect/subscribe/disconnect storm
 * leaves nothing behind.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;
let serial = 0;

beforeAll(async () => {
  t = await startTestApp({ events: { statsIntervalMs: 300 } });
  tenant = await createTestTenant(t.orm, 'typed');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  await admin.ok('mutation { updateMyTenant(quotaVersatileAgents: 100) { id } }');
});
afterAll(() => t?.close());

async function since(): Promise<number> {
  const [row] = await t.db().getConnection().execute<{ last_seq: string }[]>('select last_seq from event_sequence where tenant_id = ?', [tenant.tenantId]);
  return Number(row?.last_seq ?? 0);
}

async function queue(ouId: string | null): Promise<string> {
  const res = await admin.ok<{ createSkillQueue: { id: string } }>(
    'mutation($n: String, $o: ID) { createSkillQueue(name: $n, type: VOICE, ouId: $o) { id } }',
    {
      n: `Q${++serial}`,
      o: ouId,
    },
  );
  return res.createSkillQueue.id;
}

/** An agent of an employee homed in `ouId`, with the skill queue `queueId`. */
async function agent(ouId: string | null, queueId: string): Promise<string> {
  const a = uniqueAccount('typed');
  const { createEmployee: e } = await admin.ok<{ createEmployee: { id: string } }>(
    'mutation($a: String!, $h: ID) { createEmployee(account: $a, name: $a, password: "Initial#Pass1", homeOuId: $h) { id } }',
    { a, h: ouId },
  );
  const n = ++serial;
  const res = await admin.ok<{ createAgent: { id: string } }>(
    `mutation($e: ID, $q: ID!, $n: Int, $p: String) {
       createAgent(agentId: $n, agentType: VERSATILE, softphoneNumber: $p, employeeId: $e, skills: [{ skillQueueId: $q, isDefault: true }]) { id } }`,
    { e: e.id, q: queueId, n: 700 + n, p: `77${n}` },
  );
  return res.createAgent.id;
}

const report = (agentId: string, state: string, queues: string[]) =>
  admin.ok('mutation($a: ID!, $s: AgentStateValue!, $q: [ID!]) { reportAgentState(agentId: $a, state: $s, signedInQueueIds: $q) { id } }', {
    a: agentId,
    s: state,
    q: queues,
  });

interface StateChange {
  seq: number;
  agentId: string;
  state: string;
  signedInQueueIds: string[];
}
interface Stats {
  queueId: string;
  signedIn: number;
  idle: number;
  busy: number;
  queued: number;
  deviceUsage: number;
}

describe('agentStateChanged and queueStatsChanged', () => {
  it('deliver agent states and queue numbers of the supervisor’s OUs only', async () => {
    const qNorth = await queue(north);
    const qSouth = await queue(south);
    const aNorth = await agent(north, qNorth);
    const aSouth = await agent(south, qSouth);
    const role = await createRole(admin, ['agent-state', 'agent-state:view', 'skill-queues', 'skill-queues:view']);
    const supervisor = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: false }] }, 'supervisor');
    const live = connect(t.wsUrl, supervisor.client.token);
    const states = new Feed<StateChange>(live.client, 'subscription($a: SafeInt) { agentStateChanged(after: $a) { seq agentId state signedInQueueIds } }', {
      a: await since(),
    });
    const stats = new Feed<Stats>(
      live.client,
      'subscription($q: [ID!]) { queueStatsChanged(queueIds: $q) { queueId signedIn idle busy queued deviceUsage } }',
      {
        q: [qNorth, qSouth],
      },
    );
    // The named queues' numbers at the start: the out-of-scope one is not among them.
    expect(await stats.until((s) => s.queueId === qNorth)).toMatchObject({ signedIn: 0, idle: 0, busy: 0, queued: 0 });
    await report(aSouth, 'IDLE', [qSouth]);
    await report(aNorth, 'IDLE', [qNorth]);
    await report(aNorth, 'BUSY', [qNorth]);
    await admin.ok('mutation($q: ID!) { reportQueueLoad(queueId: $q, queued: 4) { id } }', { q: qNorth });
    const busy = await states.until((s) => s.agentId === aNorth && s.state === 'BUSY');
    expect(busy).toMatchObject({ signedInQueueIds: [qNorth] });
    expect(states.items.map((s) => s.agentId)).not.toContain(aSouth);
    const loaded = await stats.until((s) => s.queueId === qNorth && s.queued === 4 && s.busy === 1);
    expect(loaded).toMatchObject({ signedIn: 1, idle: 0, busy: 1, queued: 4 });
    expect(loaded.deviceUsage).toBeCloseTo(70 + (4 / 100) * 30);
    expect(stats.items.map((s) => s.queueId)).not.toContain(qSouth);
  });

  it('coalesce queue numbers: sent at most once per interval per queue, ending with the last numbers', async () => {
    // An interval long beside the changes: the eight reports below fall into one or two intervals.
    const slow = await startTestApp({ events: { statsIntervalMs: 3000 } });
    const slowAdmin = await slow.loginAs(tenant.adminAccount, tenant.password);
    const q = await queue(null);
    const live = connect(slow.wsUrl, slowAdmin.token);
    const stats = new Feed<Stats>(live.client, 'subscription($q: [ID!]) { queueStatsChanged(queueIds: $q) { queueId queued } }', { q: [q] });
    await stats.until(() => true);
    for (let n = 1; n <= 8; n++) await slowAdmin.ok('mutation($q: ID!, $n: Int!) { reportQueueLoad(queueId: $q, queued: $n) { id } }', { q, n });
    await stats.until((s) => s.queued === 8);
    expect(stats.items.length - 1).toBeLessThanOrEqual(2);
    const gaps = stats.at.slice(1).map((at, i) => at - stats.at[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2500);
    await slow.close();
  });
});

describe('contactRecorded and customerChanged', () => {
  it('deliver contacts and customer changes in the subscriber’s scope, filtered by queue, agent and customer', async () => {
    const { createCustomer: inNorth } = await admin.ok<{ createCustomer: { id: string } }>(
      'mutation($o: ID) { createCustomer(ouId: $o, name: "N", phones: ["+1 202 555 0101"]) { id } }',
      {
        o: north,
      },
    );
    const { createCustomer: inSouth } = await admin.ok<{ createCustomer: { id: string } }>(
      'mutation($o: ID) { createCustomer(ouId: $o, name: "S", phones: ["+1 202 555 0102"]) { id } }',
      {
        o: south,
      },
    );
    const role = await createRole(admin, ['customer-center', 'customer-center:view']);
    const reader = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: false }] }, 'contacts');
    const live = connect(t.wsUrl, reader.client.token);
    const after = await since();
    const contacts = new Feed<{ id: string; customerId: string | null; skillQueue: string | null }>(
      live.client,
      'subscription($a: SafeInt) { contactRecorded(queueId: "Q-7", after: $a) { id customerId skillQueue } }',
      { a: after },
    );
    const changes = new Feed<{ customerId: string; resource: string; type: string }>(
      live.client,
      'subscription($c: ID, $a: SafeInt) { customerChanged(customerId: $c, after: $a) { customerId resource type id } }',
      { c: inNorth.id, a: after },
    );
    const record = (caller: string, skillQueue: string) =>
      admin.ok<{ recordContact: { id: string } }>(
        'mutation($c: String!, $q: String) { recordContact(caller: $c, called: "100", channel: VOICE, startedAt: "2026-01-01T10:00:00Z", skillQueue: $q) { id } }',
        { c: caller, q: skillQueue },
      );
    await record('+1 202 555 0102', 'Q-7');
    await record('+1 202 555 0101', 'Q-8');
    const { recordContact: mine } = await record('+1 202 555 0101', 'Q-7');
    await admin.ok('mutation($id: ID!) { updateCustomer(id: $id, name: "Renamed") { id } }', { id: inSouth.id });
    await admin.ok('mutation($id: ID!) { updateCustomer(id: $id, name: "Renamed") { id } }', { id: inNorth.id });
    expect(await contacts.until((c) => c.id === mine.id)).toEqual({ id: mine.id, customerId: inNorth.id, skillQueue: 'Q-7' });
    expect(contacts.items).toHaveLength(1);
    await changes.until((c) => c.resource === 'Customer' && c.type === 'UPDATED');
    expect(changes.items.map((c) => [c.customerId, c.resource, c.type])).toEqual([
      [inNorth.id, 'ContactRecord', 'CREATED'],
      [inNorth.id, 'ContactRecord', 'CREATED'],
      [inNorth.id, 'Customer', 'UPDATED'],
    ]);
  });
});

describe('a connect / subscribe / disconnect storm', () => {
  it('leaves no subscription, session, listener, timer or memory behind after 1,000 cycles', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const events = t.app.services.events;
    const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
    // Back to what the earlier tests of this file left open (their connections close at the file's end).
    const sizes = () => ({ sessions: events.sessions.size, subscriptions: events.hub.size, stats: events.stats.size });
    const open = sizes();
    const back = () => Object.entries(sizes()).every(([k, n]) => n <= open[k as keyof typeof open]);
    const settle = async () => {
      await expect.poll(back, { timeout: 30_000, interval: 5 }).toBe(true);
      gc();
    };
    // One event to replay: each cycle's subscription is up when its first event arrives.
    await admin.ok('mutation { createCustomer(name: "Storm") { id } }');
    const from = (await since()) - 1;
    const cycle = async () => {
      const live = connect(t.wsUrl, admin.token);
      const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: from });
      await feed.count(1);
      const stats = new Feed<Stats>(live.client, 'subscription { queueStatsChanged { queueId } }');
      feed.unsubscribe();
      stats.unsubscribe();
      await live.dispose();
      await live.closed;
    };
    for (let i = 0; i < 50; i++) await cycle();
    await settle();
    const baseline = { handles: handles(), heap: process.memoryUsage().heapUsed };
    for (let i = 0; i < 1000; i++) await cycle();
    await settle();
    expect(back(), JSON.stringify({ now: sizes(), open })).toBe(true);
    expect(handles()).toBeLessThanOrEqual(baseline.handles);
    // A leak of even 5 KB per cycle would be 5 MB.
    expect(process.memoryUsage().heapUsed - baseline.heap).toBeLessThan(5 * 1024 * 1024);
  }, 600_000);
});
