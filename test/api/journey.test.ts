import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code } from '../support/security';
import { countStatements } from '../support/statements';

/** Issue 13: the customer journey — activities from contacts, the paged timeline, moves within it. */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'journey');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.orm.em.getConnection().execute<T[]>(text, params);
const customer = async (name: string, phone?: string) =>
  (
    await admin.ok<{ createCustomer: { id: string } }>('mutation($n: String, $p: [String!]) { createCustomer(name: $n, phones: $p) { id } }', {
      n: name,
      p: phone ? [phone] : [],
    })
  ).createCustomer.id;
const request = async (customerId: string, title: string) =>
  (
    await admin.ok<{ createCustomerRequest: { id: string } }>('mutation($c: ID!, $t: String!) { createCustomerRequest(customerId: $c, title: $t) { id } }', {
      c: customerId,
      t: title,
    })
  ).createCustomerRequest.id;
const activity = async (customerId: string, requestId: string | null = null) =>
  (
    await admin.ok<{ createActivity: { id: string } }>('mutation($c: ID!, $r: ID) { createActivity(customerId: $c, mediaType: WEB, requestId: $r) { id } }', {
      c: customerId,
      r: requestId,
    })
  ).createActivity.id;
const counts = async () =>
  (
    await sql<{ contacts: number; activities: number; audit: number }>(
      `select (select count(*)::int from contact_record where tenant_id = ?) as contacts, (select count(*)::int from activity where tenant_id = ?) as activities,
            (select count(*)::int from audit_entry where tenant_id = ?) as audit`,
      [tenant.tenantId, tenant.tenantId, tenant.tenantId],
    )
  )[0]!;
const fields = (res: { errors?: Array<{ extensions?: { fields?: Record<string, string> } }> }) => Object.keys(res.errors?.[0]?.extensions?.fields ?? {});

const RECORD = `mutation($caller: String!, $channel: Channel!, $customerId: ID, $requestId: ID) {
  recordContact(caller: $caller, called: "800", channel: $channel, startedAt: "2026-12-01T10:00:00Z", customerId: $customerId, requestId: $requestId) { id customerId }
}`;

