import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { connect, Feed, RESOURCE_CHANGED, type Change } from '../support/events';
import { GraphQLClient } from '../support/graphql';
import { startServer, type RunningServer } from '../support/process';

/**
 * Issue 12, items 3 and 4: several API processes on one database behave as one. Here one is this
 * test process's server, the other `node api/dist/main.js` (built first: `npm run build`), both
 * on the test database; PostgreSQL LISTEN/NOTIFY wakes the relays.
 */
let t: TestApp;
let other: RunningServer | undefined;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let here: GraphQLClient;

const startOther = () => startServer({ DATABASE_URL: inject('databaseUrl'), SEED_DEMO: 'false', JWT_SECRET: 'events-processes-secret-events-processes' });

async function signIn(baseUrl: string): Promise<GraphQLClient> {
  const client = new GraphQLClient(baseUrl);
  const { login } = await client.ok<{ login: { token: string } }>('mutation($a: String!, $p: String!) { login(account: $a, password: $p) { token } }', {
    a: tenant.adminAccount,
    p: tenant.password,
  });
  return client.withToken(login.token);
}

const wsOf = (s: RunningServer) => `ws://127.0.0.1:${s.port}/graphql`;

async function customer(client: GraphQLClient, name: string): Promise<string> {
  const { createCustomer } = await client.ok<{ createCustomer: { id: string } }>('mutation($n: String) { createCustomer(name: $n) { id } }', { n: name });
  return createCustomer.id;
}

async function since(): Promise<number> {
  const [row] = await t.db().getConnection().execute<{ last_seq: string }[]>('select last_seq from event_sequence where tenant_id = ?', [tenant.tenantId]);
  return Number(row?.last_seq ?? 0);
}

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'procs');
  here = await t.loginAs(tenant.adminAccount, tenant.password);
  other = await startOther();
});
afterAll(async () => {
  await other?.stop();
  await t?.close();
});

describe('two API processes on one database', () => {
  it('an event committed through one process reaches a subscriber on the other, both ways', async () => {
    const there = await signIn(other!.baseUrl);
    const onOther = new Feed<Change>(connect(wsOf(other!), there.token).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const onHere = new Feed<Change>(connect(t.wsUrl, here.token).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const a = await customer(here, 'Made here');
    const b = await customer(there, 'Made there');
    expect(await onOther.until((c) => c.ids[0] === a)).toMatchObject({ type: 'CREATED' });
    expect(await onHere.until((c) => c.ids[0] === b)).toMatchObject({ type: 'CREATED' });
    // One numbering for both: the same sequence numbers on both sides.
    await onOther.until((c) => c.ids[0] === b);
    await onHere.until((c) => c.ids[0] === a);
    const seqs = (f: Feed<Change>) => f.items.filter((c) => [a, b].includes(c.ids[0]!)).map((c) => [c.ids[0], c.seq]);
    expect(seqs(onOther)).toEqual(seqs(onHere));
  });

  it('resuming with after: seq across a restart of the subscriber’s process yields exactly the missed events, then live ones', async () => {
    const there = await signIn(other!.baseUrl);
    const live = connect(wsOf(other!), there.token);
    const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const first = await customer(here, 'Seen');
    const seen = await feed.until((c) => c.ids[0] === first);
    // SIGTERM: the socket is closed with 1001 (going away), the process exits 0.
    expect(await other!.stop()).toBe(0);
    expect(await live.closed).toBe(1001);
    other = undefined;
    const missed = [await customer(here, 'Missed 1'), await customer(here, 'Missed 2'), await customer(here, 'Missed 3')];
    other = await startOther();
    const again = await signIn(other.baseUrl);
    const resumed = new Feed<Change>(connect(wsOf(other), again.token).client, RESOURCE_CHANGED, { r: 'Customer', after: seen.seq });
    const replayed = await resumed.count(3);
    expect(replayed.map((c) => c.ids[0])).toEqual(missed);
    expect(replayed.map((c) => c.seq)).toEqual([seen.seq + 1, seen.seq + 2, seen.seq + 3]);
    const after = await customer(here, 'Live again');
    await resumed.until((c) => c.ids[0] === after);
    expect(resumed.items.map((c) => c.ids[0])).toEqual([...missed, after]);
  });

  it('a relay whose LISTEN connection was killed reconnects, and its subscribers miss nothing', async () => {
    const feed = new Feed<Change>(connect(t.wsUrl, here.token).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const name = t.app.services.events.relay.listenerName;
    const [killed] = await t
      .db()
      .getConnection()
      .execute<{ n: string }[]>('select count(pg_terminate_backend(pid)) as n from pg_stat_activity where application_name = ?', [name]);
    expect(Number(killed!.n)).toBe(1);
    // Committed through the other process while this relay is not listening.
    const there = await signIn(other!.baseUrl);
    const ids = [await customer(there, 'While away 1'), await customer(there, 'While away 2')];
    for (const id of ids) await feed.until((c) => c.ids[0] === id);
    expect(feed.items.map((c) => c.ids[0])).toEqual(ids);
  });
});
