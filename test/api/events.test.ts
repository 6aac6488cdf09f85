import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEvent } from '../../api/src/common/event.writer';
import { unscoped } from '../../api/src/common/row-scope';
import { openOrm } from '../../api/src/db/orm';
import { inject } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { connect, Feed, RESOURCE_CHANGED, type Change } from '../support/events';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 12: live events over a real WebSocket (graphql-ws), from the transactional outbox,
 * delivered only to subscribers who may read the record at delivery time.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let ouA: string;
let ouB: string;

beforeAll(async () => {
  t = await startTestApp({ events: { revalidateMs: 500, heartbeatMs: 300 } });
  tenant = await createTestTenant(t.orm, 'ev');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  ouA = await createOu(admin, 'A');
  ouB = await createOu(admin, 'B');
});
afterAll(() => t?.close());

const tokenOf = (c: GraphQLClient) => c.token!;

/**
 * The tenant's latest sequence number: a subscription resuming after it receives every later
 * event, however long its subscribe message takes to be processed (no race with the mutations).
 */
async function since(): Promise<number> {
  const [row] = await t.db().getConnection().execute<{ last_seq: string }[]>('select last_seq from event_sequence where tenant_id = ?', [tenant.tenantId]);
  return Number(row?.last_seq ?? 0);
}

async function customer(ouId: string | null, name = 'Customer'): Promise<string> {
  const { createCustomer } = await admin.ok<{ createCustomer: { id: string } }>('mutation($o: ID, $n: String) { createCustomer(ouId: $o, name: $n) { id } }', {
    o: ouId,
    n: name,
  });
  return createCustomer.id;
}

/** An employee reading customers in OU A only. */
async function readerOfA() {
  const role = await createRole(admin, ['customer-center', 'customer-center:view']);
  return createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: ouA, canRead: true, canWrite: false }] }, 'reader');
}

describe('connection auth', () => {
  it('closes a connection without a token, or with an invalid one, with 4403 at once', async () => {
    for (const token of [null, 'not-a-token', `${tokenOf(admin)}x`]) {
      const live = connect(t.wsUrl, token);
      expect(await live.closed, String(token)).toBe(4403);
    }
  });

  it('closes a connection with 4403 when its token expires', async () => {
    const short = await startTestApp({ tokenTtlSeconds: 2 });
    const shortAdmin = await short.loginAs(tenant.adminAccount, tenant.password);
    const live = connect(short.wsUrl, tokenOf(shortAdmin));
    const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    await new Promise<void>((resolve) => live.client.on('connected', () => resolve()));
    const opened = Date.now();
    expect(await live.closed).toBe(4403);
    // The token lived 2 s (issued within the second before): closed at its expiry, not before.
    expect(Date.now() - opened).toBeGreaterThanOrEqual(900);
    expect(await feed.ended()).toBeDefined();
    await short.close();
  });

  it('ends a disabled employee’s connection with 4403 within the re-check interval', async () => {
    const reader = await readerOfA();
    const live = connect(t.wsUrl, tokenOf(reader.client));
    new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    await new Promise<void>((resolve) => live.client.on('connected', () => resolve()));
    const started = Date.now();
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, enabled: false) { id } }', { id: reader.id });
    expect(await live.closed).toBe(4403);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('sends heartbeats carrying the tenant’s latest sequence number', async () => {
    const live = connect(t.wsUrl, tokenOf(admin));
    const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    await customer(null, 'Heartbeat');
    const change = await feed.until((c) => c.type === 'CREATED');
    while (!live.pings.some((p) => (p as { seq: number }).seq >= change.seq)) await new Promise<void>((resolve) => live.client.on('ping', () => resolve()));
    expect(live.pings.at(-1)).toEqual({ seq: expect.any(Number) });
  });
});

