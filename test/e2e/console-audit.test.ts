import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../api/src/db/seed/demo';
import { createTestTenant, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createOu, createRole, uniqueAccount } from '../support/security';
import {
  STEP_TIMEOUT,
  docShot,
  failureShot,
  helperTextOf,
  listRows,
  seriousViolations,
  settled,
  signIn,
  startHarness,
  tableRecords,
  type Harness,
  type Recorded,
} from './browser';

/**
 * Issue 9, defects 7 and 8: the console speaks to contact-center admins, not integrators (no
 * schema descriptions, GraphQL names, permission codes or raw ids), and the audit log reads as
 * who did what to which record, with readable before/after values, as the tenant admin and as a
 * North supervisor, who sees only titles of records it may read. Build first: `npm run build`.
 */

let h: Harness;
let api: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let admin: Recorded;
let north: Recorded;
const ids: Record<string, string> = {};
const accounts: Record<string, string> = {};

/** The demo North supervisor's role (api/src/db/seed/demo.ts), with the audit log. */
const SUPERVISOR = [...DEMO.accounts[0].role.permissions, 'audit', 'audit:view'];

/** An employee with a name of its own, signed in past its first password change. */
async function namedEmployee(t: TestApp, name: string, spec: Record<string, unknown>) {
  const account = uniqueAccount(name.split(' ')[0]!.toLowerCase());
  const { createEmployee } = await api.ok<{ createEmployee: { id: string } }>(
    `mutation($a: String!, $n: String!, $r: [ID!], $g: [OuGrantInput!], $h: ID, $m: ID, $adm: Boolean) {
       createEmployee(account: $a, name: $n, password: "Initial#Pass1", roleIds: $r, grants: $g, homeOuId: $h, managerId: $m, isTenantAdmin: $adm) { id }
     }`,
    { a: account, n: name, r: [], g: [], h: null, m: null, adm: false, ...spec },
  );
  const first = await t.loginAs(account, 'Initial#Pass1');
  await first.ok('mutation { changePassword(oldPassword: "Initial#Pass1", newPassword: "Changed#Pass1") }');
  return { id: createEmployee.id, account, password: 'Changed#Pass1', client: await t.loginAs(account, 'Changed#Pass1') };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** What integrators read and people should not: identifiers in camelCase, permission codes, schema wording. */
const DEVELOPER_WORDING = [
  /\b[a-z]+[A-Z][A-Za-z]*\b/,
  /\b[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z]+)*\b/,
  /\bnull\b/i,
  /\bomitted\b/i,
  /write needed/,
  /CLOSED closes/,
  /Only tenant admins/,
  /\*\*\*/,
  UUID,
];

