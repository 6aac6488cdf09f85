import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';
import { STEP_TIMEOUT, docShot, expectText, failureShot, helperTextOf, pick, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * The customer page's Journey tab (issue 13, item 4): the customer's activities newest first,
 * loaded page by page as the list is scrolled (and by "Load more" from the keyboard), each once;
 * moves from the timeline into a closed request (which reopens), with the server's refusal under
 * the field it names, and to another customer; a viewer without the move permission gets no Move.
 * Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let api: GraphQLClient;
let admin: Recorded;
let viewer: Recorded | undefined;
let viewerAccount: { account: string; password: string };
const ids: Record<string, string> = {};
/** Jo's activities as the server orders them, newest first. */
let journey: string[] = [];
/** Activities older than the ones the test creates through the API: more than two pages of the journey (20 each). */
const OLD_ACTIVITIES = 45;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => h.t.orm.em.getConnection().execute<T[]>(text, params);

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'journey');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  const front = await createOu(api, 'Front office');
  for (const [name, phone] of [
    ['Jo Journey', '+1 415 555 0142'],
    ['Kim Elsewhere', '+1 415 555 0177'],
  ] as const) {
    const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>(
      'mutation($n: String, $p: [String!], $o: ID) { createCustomer(name: $n, phones: $p, ouId: $o) { id } }',
      { n: name, p: [phone], o: front },
    );
    ids[name] = createCustomer.id;
  }
  const request = async (customer: string, title: string) =>
    (
      await api.ok<{ createCustomerRequest: { id: string } }>('mutation($c: ID!, $t: String!) { createCustomerRequest(customerId: $c, title: $t) { id } }', {
        c: ids[customer],
        t: title,
      })
    ).createCustomerRequest.id;
  ids.closed = await request('Jo Journey', 'Old question');
  await api.ok('mutation($id: ID!) { updateCustomerRequest(id: $id, status: CLOSED) { id } }', { id: ids.closed });
  ids.kims = await request('Kim Elsewhere', 'Kim’s delivery');
  // The old ones at once, in SQL, a minute apart; then a contact (its activity) and one entered by hand, with a comment.
  await sql(
    `insert into activity (id, tenant_id, customer_id, media_type, tags, fields, version, created_at, updated_at)
     select gen_random_uuid(), ?, ?, 'EMAIL', array['old-' || i], '{}', 1, now() - interval '1 hour' - i * interval '1 minute', now()
       from generate_series(1, ?) i`,
    [tenant.tenantId, ids['Jo Journey'], OLD_ACTIVITIES],
  );
  await api.ok(
    'mutation($s: DateTimeISO!) { recordContact(caller: "+14155550142", called: "800-SWITCH", channel: VOICE, agent: "agent-7", skillQueue: "Billing", startedAt: $s) { id } }',
    { s: new Date(Date.now() - 600_000).toISOString() },
  );
  const { createActivity } = await api.ok<{ createActivity: { id: string } }>(
    'mutation($c: ID!) { createActivity(customerId: $c, mediaType: WEB, tags: ["move-me"]) { id } }',
    { c: ids['Jo Journey'] },
  );
  ids.moveMe = createActivity.id;
  await api.ok('mutation($a: ID!) { addComment(activityId: $a, text: "Asked about an old invoice") { id } }', { a: ids.moveMe });
  journey = (await sql<{ id: string }>('select id from activity where customer_id = ? order by created_at desc, id desc', [ids['Jo Journey']])).map(
    (r) => r.id,
  );
  // Sees the journey, may not move (no customer-context:move-activity).
  const role = await createRole(
    api,
    ['customer-center', 'customer-center:view', 'customer-context', 'customer-context:view', 'customer-context:edit'],
    'Journey viewer',
  );
  const created = await createEmployee(h.t, api, { roleIds: [role], grants: [{ ouId: front, canRead: true, canWrite: true }] }, 'jviewer');
  viewerAccount = { account: created.account, password: created.password };
  admin = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `journey-admin-${ctx.task.name}`);
  await failureShot(viewer?.page, `journey-viewer-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** The activities the timeline shows, in its order (duplicates kept, to be seen). */
const shown = (r: Recorded) => r.page.locator('[data-journey] [data-activity]').evaluateAll((items) => items.map((i) => i.getAttribute('data-activity')!));
const card = (r: Recorded, id: string) => r.page.locator(`[data-journey] [data-activity="${id}"]`);

describe('the customer journey (issue 13, item 4)', () => {
  it('scrolls past the first page: the next one appears, each activity once; Load more reaches the start', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    expect(journey).toHaveLength(OLD_ACTIVITIES + 2);
    await page.goto(h.url(`/Customer/${ids['Jo Journey']}/show`));
    await page.getByRole('tab', { name: 'Journey' }).click();
    await page.waitForURL(/\/show\/journey$/);
    await expect.poll(() => shown(admin)).toEqual(journey.slice(0, 20));
    expect(admin.ops('customerJourney')).toHaveLength(1);
    // The contact's activity: its channel, the contact's numbers and agent; none in a request.
    const contact = card(admin, journey[1]!);
    await expectText(contact.locator('[data-contact]'), /Caller:\s*\+14155550142.*Called:\s*800-SWITCH.*Agent:\s*agent-7.*Skill queue:\s*Billing/s);
    await expectText(contact.locator('h3'), /^Voice/);
    await expectText(contact.locator('[data-request]'), /No request/);
    await expectText(card(admin, ids.moveMe!), /Asked about an old invoice/);
    await docShot(page, 'customer-journey.png');

    // Scrolling to the end of the list loads the second page (no button pressed).
    await page.locator('[data-journey-end]').scrollIntoViewIfNeeded();
    await expect.poll(() => shown(admin)).toEqual(journey.slice(0, 40));
    const requests = admin.requests.filter((r) => r.name === 'customerJourney');
    expect(requests).toHaveLength(2);
    expect(requests[1]!.variables).toMatchObject({ customerId: ids['Jo Journey'], first: 20, after: expect.any(String) });
    await expectText(card(admin, journey[39]!).locator('h3'), /^Email/);

    // "Load more" from the keyboard: the last page, then the start of the journey and no more button.
    const more = page.getByRole('button', { name: 'Load older activities' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => shown(admin)).toEqual(journey);
    await page.getByText('The start of the journey').waitFor();
    expect(await more.count()).toBe(0);
    expect(new Set(await shown(admin)).size).toBe(journey.length);
  });

  it('moves an activity into a closed request of the customer from the timeline: the request reopens', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    const moved = card(admin, ids.moveMe!);
    await expectText(moved.locator('[data-request]'), /No request/);
    await moved.getByRole('button', { name: 'Move' }).click();
    const dialog = page.getByRole('dialog');
    // The customer's requests, with their status.
    await dialog.getByRole('combobox', { name: 'To request' }).click();
    const option = page.getByRole('option', { name: /Old question/ });
    await expectText(option, /Old question\s*Closed/);
    expect(await page.getByRole('option', { name: /Kim’s delivery/ }).count()).toBe(0);
    await option.click();
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(moved.locator('[data-request-title]'), 'Old question');
    await expectText(moved.locator('[data-status]'), 'Open');
    expect(admin.requests.filter((r) => r.name === 'moveActivity').at(-1)!.variables).toEqual({ activityId: ids.moveMe, toRequestId: ids.closed });
    const { CustomerRequest } = await api.ok<{ CustomerRequest: { status: string } }>(`{ CustomerRequest(id: "${ids.closed}") { status } }`);
    expect(CustomerRequest.status).toBe('OPEN');
    // Every page loaded stays loaded after the refresh.
    await expect.poll(() => shown(admin)).toEqual(journey);
    await settled(page);
  });

  it('shows the server’s refusal under the field it names', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    // The request it is already in: refused, under "To request".
    await card(admin, ids.moveMe!).getByRole('button', { name: 'Move' }).click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog.getByRole('combobox', { name: 'To request' }), /Old question/);
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expectText(await helperTextOf(page, dialog.getByRole('combobox', { name: 'To request' })), 'The activity is already in this request');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await settled(page);
  });

  it('moves an activity to another customer: it leaves the timeline', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    const leaving = journey[2]!;
    await card(admin, leaving).getByRole('button', { name: 'Move' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, dialog.getByRole('combobox', { name: 'To customer' }), 'Kim', 'Kim Elsewhere');
    // The request picker now offers Kim's requests.
    await dialog.getByRole('combobox', { name: 'To request' }).click();
    await page.getByRole('option', { name: /Kim’s delivery/ }).click();
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card(admin, leaving).waitFor({ state: 'detached' });
    await expect.poll(() => shown(admin)).toEqual(journey.filter((id) => id !== leaving));
    const { Activity } = await api.ok<{ Activity: { customerId: string; requestId: string } }>(`{ Activity(id: "${leaving}") { customerId requestId } }`);
    expect(Activity).toEqual({ customerId: ids['Kim Elsewhere'], requestId: ids.kims });
  });

  it('offers no Move to an employee without the move permission', { timeout: STEP_TIMEOUT }, async () => {
    viewer = await h.newPage();
    const { page } = viewer;
    await signIn(page, h.url(), viewerAccount.account, viewerAccount.password);
    await page.goto(h.url(`/Customer/${ids['Jo Journey']}/show/journey`));
    await expect.poll(async () => (await shown(viewer!)).length).toBe(20);
    expect(await page.locator('[data-journey]').getByRole('button', { name: 'Move' }).count()).toBe(0);
  });

  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
