import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import constraints from '../../schema/constraints.json';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createRole } from '../support/security';
import {
  STEP_TIMEOUT,
  docShot,
  expectText,
  failureShot,
  helperTextOf,
  menuItems,
  pick,
  settled,
  signIn,
  startHarness,
  tableRecords,
  type Harness,
  type Recorded,
} from './browser';

/**
 * The customer center screens: search (by a phone written any way), the customer page (latest
 * contacts, history within the span, requests, activities, comments, moves), the generated
 * forms and their client-side limits, and a view-only employee. Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let api: GraphQLClient;
let admin: Recorded;
let viewer: Recorded | undefined;
let viewerAccount: { account: string; password: string };
const customer: Record<string, string> = {};
/** Agents of Ada's contact records, newest first (agent-6 is older than the tenant's span). */
const AGENTS = ['agent-0', 'agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5', 'agent-6'];

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'cust');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  const { createOrgUnit } = await api.ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(name: "Sales") { id } }');
  const sales = createOrgUnit.id;
  for (const value of ['Downtown', 'Uptown']) await api.ok('mutation($v: String!) { createAddressOption(value: $v) { id } }', { v: value });
  const create = async (name: string, phones: string[], emails: string[]) => {
    const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>(
      'mutation($n: String, $p: [String!], $e: [String!], $o: ID) { createCustomer(name: $n, phones: $p, emails: $e, ouId: $o, address: "Downtown", company: "Analytical Engines") { id } }',
      { n: name, p: phones, e: emails, o: sales },
    );
    customer[name] = createCustomer.id;
  };
  await create('Ada Lovelace', ['+1 (415) 555-0100'], ['ada@example.com']);
  await create('Bob Babbage', ['+1 (415) 555-0199'], []);
  await create('Cy Unrelated', ['+44 20 7946 0958'], ['cy@example.org']);
  // Seven contacts of Ada's, matched by her number written another way; the oldest beyond the span.
  const { myTenant } = await api.ok<{ myTenant: { contactRecordSpanDays: number } }>('{ myTenant { contactRecordSpanDays } }');
  const hour = 3_600_000;
  for (const [i, agent] of AGENTS.entries()) {
    const startedAt = new Date(Date.now() - (i === 6 ? (myTenant.contactRecordSpanDays + 2) * 24 * hour : (i + 1) * hour));
    await api.ok(
      'mutation($a: String, $s: DateTimeISO!, $e: DateTimeISO) { recordContact(caller: "+14155550100", called: "800-SWITCH", channel: VOICE, agent: $a, skillQueue: "Billing", startedAt: $s, endedAt: $e) { customerId } }',
      { a: agent, s: startedAt.toISOString(), e: new Date(startedAt.getTime() + 300_000).toISOString() },
    );
  }
  // A view-only employee of the customers' OU.
  const role = await createRole(api, ['customer-center', 'customer-center:view'], 'Customer viewer');
  const created = await createEmployee(h.t, api, { roleIds: [role], grants: [{ ouId: sales, canRead: true, canWrite: false }] }, 'viewer');
  viewerAccount = { account: created.account, password: created.password };
  admin = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `customers-admin-${ctx.task.name}`);
  await failureShot(viewer?.page, `customers-viewer-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** Whether the server publishes that a customer's address is one of the AddressOption values (see the report on constraints.json). */
const addressIsReference =
  (constraints as { mutations: Record<string, Record<string, { reference?: string }>> }).mutations.updateCustomer?.address?.reference === 'AddressOption';

const customerOf = async (id: string) =>
  (await api.ok<{ Customer: { remark: string; phones: string[]; version: number } }>(`{ Customer(id: "${id}") { remark phones version } }`)).Customer;

describe('customer center', () => {
  it('finds a customer by a phone written differently from how it was stored', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await page.waitForURL(/#\/Customer$/);
    await expect.poll(async () => (await tableRecords(page)).map((r) => r.Name)).toEqual(['Cy Unrelated', 'Bob Babbage', 'Ada Lovelace']);
    await docShot(page, 'customers.png');

    const phone = page.getByRole('textbox', { name: 'Phone' });
    await phone.fill('4155550100');
    await expect.poll(async () => (await tableRecords(page)).map((r) => r.Name)).toEqual(['Ada Lovelace']);
    expect(admin.requests.filter((r) => r.name === 'allCustomers').at(-1)!.variables.filter).toEqual({ phone: '4155550100' });
    const [ada] = await tableRecords(page);
    expect(ada!.Phones).toBe('+1 (415) 555-0100');
    expect(ada!.Emails).toBe('ada@example.com');
    // Three digits are too few: the server says so.
    await phone.fill('555');
    await page.getByText('Give at least 4 digits').waitFor();
    await phone.fill('4155550100');
    await expect.poll(async () => (await tableRecords(page)).map((r) => r.Name)).toEqual(['Ada Lovelace']);
  });

  it('opens the customer page: fields, exactly the latest five contacts, history within the span', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.locator('table tbody tr', { hasText: 'Ada Lovelace' }).getByRole('cell', { name: 'Ada Lovelace' }).click();
    await page.waitForURL(new RegExp(`#/Customer/${customer['Ada Lovelace']}/show$`));
    // Opening the page records it among the recent customers, which the menu lists.
    await expect.poll(() => admin.ops('openCustomer').length).toBe(1);
    await page.getByTestId('recent-Customer').getByRole('menuitem', { name: 'Ada Lovelace' }).waitFor();

    const latest = page.getByRole('table', { name: 'Latest contacts' });
    await latest.waitFor();
    const rows = await tableRecords(page, latest);
    expect(rows.map((r) => r.Agent)).toEqual(AGENTS.slice(0, 5));
    expect(rows[0]).toMatchObject({ Caller: '+14155550100', Called: '800-SWITCH', Channel: 'Voice', Direction: 'Inbound', 'Skill queue': 'Billing' });
    const started = rows.map((r) => Date.parse(r['Started at']!));
    expect(started).toEqual([...started].sort((a, b) => b - a));
    await expectText(page.locator('.ra-field-address'), /Downtown/);
    await docShot(page, 'customer.png');

    // "More": the whole history within the tenant's span (the seventh contact is older).
    await page.getByRole('tab', { name: 'Contact history' }).click();
    const history = page.locator('[data-query="contactHistory"]').getByRole('table');
    await history.waitFor();
    expect((await tableRecords(page, history)).map((r) => r.Agent)).toEqual(AGENTS.slice(0, 6));
    expect(admin.requests.filter((r) => r.name === 'contactHistory').at(-1)!.variables).toEqual({ customerId: customer['Ada Lovelace'] });
  });

  it('edits a field and refuses more phones than allowed on the client', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(new RegExp(`#/Customer/${customer['Ada Lovelace']}$`));
    const remark = page.getByRole('textbox', { name: 'Remark' });
    await expect.poll(() => page.getByRole('textbox', { name: 'Phone' }).first().inputValue()).toBe('+1 (415) 555-0100');

    // Phones: at most 5, each with a digit (constraints.json), checked before any request.
    const addPhone = page.getByRole('button', { name: 'Add phone' });
    for (let i = 2; i <= 5; i++) {
      await addPhone.click();
      await page
        .getByRole('textbox', { name: 'Phone' })
        .nth(i - 1)
        .fill(`+1 415 555 01${10 + i}`);
    }
    await expect.poll(() => addPhone.isDisabled()).toBe(true);
    await page.getByText(/\b5 of 5$/).waitFor();
    await page.getByRole('textbox', { name: 'Phone' }).nth(4).fill('call me');
    const before = admin.ops('updateCustomer').length;
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(await helperTextOf(page, page.getByRole('textbox', { name: 'Phone' }).nth(4)), 'Each phone must contain a digit');
    expect(admin.ops('updateCustomer').length).toBe(before);
    // Back to one phone, a new remark: saved.
    for (let i = 4; i >= 1; i--) {
      // The remove button of a row shows while the row is hovered.
      const line = page.locator('.ra-input-phones .RaSimpleFormIterator-line').nth(i);
      await line.hover();
      await line.getByRole('button', { name: 'Remove' }).click();
    }
    await expect.poll(() => addPhone.isDisabled()).toBe(false);
    await remark.fill('VIP caller');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`#/Customer/${customer['Ada Lovelace']}/show$`));
    await expectText(page.locator('.ra-field-remark'), /VIP caller/);
    const saved = await customerOf(customer['Ada Lovelace']!);
    expect(saved).toMatchObject({ remark: 'VIP caller', phones: ['+1 (415) 555-0100'], version: 2 });
    expect(admin.requests.filter((r) => r.name === 'updateCustomer').at(-1)!.variables).toMatchObject({ remark: 'VIP caller', version: 1 });
  });

  it.skipIf(!addressIsReference)('offers the address options as a drop-down (by value)', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url(`/Customer/${customer['Ada Lovelace']}`));
    const address = page.getByRole('combobox', { name: 'Address' });
    await expect.poll(() => address.innerText()).toBe('Downtown');
    await address.click();
    expect((await page.getByRole('option').allInnerTexts()).map((o) => o.trim())).toEqual(['None', 'Downtown', 'Uptown']);
    await page.getByRole('option', { name: 'Uptown' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`#/Customer/${customer['Ada Lovelace']}/show$`));
    expect(admin.requests.filter((r) => r.name === 'updateCustomer').at(-1)!.variables).toMatchObject({ address: 'Uptown' });
    expect((await api.ok<{ Customer: { address: string } }>(`{ Customer(id: "${customer['Ada Lovelace']}") { address } }`)).Customer.address).toBe('Uptown');
  });

  it('adds a request, an activity and a comment, and moves the activity to another customer', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    if (!/\/show$/.test(page.url())) await page.goto(h.url(`/Customer/${customer['Ada Lovelace']}/show`));
    await page.getByRole('tab', { name: 'Customer requests' }).click();
    await page.getByRole('button', { name: 'Add customer request' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Invoice question');
    await dialog.getByRole('button', { name: 'Add customer request' }).click();
    const requests = page.locator('[data-related="CustomerRequest"]');
    const request = requests.locator('table tbody tr', { hasText: 'Invoice question' });
    await request.waitFor();
    await settled(page);
    expect((await tableRecords(page, requests.locator('table').first()))[0]).toMatchObject({ Title: 'Invoice question', Status: 'Open' });

    // The request's row expands to its activities.
    await request.locator('[aria-label="Expand"]').click();
    const activities = requests.locator('[data-related="Activity"]');
    await activities.getByRole('button', { name: 'Add activity' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Media type' }).click();
    await page.getByRole('option', { name: 'Voice' }).click();
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await dialog.getByRole('textbox', { name: 'Tag' }).fill('billing');
    // The JSON editor refuses what does not parse, before any request.
    const fields = dialog.getByRole('textbox', { name: 'Fields' });
    await fields.fill('{"note": ');
    await dialog.getByRole('button', { name: 'Add activity' }).click();
    await expectText(await helperTextOf(page, fields), /^Must be valid JSON/);
    expect(admin.ops('createActivity')).toHaveLength(0);
    await fields.fill('{}');
    await dialog.getByRole('button', { name: 'Add activity' }).click();
    const activity = activities.locator('table tbody tr', { hasText: 'billing' });
    await activity.waitFor();
    await settled(page);
    const created = admin.requests.filter((r) => r.name === 'createActivity').at(-1)!.variables;
    expect(created).toMatchObject({ customerId: customer['Ada Lovelace'], mediaType: 'VOICE', tags: ['billing'], fields: {}, requestId: expect.any(String) });

    // Comments of an activity, added from its row.
    await activity.locator('[aria-label="Expand"]').click();
    await activities.getByRole('button', { name: 'Add comment' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Text' }).fill('Customer will send the invoice number.');
    await dialog.getByRole('button', { name: 'Add comment' }).click();
    const comments = activities.getByRole('table', { name: 'Comments' });
    await expect
      .poll(async () => ((await comments.count()) ? (await tableRecords(page, comments)).map((r) => r.Text) : []))
      .toEqual(['Customer will send the invoice number.']);
    expect((await tableRecords(page, comments))[0]!.Author).toBe(tenant.adminAccount);
    await settled(page);

    // Move the activity to Bob: a customer picker.
    await activities.getByRole('button', { name: 'Move' }).click();
    dialog = page.getByRole('dialog');
    await pick(page, dialog.getByRole('combobox', { name: 'To customer' }), 'Bob', 'Bob Babbage');
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expect
      .poll(
        async () =>
          (await api.ok<{ allActivities: { customerId: string }[] }>(`{ allActivities(filter: { customerId: "${customer['Bob Babbage']}" }) { customerId } }`))
            .allActivities.length,
      )
      .toBe(1);
    await activity.waitFor({ state: 'detached' });
  });

  it('shows a view-only employee the customers without Create, Edit or Delete', { timeout: STEP_TIMEOUT }, async () => {
    viewer = await h.newPage();
    const { page } = viewer;
    await signIn(page, h.url(), viewerAccount.account, viewerAccount.password);
    expect(await menuItems(page)).toEqual(['Home', 'Customers', 'Address options']);
    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await expect.poll(async () => (await tableRecords(page)).map((r) => r.Name)).toEqual(['Cy Unrelated', 'Bob Babbage', 'Ada Lovelace']);
    expect(await page.getByRole('link', { name: 'Create' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    // The API agrees: it would refuse the edit.
    const { allCustomers } = await (await h.t.loginAs(viewerAccount.account, viewerAccount.password)).ok<{
      allCustomers: { access: { canEdit: boolean; canDelete: boolean } }[];
    }>('{ allCustomers { access { canEdit canDelete } } }');
    expect(allCustomers.every((c) => !c.access.canEdit && !c.access.canDelete)).toBe(true);

    await page.locator('table tbody tr', { hasText: 'Ada Lovelace' }).getByRole('cell', { name: 'Ada Lovelace' }).click();
    await page.getByRole('table', { name: 'Latest contacts' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    // No customer-context permission: no requests or activities tabs.
    expect(await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.textContent))).toEqual(['Details', 'Contact history']);
  });

  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