describe('activities from contacts', () => {
  it('a matched contact records its activity (channel, link, request) in the same transaction and audit entry', async () => {
    const ann = await customer('Ann', '+1 415 555 0111');
    const invoice = await request(ann, 'Invoice');
    const { recordContact } = await admin.ok<{ recordContact: { id: string; customerId: string } }>(RECORD, {
      caller: '(415) 555-0111',
      channel: 'WHATSAPP',
      requestId: invoice,
    });
    expect(recordContact.customerId).toBe(ann);
    const [row] = await sql<{ id: string; media_type: string; request_id: string }>(
      'select id, media_type, request_id from activity where contact_record_id = ?',
      [recordContact.id],
    );
    expect(row).toMatchObject({ media_type: 'WHATSAPP', request_id: invoice });
    const [entry] = await sql<{ changes: Record<string, { after: unknown }> }>(
      "select changes from audit_entry where record_id = ? and operation = 'recordContact'",
      [recordContact.id],
    );
    expect([entry!.changes.activityId?.after, entry!.changes.requestId?.after]).toEqual([row!.id, invoice]);
    const { customerJourney } = await admin.ok<{
      customerJourney: {
        edges: { node: { id: string; mediaType: string; contactRecordId: string; contactRecord: { caller: string }; request: { title: string } } }[];
      };
    }>('query($c: ID!) { customerJourney(customerId: $c) { edges { node { id mediaType contactRecordId contactRecord { caller } request { title } } } } }', {
      c: ann,
    });
    expect(customerJourney.edges.map((e) => e.node)).toEqual([
      { id: row!.id, mediaType: 'WHATSAPP', contactRecordId: recordContact.id, contactRecord: { caller: '(415) 555-0111' }, request: { title: 'Invoice' } },
    ]);
  });

  it('a failing contact write leaves neither the contact nor an activity; an unmatched one has no activity', async () => {
    const bob = await customer('Bob', '+1 415 555 0122');
    const other = await request(await customer('Other'), 'Not Bob’s');
    const before = await counts();
    const refused = await admin.request(RECORD, { caller: '+1 415 555 0122', channel: 'VOICE', requestId: other });
    expect([code(refused), fields(refused)]).toEqual(['BAD_USER_INPUT', ['requestId']]);
    const unmatchedWithRequest = await admin.request(RECORD, { caller: '+44 20 7946 0999', channel: 'VOICE', requestId: other });
    expect([code(unmatchedWithRequest), fields(unmatchedWithRequest)]).toEqual(['BAD_USER_INPUT', ['requestId']]);
    expect(await counts()).toEqual(before);
    const { recordContact } = await admin.ok<{ recordContact: { id: string; customerId: string | null } }>(RECORD, {
      caller: '+44 20 7946 0999',
      channel: 'VOICE',
    });
    expect(recordContact.customerId).toBeNull();
    expect(await counts()).toEqual({ ...before, contacts: before.contacts + 1, audit: before.audit + 1 });
    expect(bob).toBeTruthy();
  });

  it('an unmatched contact gets its activity when assigned to a customer, once', async () => {
    const cy = await customer('Cy');
    const closed = await request(cy, 'Old question');
    await admin.ok('mutation($id: ID!) { updateCustomerRequest(id: $id, status: CLOSED) { id } }', { id: closed });
    const { recordContact } = await admin.ok<{ recordContact: { id: string } }>(RECORD, { caller: 'visitor-42', channel: 'WEB' });
    const ASSIGN = 'mutation($k: ID!, $c: ID!, $r: ID) { assignContactRecord(contactRecordId: $k, customerId: $c, requestId: $r) { id customerId } }';
    const before = await counts();
    for (const [vars, field] of [
      [{ k: randomUUID(), c: cy }, 'contactRecordId'],
      [{ k: recordContact.id, c: randomUUID() }, 'customerId'],
      [{ k: recordContact.id, c: cy, r: await request(await customer('Dee'), 'Dee’s') }, 'requestId'],
    ] as const) {
      const res = await admin.request(ASSIGN, vars);
      expect([code(res), fields(res)], JSON.stringify(vars)).toEqual(['BAD_USER_INPUT', [field]]);
    }
    expect((await counts()).activities).toBe(before.activities + 0);
    const { assignContactRecord } = await admin.ok<{ assignContactRecord: { customerId: string } }>(ASSIGN, { k: recordContact.id, c: cy, r: closed });
    expect(assignContactRecord.customerId).toBe(cy);
    const [row] = await sql<{ customer_id: string; request_id: string }>('select customer_id, request_id from activity where contact_record_id = ?', [
      recordContact.id,
    ]);
    expect(row).toEqual({ customer_id: cy, request_id: closed });
    const { CustomerRequest } = await admin.ok<{ CustomerRequest: { status: string } }>('query($id: ID!) { CustomerRequest(id: $id) { status } }', {
      id: closed,
    });
    expect(CustomerRequest.status, 'joining a closed request reopens it').toBe('OPEN');
    const again = await admin.request(ASSIGN, { k: recordContact.id, c: cy });
    expect([code(again), fields(again)]).toEqual(['BAD_USER_INPUT', ['contactRecordId']]);
  });
});

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}
const PAGE =
  'query($c: ID!, $first: Int!, $after: String) { customerJourney(customerId: $c, first: $first, after: $after) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }';
const page = async (c: string, first: number, after: string | null = null) =>
  (await admin.ok<{ customerJourney: Page }>(PAGE, { c, first, after })).customerJourney;