describe('delivery in scope', () => {
  it('delivers a change in the subscriber’s OU and never one outside it', async () => {
    const reader = await readerOfA();
    const live = connect(t.wsUrl, tokenOf(reader.client));
    const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const control = new Feed<Change>(connect(t.wsUrl, tokenOf(admin)).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const outside = await customer(ouB, 'Outside');
    const inside = await customer(ouA, 'Inside');
    await control.until((c) => c.ids[0] === inside);
    const got = await feed.until((c) => c.ids[0] === inside);
    expect(got).toMatchObject({ resource: 'Customer', type: 'CREATED', ids: [inside] });
    // Events arrive in sequence order: the earlier out-of-scope one would have come first.
    expect(feed.items.map((c) => c.ids[0])).not.toContain(outside);
    expect(control.items.map((c) => c.ids[0])).toContain(outside);
  });

  it('announces each customer an import creates, to the readers of its OU only', async () => {
    const reader = await readerOfA();
    const feed = new Feed<Change>(connect(t.wsUrl, tokenOf(reader.client)).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const control = new Feed<Change>(connect(t.wsUrl, tokenOf(admin)).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const upload = async (ou: string, csv: string) => {
      const res = await fetch(`${t.baseUrl}/api/imports/customers?${new URLSearchParams({ ou })}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${tokenOf(admin)}` },
        body: csv,
      });
      expect(res.status).toBe(202);
    };
    await upload(ouB, 'name,phones\nImported outside,+49 30 5559001\n');
    await upload(ouA, 'name,phones\nImported one,+49 30 5559002\nImported two,+49 30 5559003\n');
    const created = (items: Change[]) => items.filter((c) => c.type === 'CREATED').map((c) => c.ids[0]!);
    await control.until(() => created(control.items).length === 3);
    const idOf = async (name: string) =>
      (await t.db().getConnection().execute<{ id: string }[]>('select id from customer where tenant_id = ? and name = ?', [tenant.tenantId, name]))[0]!.id;
    const inA = [await idOf('Imported one'), await idOf('Imported two')];
    expect(created(control.items).sort()).toEqual([await idOf('Imported outside'), ...inA].sort());
    await feed.until((c) => c.ids[0] === inA[1]);
    // In sequence order: the outside one, numbered before them, would have come first.
    expect(created(feed.items)).toEqual(inA);
  });

  it('filters by ids (resource/<name>/<id>) and reports updates and deletes', async () => {
    const id = await customer(null, 'Watched');
    const other = await customer(null, 'Other');
    const live = connect(t.wsUrl, tokenOf(admin));
    const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', ids: [id], after: await since() });
    await new Promise<void>((resolve) => live.client.on('connected', () => resolve()));
    await admin.ok('mutation($id: ID!) { updateCustomer(id: $id, name: "Changed") { id } }', { id: other });
    await admin.ok('mutation($id: ID!) { updateCustomer(id: $id, name: "Changed") { id } }', { id });
    await admin.ok('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id });
    await feed.until((c) => c.type === 'DELETED');
    // Its creation may be numbered after the subscription's starting point: what follows it is what counts.
    const items = feed.items.filter((c) => c.type !== 'CREATED');
    expect(items.map((c) => [c.type, c.ids])).toEqual([
      ['UPDATED', [id]],
      ['DELETED', [id]],
    ]);
    expect(items[1]!.seq).toBeGreaterThan(items[0]!.seq);
  });

  it('stops delivering within 5 s once the grant that made the events visible is removed', async () => {
    const reader = await readerOfA();
    const feed = new Feed<Change>(connect(t.wsUrl, tokenOf(reader.client)).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const control = new Feed<Change>(connect(t.wsUrl, tokenOf(admin)).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const first = await customer(ouA, 'Before');
    await feed.until((c) => c.ids[0] === first);
    const removed = Date.now();
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, grants: []) { id } }', { id: reader.id });
    // Changes keep coming, paced by their delivery to the control; the reader's stop within 5 s.
    let lastSeen = removed;
    for (let i = 0; Date.now() - removed < 6000; i++) {
      const id = await customer(ouA, `After ${i}`);
      await control.until((c) => c.ids[0] === id);
      if (feed.items.some((c) => c.ids[0] === id)) lastSeen = Date.now();
    }
    expect(lastSeen - removed).toBeLessThan(5000);
  });

  it('refuses an unknown resource (BAD_USER_INPUT) and one the caller may not view (FORBIDDEN)', async () => {
    const reader = await readerOfA();
    const live = connect(t.wsUrl, tokenOf(reader.client));
    const unknown = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Nothing' });
    expect(JSON.stringify(await unknown.ended())).toContain('BAD_USER_INPUT');
    const forbidden = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'SkillQueue' });
    expect(JSON.stringify(await forbidden.ended())).toContain('FORBIDDEN');
  });
});

describe('the transactional outbox', () => {
  it('delivers nothing for a rolled-back change, and the committed one after it', async () => {
    const live = connect(t.wsUrl, tokenOf(admin));
    const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    await new Promise<void>((resolve) => live.client.on('connected', () => resolve()));
    const ghost = '00000000-0000-4000-8000-000000000001';
    const em = t.db();
    await em
      .transactional(async (tx) => {
        await writeEvent(tx, {
          tenantId: tenant.tenantId,
          resource: 'Customer',
          subject: 'Customer',
          type: 'CREATED',
          recordId: ghost,
          ouIds: [null],
          topics: {},
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    // A mutation refused after it started writing: a duplicate OU name under the same parent.
    const refused = await admin.request('mutation { createOrgUnit(name: "A") { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const id = await customer(null, 'Committed');
    await feed.until((c) => c.ids[0] === id);
    expect(feed.items.map((c) => c.ids[0])).not.toContain(ghost);
  });

  it('delivers an event whose writer died right after the commit (the next relay assigns it)', async () => {
    const live = connect(t.wsUrl, tokenOf(admin));
    const feed = new Feed<Change>(live.client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    await new Promise<void>((resolve) => live.client.on('connected', () => resolve()));
    // Another "process": its own ORM, no relay; it commits and is gone before waking anyone.
    const orphan = await openOrm(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
    const id = '00000000-0000-4000-8000-000000000002';
    await unscoped(orphan.em.fork(), 'a test writes as a dying process').transactional((tx) =>
      writeEvent(tx, { tenantId: tenant.tenantId, resource: 'Customer', subject: 'Customer', type: 'UPDATED', recordId: id, ouIds: [null], topics: {} }),
    );
    await orphan.close();
    expect(await feed.until((c) => c.ids[0] === id)).toMatchObject({ type: 'UPDATED' });
  });
});
