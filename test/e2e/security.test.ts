import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import {
  STEP_TIMEOUT,
  docShot,
  expectText,
  failureShot,
  helperTextOf,
  listRows,
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
 * The security model screens (roles with the permission tree, employees with roles and OU
 * grants, API clients and their one-time secrets, the audit log) and what a limited employee
 * sees: driven in Chromium against the real API. Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let api: GraphQLClient;
/** The tenant admin's browser page. */
let admin: Recorded;
/** The limited employee's page (its own browser context). */
let staff: Recorded | undefined;
const ou: Record<string, string> = {};
let roleId = '';
// Accounts are unique across tenants: a run of its own, so the suite also passes against a kept database.
const EMPLOYEE = { account: `desk.agent.${Date.now().toString(36)}`, password: 'Initial#Pass1', newPassword: 'Desk#Agent2' };

const ROLE_PERMISSIONS = ['customer-center', 'customer-center:edit-contacts', 'customer-center:view', 'org-units', 'org-units:edit', 'org-units:view'];

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'sec');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  for (const name of ['Alpha', 'Beta']) {
    const { createOrgUnit } = await api.ok<{ createOrgUnit: { id: string } }>('mutation($n: String!) { createOrgUnit(name: $n) { id } }', { n: name });
    ou[name] = createOrgUnit.id;
  }
  admin = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `security-admin-${ctx.task.name}`);
  await failureShot(staff?.page, `security-staff-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

describe('security screens', () => {
  it('creates a role through the permission tree', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Role/create'));
    await page.getByLabel('Name').fill('Customer desk');
    await page.getByLabel('Description').fill('Front desk: customers and their OUs');
    const customers = page.getByRole('group', { name: 'Customer Center Management' });
    const orgs = page.getByRole('group', { name: 'Organization Management' });
    // Checking an operation checks its menu (an operation counts only with it).
    await customers.getByRole('checkbox', { name: 'View', exact: true }).check();
    await expect.poll(() => customers.getByRole('checkbox', { name: 'Customer Center Management' }).isChecked()).toBe(true);
    await customers.getByRole('checkbox', { name: 'Edit Contacts' }).check();
    await orgs.getByRole('checkbox', { name: 'View', exact: true }).check();
    await orgs.getByRole('checkbox', { name: 'Edit', exact: true }).check();
    // Unchecking a menu takes its operations with it.
    const agents = page.getByRole('group', { name: 'Agent Management' });
    await agents.getByRole('checkbox', { name: 'Create', exact: true }).check();
    await agents.getByRole('checkbox', { name: 'Agent Management' }).uncheck();
    await expect.poll(() => agents.getByRole('checkbox', { name: 'Create', exact: true }).isChecked()).toBe(false);
    await docShot(page, 'roles.png');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/Role$/);
    const sent = admin.requests.filter((r) => r.name === 'createRole').at(-1)!;
    expect([...(sent.variables.permissions as string[])].sort()).toEqual(ROLE_PERMISSIONS);
    const { allRoles } = await api.ok<{ allRoles: { id: string; name: string; permissions: string[] }[] }>(
      '{ allRoles(filter: { q: "Customer desk" }) { id name permissions } }',
    );
    expect(allRoles).toHaveLength(1);
    expect([...allRoles[0]!.permissions].sort()).toEqual(ROLE_PERMISSIONS);
    roleId = allRoles[0]!.id;
  });

  it('creates an employee with the role and OU grants through the grants editor', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Employee/create'));
    await page.getByLabel('Account').fill(EMPLOYEE.account);
    await page.getByLabel(/^Name/).fill('Desk Agent');
    await page.locator('input[name="password"]').fill(EMPLOYEE.password);
    await pick(page, page.getByRole('combobox', { name: 'Roles' }), 'Customer', 'Customer desk');

    const grants = page
      .locator('[data-source="grants"]')
      .or(page.getByRole('group', { name: 'OU grants' }))
      .first();
    const addGrant = page.getByRole('button', { name: 'Add' }).last();
    await addGrant.click();
    const rows = page.locator('.RaSimpleFormIterator-line');
    await pick(page, rows.nth(0).getByLabel('OU'), 'Alpha');
    // Write implies read; read off takes write with it.
    const read0 = rows.nth(0).getByRole('switch', { name: 'Read' }).or(rows.nth(0).getByLabel('Read'));
    const write0 = rows.nth(0).getByRole('switch', { name: 'Write' }).or(rows.nth(0).getByLabel('Write'));
    await read0.first().uncheck();
    await write0.first().check();
    await expect.poll(() => read0.first().isChecked()).toBe(true);
    await addGrant.click();
    await pick(page, rows.nth(1).getByLabel('OU'), 'Beta');
    expect(await rows.nth(1).getByLabel('Read').isChecked()).toBe(true);
    expect(await rows.nth(1).getByLabel('Write').isChecked()).toBe(false);
    void grants;
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/Employee$/);

    const { allEmployees } = await api.ok<{
      allEmployees: { id: string; roleIds: string[]; mustChangePassword: boolean; grants: { ouId: string; canRead: boolean; canWrite: boolean }[] }[];
    }>(`{ allEmployees(filter: { q: "${EMPLOYEE.account}" }) { id roleIds mustChangePassword grants { ouId canRead canWrite } } }`);
    expect(allEmployees).toHaveLength(1);
    const employee = allEmployees[0]!;
    expect(employee.roleIds).toEqual([roleId]);
    expect(employee.mustChangePassword).toBe(true);
    expect([...employee.grants].sort((a, b) => a.ouId.localeCompare(b.ouId))).toEqual(
      [
        { ouId: ou.Alpha, canRead: true, canWrite: true },
        { ouId: ou.Beta, canRead: true, canWrite: false },
      ].sort((a, b) => a.ouId.localeCompare(b.ouId)),
    );

    // The edit form shows the saved grants; its screenshot documents the grants editor.
    await page.goto(h.url(`/Employee/${employee.id}`));
    await page.reload();
    const ouInputs = page.locator('.RaSimpleFormIterator-line').getByLabel('OU');
    await expect.poll(async () => (await Promise.all((await ouInputs.all()).map((i) => i.inputValue()))).sort()).toEqual(['Alpha', 'Beta']);
    await docShot(page, 'employee-edit.png');

    // Saving the loaded grants sends them as OuGrantInput (no `ou`, no `__typename`), and no password.
    await page.getByRole('textbox', { name: 'Position' }).fill('Front desk');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/Employee$/);
    const update = admin.requests.filter((r) => r.name === 'updateEmployee').at(-1)!.variables;
    expect(update).not.toHaveProperty('password');
    expect((update.grants as Record<string, unknown>[]).map((g) => Object.keys(g).sort())).toEqual([
      ['canRead', 'canWrite', 'ouId'],
      ['canRead', 'canWrite', 'ouId'],
    ]);
    expect(update).toMatchObject({ position: 'Front desk', roleIds: [roleId], version: 1 });
  });

  it('makes the employee change its initial password first', { timeout: STEP_TIMEOUT }, async () => {
    staff = await h.newPage();
    const { page } = staff;
    await signIn(page, h.url(), EMPLOYEE.account, EMPLOYEE.password);
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    // Nothing else: no menu, no page behind it.
    expect(await page.locator('.RaMenu-open, .RaSidebar-fixed').count()).toBe(0);

    const current = page.getByLabel(/^Current password/);
    await current.fill('Wrong#Pass1');
    await page.getByLabel(/^New password/).fill(EMPLOYEE.newPassword);
    await page.getByLabel(/^Repeat new password/).fill(EMPLOYEE.newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
    await expectText(await helperTextOf(page, current), 'The current password is not correct');
    expect(staff.ops('changePassword')).toHaveLength(1);

    // The repetition is checked here, without a request.
    await current.fill(EMPLOYEE.password);
    await page.getByLabel(/^Repeat new password/).fill('Something#Else1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectText(await helperTextOf(page, page.getByLabel(/^Repeat new password/)), 'The passwords do not match');
    expect(staff.ops('changePassword')).toHaveLength(1);

    await page.getByLabel(/^Repeat new password/).fill(EMPLOYEE.newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('.RaMenu-open').waitFor();
    // Until then only `me`, login and changePassword went out: nothing the server would refuse.
    const beforeChange = staff.ops().slice(0, staff.ops().lastIndexOf('changePassword'));
    expect(new Set(beforeChange)).toEqual(new Set(['login', 'me', 'changePassword']));
    await api.ok('{ me { id } }');
    const fresh = await h.t.loginAs(EMPLOYEE.account, EMPLOYEE.newPassword);
    expect((await fresh.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }')).me.mustChangePassword).toBe(false);
  });

  it('shows the employee only the menus and buttons its role and grants allow', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = staff!;
    expect(await menuItems(page)).toEqual(['Home', 'Organization units', 'Customers', 'Address options']);
    await page.getByRole('menuitem', { name: 'Organization units' }).click();
    await page.waitForURL(/#\/OrgUnit$/);
    const alpha = page.locator('table tbody tr').filter({ has: page.getByRole('cell', { name: 'Alpha', exact: true }) });
    const beta = page.locator('table tbody tr').filter({ has: page.getByRole('cell', { name: 'Beta', exact: true }) });
    const cellOf = (row: typeof alpha, name: string) => row.getByRole('cell', { name, exact: true }).first();
    await alpha.getByRole('link', { name: 'Edit' }).waitFor();
    await beta.waitFor();
    // Only the OUs it may read; Edit where it may write; no Delete, no Create (no such permissions).
    expect((await listRows(page)).map((r) => r.split(' | ')[0])).toEqual(['Alpha', 'Beta']);
    expect(await beta.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Create' }).count()).toBe(0);
    // The read-only OU opens its details, without Edit; the writable one opens the form.
    await cellOf(beta, 'Beta').click();
    await page.waitForURL(new RegExp(`#/OrgUnit/${ou.Beta}/show$`));
    await page.getByText('Created at').waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    await page.goBack();
    await cellOf(alpha, 'Alpha').click();
    await page.waitForURL(new RegExp(`#/OrgUnit/${ou.Alpha}$`));
    // The parent picker offers only writable OUs, and no top level (no write on Unorganized).
    const parent = page.getByRole('combobox', { name: 'Parent OU' });
    await parent.click();
    await parent.fill('');
    await expect.poll(async () => (await page.getByRole('option').allInnerTexts()).map((s) => s.trim())).toEqual(['Alpha']);
  });

  it('shows the tenant admin every menu and every button', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/OrgUnit'));
    expect(await menuItems(page)).toEqual([
      'Home',
      'Organization units',
      'Employees',
      'Roles',
      'API clients',
      'Audit log',
      'Customers',
      'Customer requests',
      'Address options',
      'Activity fields',
      'Access codes',
      'IVRs',
      'Voice prompts',
      'Skill queues',
      'Skill queue groups',
      'Called routes',
      'Web channels',
      'Holidays and special hours',
      'Agents',
      'Tenant parameters',
    ]);
    const rows = page.locator('table tbody tr');
    await rows.filter({ hasText: 'Beta' }).getByRole('link', { name: 'Edit' }).waitFor();
    const count = await rows.count();
    expect(count).toBe(3);
    for (let i = 0; i < count; i++) {
      expect(await rows.nth(i).getByRole('link', { name: 'Edit' }).count()).toBe(1);
      expect(await rows.nth(i).getByRole('button', { name: 'Delete' }).count()).toBe(1);
    }
    expect(await page.getByRole('link', { name: 'Create' }).count()).toBe(1);
  });

  it('shows a new API client secret once, rotates and revokes it', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/ApiClient/create'));
    await page.getByLabel('Name').fill('CRM connector');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('you will not see it again').waitFor();
    const secret = await dialog.getByTestId('secret-value').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    // The copy button puts it on the clipboard.
    await admin.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await dialog.getByRole('button', { name: 'Copy client secret' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).or(dialog.getByText('Copied')).first().waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const created = admin.requests.filter((r) => r.name === 'createApiClient');
    expect(created).toHaveLength(1);
    const { allApiClients } = await api.ok<{ allApiClients: { id: string; clientId: string }[] }>(
      '{ allApiClients(filter: { q: "CRM connector" }) { id clientId } }',
    );
    const client = allApiClients[0]!;
    // The shown secret is the real one.
    const login = async (s: string) =>
      (
        await h.t.client.request<{ clientLogin: { token: string } | null }>(
          'mutation($c: String!, $s: String!) { clientLogin(clientId: $c, clientSecret: $s) { token } }',
          { c: client.clientId, s },
        )
      ).data?.clientLogin?.token;
    expect(await login(secret)).toBeTruthy();

    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.waitForURL(new RegExp(`#/ApiClient/${client.id}/show$`));
    await page.getByText(client.clientId).waitFor();
    // Never again: not on the client's page, not in the list.
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByText('Client secret').count()).toBe(0);
    await page.goto(h.url('/ApiClient'));
    await page.locator('table tbody tr', { hasText: 'CRM connector' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    expect((await page.locator('table thead th').allInnerTexts()).join(' ')).not.toMatch(/secret/i);

    // Rotate: confirmed, the new secret shown once, the old one dead.
    await page.goto(h.url(`/ApiClient/${client.id}/show`));
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    const rotated = page.getByRole('dialog');
    await rotated.getByText('you will not see it again').waitFor();
    const secret2 = await rotated.getByTestId('secret-value').inputValue();
    expect(secret2).not.toBe(secret);
    expect(await login(secret)).toBeFalsy();
    expect(await login(secret2)).toBeTruthy();
    await rotated.getByRole('button', { name: 'I have copied it' }).click();
    await settled(page);

    // Revoke: confirmed; afterwards neither rotate nor revoke is offered.
    await page.getByRole('button', { name: 'Revoke' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/The client stops working at once, for good/).waitFor();
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    // Revoked (the page shows when), and then neither rotate nor revoke is offered.
    await expect.poll(() => page.locator('.ra-field-revokedAt').innerText()).toMatch(/\d{4}/);
    expect(await page.getByRole('button', { name: 'Rotate secret' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    expect(await login(secret2)).toBeFalsy();
    expect(await page.content()).not.toContain(secret2);
  });

  it('lists the audit entries of these actions, filtered, with a before/after table', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/AuditEntry'));
    await page.locator('table tbody tr').first().waitFor();
    const column = async (header: string) => (await tableRecords(page)).map((r) => r[header]);
    // Newest first, in words: the client's revocation, its rotation, its creation, the password change...
    const NEWEST = [
      'Revoked an API client',
      'Issued a new secret',
      'Created API client',
      'Changed the password',
      'Changed employee',
      'Created employee',
      'Created role',
      'Created organization unit',
      'Created organization unit',
    ];
    await expect.poll(async () => (await column('What')).slice(0, NEWEST.length), { timeout: 5_000 }).toEqual(NEWEST);
    // ...then the tenant's creation by the platform.
    expect((await tableRecords(page)).slice(NEWEST.length).map((r) => [r.What, r.Who])).toEqual([['Created the organization', 'System']]);
    // Read-only: no Create, no Edit, no Delete.
    expect(await page.getByRole('link', { name: 'Create' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);

    // Filter by record type (always shown), picked from the types by name.
    await page.getByRole('combobox', { name: 'Record type' }).click();
    await page.getByRole('option', { name: 'Role', exact: true }).click();
    await expect.poll(() => column('What')).toEqual(['Created role']);
    expect(admin.requests.filter((r) => r.name === 'allAuditEntries').at(-1)!.variables.filter).toEqual({ recordType: 'Role' });
    await page.goto(h.url('/AuditEntry?filter=%7B%7D'));
    await expect.poll(async () => (await column('What')).slice(0, NEWEST.length)).toEqual(NEWEST);

    // By principal (an employee or an API client): the employee changed only its password.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Who' }).click();
    await pick(page, page.locator('form').getByRole('combobox', { name: 'Who' }), 'Desk', 'Desk Agent (Employee)');
    await expect.poll(() => column('What')).toEqual(['Changed the password']);
    expect(admin.requests.filter((r) => r.name === 'allAuditEntries').at(-1)!.variables.filter).toEqual({ principalId: expect.any(String) });

    // A time range that ends before everything: nothing.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'To' }).click();
    await page.locator('form').getByLabel('To').fill('2020-01-01T00:00');
    await page.getByText(/found using the current filters/).waitFor();
    const lastFilter = admin.requests.filter((r) => r.name === 'allAuditEntries').at(-1)!.variables.filter as Record<string, string>;
    expect(new Date(lastFilter.to!).getFullYear()).toBe(2020);
    await page.locator('[data-source="to"]').getByRole('button', { name: 'Remove this filter' }).click();
    const row = page.locator('table tbody tr', { hasText: 'Changed the password' });
    await row.waitFor();
    await row.click();
    await page.waitForURL(/#\/AuditEntry\/[0-9a-f-]{36}\/show$/);
    const changes = page.getByRole('table', { name: 'Changes' });
    await changes.waitFor();
    expect(await listRows(page, changes)).toEqual(['Must change password | Yes | No', 'Password | Set | Changed']);
    await expectText(page.getByText(`Desk Agent (${EMPLOYEE.account})`, { exact: true }), `Desk Agent (${EMPLOYEE.account})`);
    await docShot(page, 'audit.png');
  });

  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