describe('the journey', () => {
  it('pages 10,000 activities newest first, with no duplicate and no gap while new ones arrive', { timeout: 120_000 }, async () => {
    const dora = await customer('Dora');
    // Many share a creation time to the microsecond: the id breaks the tie.
    await sql(
      `insert into activity (id, tenant_id, customer_id, media_type, tags, fields, version, created_at, updated_at)
       select gen_random_uuid(), ?, ?, 'VOICE', '{}', '{}', 1, t, t
         from (select timestamptz '2026-01-01' + (i / 3) * interval '1 minute' + (i % 3) * interval '1 microsecond' * (i % 2) as t from generate_series(1, 10000) i) s`,
      [tenant.tenantId, dora],
    );
    const expected = (await sql<{ id: string }>('select id from activity where customer_id = ? order by created_at desc, id desc', [dora])).map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p: Page = await page(dora, 100, after);
      seen.push(...p.edges.map((e) => e.node.id));
      pages++;
      // A new interaction between pages: it belongs before the first page, never inside a later one.
      if (pages % 10 === 1) await activity(dora);
      if (!p.pageInfo.hasNextPage) break;
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)!.cursor);
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(100);
    expect(seen).toEqual(expected);
    const fresh = await page(dora, 20);
    expect(fresh.edges).toHaveLength(20);
    expect(
      fresh.edges.slice(0, 10).every((e) => !expected.includes(e.node.id)),
      'the new activities come first',
    ).toBe(true);
  });

  it('one statement per page, with requests, contact records and comment counts, whatever the history', async () => {
    const eve = await customer('Eve', '+1 415 555 0133');
    const r = await request(eve, 'Refund');
    for (let i = 0; i < 30; i++) {
      const a = await activity(eve, i % 2 ? r : null);
      if (i % 3 === 0) await admin.ok('mutation($a: ID!) { addComment(activityId: $a, text: "noted") { id } }', { a });
      await admin.ok(RECORD, { caller: '+1 415 555 0133', channel: 'VOICE' });
    }
    const FULL = `query($c: ID!) { customerJourney(customerId: $c, first: 100) { edges { cursor node { id mediaType requestId request { id title status } contactRecordId contactRecord { id caller startedAt } commentCount } } pageInfo { endCursor hasNextPage } } }`;
    const { result, statements } = await countStatements(t, () =>
      admin.ok<{ customerJourney: { edges: { node: { commentCount: number; contactRecord: unknown; request: unknown } }[] } }>(FULL, { c: eve }),
    );
    expect(result.customerJourney.edges).toHaveLength(60);
    expect(result.customerJourney.edges.filter((e) => e.node.commentCount === 1)).toHaveLength(10);
    expect(result.customerJourney.edges.filter((e) => e.node.contactRecord)).toHaveLength(30);
    expect(result.customerJourney.edges.filter((e) => e.node.request)).toHaveLength(15);
    // The sign-in check and the page.
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2);

    // Outside the journey (a plain list), the same fields come through their loaders.
    const { allActivities } = await admin.ok<{ allActivities: { commentCount: number; contactRecord: { id: string } | null }[] }>(
      'query($c: ID!) { allActivities(filter: { customerId: $c }, perPage: 100) { commentCount contactRecord { id } } }',
      { c: eve },
    );
    expect([allActivities.filter((a) => a.commentCount === 1).length, allActivities.filter((a) => a.contactRecord).length]).toEqual([10, 30]);

    const CONTEXT = `{ customerContext(phone: "+1 415 555 0133") { customer { id } latestContacts { id } openRequests { id activities { id } }
      journey { edges { node { id request { status } contactRecord { caller } commentCount } } pageInfo { hasNextPage } }
      short: journey(first: 3) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const context = await countStatements(t, () => admin.ok<{ customerContext: { journey: Page; short: Page } }>(CONTEXT));
    expect(context.statements.length, context.statements.join('\n')).toBeLessThanOrEqual(2);
    const { journey, short } = context.result.customerContext;
    expect(journey.edges).toHaveLength(10);
    expect(journey.pageInfo.hasNextPage).toBe(true);
    expect(short.edges.map((e) => e.node.id)).toEqual(journey.edges.slice(0, 3).map((e) => e.node.id));
    // The context's first page continues with the journey query.
    const next = await page(eve, 5, short.pageInfo.endCursor);
    expect(next.edges.map((e) => e.node.id)).toEqual(journey.edges.slice(3, 8).map((e) => e.node.id));
  });

  it('answers each bad input with BAD_USER_INPUT naming the field', async () => {
    const fay = await customer('Fay');
    const gus = await customer('Gus');
    await activity(fay);
    await activity(fay);
    const { pageInfo } = await page(fay, 1);
    const cases: [Record<string, unknown>, string][] = [
      [{ c: gus, first: 1, after: pageInfo.endCursor }, 'after'],
      [{ c: fay, first: 1, after: 'not-a-cursor' }, 'after'],
      [{ c: fay, first: 1, after: Buffer.from(JSON.stringify([fay, 'yesterday', randomUUID()])).toString('base64url') }, 'after'],
      [{ c: randomUUID(), first: 1 }, 'customerId'],
      [{ c: 'nope', first: 1 }, 'customerId'],
      [{ c: fay, first: 0 }, 'first'],
      [{ c: fay, first: 101 }, 'first'],
    ];
    for (const [vars, field] of cases) {
      const res = await admin.request(PAGE, vars);
      expect([code(res), fields(res)], JSON.stringify(vars)).toEqual(['BAD_USER_INPUT', [field]]);
    }
  });
});

describe('moves within the journey', () => {
  const MOVE =
    'mutation($a: ID!, $c: ID, $r: ID) { moveActivity(activityId: $a, toCustomerId: $c, toRequestId: $r) { id version customerId requestId request { status } } }';
  type Moved = { id: string; version: number; customerId: string; requestId: string | null; request: { status: string } | null };
  const move = async (vars: Record<string, unknown>) => (await admin.ok<{ moveActivity: Moved }>(MOVE, vars)).moveActivity;

  it('to another request, out of any, to another customer (with or without its request); a closed request reopens', async () => {
    const hal = await customer('Hal');
    const ivy = await customer('Ivy');
    const [first, second] = [await request(hal, 'First'), await request(hal, 'Second')];
    const ivys = await request(ivy, 'Ivy’s');
    const a = await activity(hal, first);

    expect(await move({ a, r: second })).toMatchObject({ customerId: hal, requestId: second, request: { status: 'OPEN' } });
    expect(await move({ a, r: null })).toMatchObject({ customerId: hal, requestId: null });
    await move({ a, r: first });
    expect(await move({ a, c: ivy })).toMatchObject({ customerId: ivy, requestId: null });
    await sql("update customer_request set last_activity_at = now() - interval '30 days' where id = ?", [first]);
    await admin.ok('mutation($id: ID!) { updateCustomerRequest(id: $id, status: CLOSED) { id } }', { id: ivys });
    expect(await move({ a, c: hal, r: first }), 'an auto-closed request reopens').toMatchObject({
      customerId: hal,
      requestId: first,
      request: { status: 'OPEN' },
    });
    expect(await move({ a, c: ivy, r: ivys }), 'a request closed by hand reopens').toMatchObject({
      customerId: ivy,
      requestId: ivys,
      request: { status: 'OPEN' },
    });
    const [reopened] = await sql<{ closed_at: Date | null; last_activity_at: Date }>('select closed_at, last_activity_at from customer_request where id = ?', [
      ivys,
    ]);
    expect(reopened!.closed_at).toBeNull();
    expect(Date.now() - new Date(reopened!.last_activity_at).getTime()).toBeLessThan(60_000);
  });

  it('refuses what makes no move, or a request of another customer, and writes nothing', async () => {
    const jo = await customer('Jo');
    const kim = await customer('Kim');
    const jos = await request(jo, 'Jo’s');
    const kims = await request(kim, 'Kim’s');
    const a = await activity(jo, jos);
    const before = await sql('select version, customer_id, request_id from activity where id = ?', [a]);
    const cases: [Record<string, unknown>, string][] = [
      [{ a }, 'toCustomerId'],
      [{ a, c: jo }, 'toCustomerId'],
      [{ a, r: jos }, 'toRequestId'],
      [{ a, r: kims }, 'toRequestId'],
      [{ a, c: kim, r: jos }, 'toRequestId'],
      [{ a, r: 'nope' }, 'toRequestId'],
      [{ a, c: randomUUID() }, 'toCustomerId'],
    ];
    for (const [vars, field] of cases) {
      const res = await admin.request(MOVE, vars);
      expect([code(res), fields(res)], JSON.stringify(vars)).toEqual(['BAD_USER_INPUT', [field]]);
    }
    expect(await sql('select version, customer_id, request_id from activity where id = ?', [a])).toEqual(before);
  });
});

describe('comment counts outside the journey', () => {
  it('an activity read on its own, or a list of them, has its comment count (one id or several to the loader)', async () => {
    const lu = await customer('Lu');
    const [a, b] = [await activity(lu), await activity(lu)];
    for (const text of ['One', 'Two']) await admin.ok('mutation($a: ID!, $t: String!) { addComment(activityId: $a, text: $t) { id } }', { a, t: text });
    const moved = await admin.ok<{ moveActivity: { commentCount: number } }>(
      'mutation($a: ID!, $r: ID) { moveActivity(activityId: $a, toRequestId: $r) { commentCount } }',
      {
        a,
        r: await request(lu, 'Lu’s'),
      },
    );
    expect(moved.moveActivity.commentCount).toBe(2);
    const { Activity } = await admin.ok<{ Activity: { commentCount: number } }>('query($id: ID!) { Activity(id: $id) { commentCount } }', { id: a });
    expect(Activity.commentCount).toBe(2);
    const { allActivities } = await admin.ok<{ allActivities: { id: string; commentCount: number }[] }>(
      'query($c: ID!) { allActivities(filter: { customerId: $c }) { id commentCount } }',
      { c: lu },
    );
    expect(Object.fromEntries(allActivities.map((x) => [x.id, x.commentCount]))).toEqual({ [a]: 2, [b]: 0 });
  });
});