/** The page's visible text (its main part), checked for developer wording. */
async function developerWordingOn(page: Page, where: Locator = page.locator('#main-content')): Promise<string[]> {
  const text = await where.innerText();
  return DEVELOPER_WORDING.flatMap((re) => {
    const found = text.match(re);
    return found ? [`${re}: "${found[0]}" in …${text.slice(Math.max(0, found.index! - 60), found.index! + 60).replace(/\s+/g, ' ')}…`] : [];
  });
}

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'audit');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  ids.north = await createOu(api, 'North');
  ids.east = await createOu(api, 'East', ids.north);
  ids.south = await createOu(api, 'South');
  const sven = await namedEmployee(h.t, 'Sven South', { h: ids.south, adm: true });
  ids.sven = sven.id;
  accounts.sven = sven.account;
  const nils = await namedEmployee(h.t, 'Nils North', { h: ids.north, m: ids.sven });
  ids.nils = nils.id;
  const role = await createRole(api, SUPERVISOR, 'North supervisor');
  const supervisor = await namedEmployee(h.t, 'Nora North', { h: ids.north, r: [role], g: [{ ouId: ids.north, canRead: true, canWrite: true }] });
  accounts.nora = supervisor.account;
  const customer = async (name: string, ou: string) =>
    (await api.ok<{ createCustomer: { id: string } }>('mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o) { id } }', { n: name, o: ou }))
      .createCustomer.id;
  ids.nina = await customer('Nina', ids.north);
  ids.sam = await customer('Sam South', ids.south);
  // Sven (a tenant admin at home in South) renames Nina, gives her a phone and moves her to East.
  await sven.client.ok('mutation($id: ID!, $o: ID) { updateCustomer(id: $id, name: "Nina North", phones: ["+1 555 0100"], ouId: $o) { id } }', {
    id: ids.nina,
    o: ids.east,
  });
  await api.ok('mutation { createApiClient(name: "Billing CRM") { id } }');
  const { createActivity } = await api.ok<{ createActivity: { id: string } }>('mutation($c: ID!) { createActivity(customerId: $c, mediaType: VOICE) { id } }', {
    c: ids.nina,
  });
  ids.activity = createActivity.id;
  const { createCustomerRequest } = await api.ok<{ createCustomerRequest: { id: string } }>(
    'mutation($c: ID!) { createCustomerRequest(customerId: $c, title: "Refund") { id } }',
    { c: ids.nina },
  );
  ids.request = createCustomerRequest.id;
  admin = await h.newPage({ bypassCSP: true });
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
  north = await h.newPage({ bypassCSP: true });
  await signIn(north.page, h.url(), supervisor.account, supervisor.password);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `audit-admin-${ctx.task.name}`);
  await failureShot(north?.page, `audit-north-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** The audit entry of an operation on a record, through the API (as the admin). */
async function entryId(operation: string, recordId: string): Promise<string> {
  const { allAuditEntries } = await api.ok<{ allAuditEntries: { id: string; operation: string; recordId: string }[] }>(
    '{ allAuditEntries(perPage: 500) { id operation recordId } }',
  );
  return allAuditEntries.find((e) => e.operation === operation && e.recordId === recordId)!.id;
}

async function openAuditList(page: Page) {
  await page.goto(h.url('/AuditEntry'));
  await page.locator('table tbody tr').first().waitFor();
  await settled(page);
  // Titles arrive with the page's one recordTitles query.
  await expect.poll(async () => (await tableRecords(page)).some((r) => r.Record === '…'), { timeout: 15_000 }).toBe(false);
}

async function changesOf(page: Page, id: string): Promise<string[]> {
  await page.goto(h.url(`/AuditEntry/${id}/show`));
  const table = page.getByRole('table', { name: 'Changes' });
  await table.waitFor();
  await expect.poll(async () => (await listRows(page, table)).some((r) => r.includes('…')), { timeout: 15_000 }).toBe(false);
  return listRows(page, table);
}

describe('defect 8: a readable audit log', () => {
  it('as the tenant admin: who, what, which record (linked) and readable changes', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await openAuditList(page);
    const rows = await tableRecords(page);
    await docShot(page, 'audit-list.png');
    const nina = rows.find((r) => r.What === 'Changed customer');
    expect(nina).toMatchObject({ Who: `Sven South (${accounts.sven})`, 'Record type': 'Customer', Record: 'Nina North', Changes: 'Name, OU, Phones' });
    expect(rows.find((r) => r.What === 'Created API client')).toMatchObject({ Record: 'Billing CRM', 'Record type': 'API client' });
    // Requests and activities share one permission subject; each reads as what it is.
    expect(rows.find((r) => r.What === 'Created customer request')).toMatchObject({ Record: 'Refund', 'Record type': 'Customer request' });
    expect(await developerWordingOn(page)).toEqual([]);
    // A record's title links to its page.
    const batch = admin.requests.filter((r) => r.name === 'recordTitles');
    expect(batch.length).toBeGreaterThan(0);
    await page.locator('table tbody tr', { hasText: 'Changed customer' }).getByRole('link', { name: 'Nina North' }).click();
    await page.waitForURL(new RegExp(`#/Customer/${ids.nina}/show$`));

    expect(await changesOf(page, await entryId('updateCustomer', ids.nina))).toEqual([
      'Name | Nina | Nina North',
      'OU | North | North / East',
      'Phones | — | +1 555 0100',
    ]);
    await expect.poll(() => page.title()).toBe('Audit entry · Switchboard');
    expect(await page.locator('#main-content').innerText()).toContain('Changed customer');
    expect(await developerWordingOn(page)).toEqual([]);
    // A secret reads as set or changed, never as its mask or digest.
    expect(await changesOf(page, await entryId('changePassword', ids.nils))).toEqual(['Must change password | Yes | No', 'Password | Set | Changed']);
    expect(await developerWordingOn(page)).toEqual([]);
    // The platform created the tenant (its admin and first OU).
    await changesOf(page, await entryId('createTenant', tenant.tenantId));
    expect(await page.locator('.ra-field-principalHandle').innerText()).toMatch(/System$/);
    expect(await page.locator('.ra-field-recordId').innerText()).toMatch(/Tenant parameters$/);
    // References by their titles: the manager, the home OU.
    const created = await changesOf(page, await entryId('createEmployee', ids.nils));
    expect(created).toEqual(expect.arrayContaining(['Manager | — | Sven South', 'Home OU | — | North', 'Name | — | Nils North']));
    expect(await developerWordingOn(page)).toEqual([]);
  });

  it('filters by record type from a drop-down of readable types', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await openAuditList(page);
    await page.getByRole('combobox', { name: 'Record type' }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['API client', 'Customer', 'Employee', 'Organization unit', 'Role', 'Tenant parameters']));
    await page.getByRole('option', { name: 'API client', exact: true }).click();
    await expect.poll(async () => [...new Set((await tableRecords(page)).map((r) => r['Record type']))]).toEqual(['API client']);
    expect(admin.requests.filter((r) => r.name === 'allAuditEntries').at(-1)!.variables.filter).toEqual({ recordType: 'ApiClient' });
  });

  it('as the North supervisor: only its records, and what it may not read as hidden', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    await openAuditList(page);
    const rows = await tableRecords(page);
    expect(rows.map((r) => r.Record)).toContain('Nina North');
    expect(rows.map((r) => r.Record)).not.toContain('Sam South');
    // Sven is at home in South: the supervisor reads his account, not his name.
    expect(rows.find((r) => r.What === 'Changed customer')).toMatchObject({ Who: accounts.sven, Record: 'Nina North' });
    expect(await developerWordingOn(page)).toEqual([]);
    await page.getByRole('combobox', { name: 'Record type' }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['Customer', 'Employee', 'Organization unit']));
    expect(options).not.toContain('Role');
    expect(options).not.toContain('API client');
    await page.keyboard.press('Escape');
    // Nils's manager is Sven, whom the supervisor may not read.
    const created = await changesOf(page, await entryId('createEmployee', ids.nils));
    expect(created).toEqual(expect.arrayContaining(['Manager | — | Hidden', 'Home OU | — | North']));
    expect(created.join('\n')).not.toContain('Sven');
    expect(await developerWordingOn(page)).toEqual([]);
  });

  it('axe-core finds no serious or critical violation on the audit log and an entry', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await openAuditList(page);
    expect(await seriousViolations(page)).toEqual([]);
    await changesOf(page, await entryId('updateCustomer', ids.nina));
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('defect 7: the console’s own wording', () => {
  const FORMS: [string, () => string, string][] = [
    ['the employee form', () => '/Employee/create', 'Account'],
    ['an employee edit form', () => `/Employee/${ids.nils}`, 'Home OU'],
    ['the customer form', () => '/Customer/create', 'Name'],
    ['the OU form', () => '/OrgUnit/create', 'Name'],
    ['the tenant parameters', () => '/my-tenant', 'Name'],
    ['a customer request form', () => `/CustomerRequest/${ids.request}`, 'Title'],
    ['the contact history', () => `/Customer/${ids.nina}/show/contactHistory`, 'From'],
  ];

  for (const [title, path, label] of FORMS) {
    it(`shows no developer wording on ${title} (tenant admin)`, { timeout: STEP_TIMEOUT }, async () => {
      const { page } = admin;
      await page.goto(h.url(path()));
      await page.getByText(label).first().waitFor();
      await settled(page);
      expect(await developerWordingOn(page)).toEqual([]);
    });
  }

  it('explains fields in the console’s words', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Employee/create'));
    const homeOu = page.getByRole('combobox', { name: 'Home OU' });
    await homeOu.waitFor();
    expect(await (await helperTextOf(page, homeOu)).innerText()).toBe(
      'The unit whose supervisors manage this employee. It gives the employee no access; grants do.',
    );
  });

  it('as the North supervisor: the customer form and the move dialog', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    await page.goto(h.url('/Customer/create'));
    await page.getByText('Name', { exact: true }).first().waitFor();
    await settled(page);
    expect(await developerWordingOn(page)).toEqual([]);
    await page.goto(h.url(`/Activity/${ids.activity}/show`));
    await page.getByRole('button', { name: 'Move' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await developerWordingOn(page, dialog)).toEqual([]);
    expect(await dialog.innerText()).toContain('you need to be able to edit both customers.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await settled(page);
  });

  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
