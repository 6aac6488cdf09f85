import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { humanize } from '../../admin/src/schema/humanize';
import { PASSWORD_POLICY as PUBLISHED_POLICY } from '../../admin/src/schema/passwordPolicy';
import { PASSWORD_POLICY } from '../../api/src/modules/identity/password';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';
import { STEP_TIMEOUT, expectText, failureShot, helperTextOf, pick, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * Forms, pickers and lists of issue 9 (defects 9–14 and the smaller ones of 16), fixed in the
 * generator and its shared widgets, driven in Chromium as a tenant admin and as a read-only
 * viewer. Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let api: GraphQLClient;
let admin: Recorded;
let viewer: Recorded;
let northOu = '';

/** Reads customers, their context, OUs and employees; changes nothing. */
const VIEWER = [
  'customer-center',
  'customer-center:view',
  'customer-context',
  'customer-context:view',
  'org-units',
  'org-units:view',
  'employees',
  'employees:view',
];

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'forms');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  northOu = await createOu(api, 'North');
  const role = await createRole(api, VIEWER, 'Viewer');
  const reader = await createEmployee(h.t, api, { roleIds: [role], homeOuId: northOu, grants: [{ ouId: northOu, canRead: true, canWrite: false }] }, 'viewer');
  admin = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
  viewer = await h.newPage();
  await signIn(viewer.page, h.url(), reader.account, reader.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `forms-admin-${ctx.task.name}`);
  await failureShot(viewer?.page, `forms-viewer-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** The `name` of the focused element of the page. */
const focusedName = (r: Recorded) => r.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null);

describe('smaller defects (issue 9, defect 16)', () => {
  it('"Add phone" goes to the empty last row instead of doing nothing, and focuses a new row', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Customer/create'));
    const addPhone = page.getByRole('button', { name: 'Add phone' });
    const phones = page.getByRole('textbox', { name: 'Phone' });
    await addPhone.click();
    await expect.poll(() => phones.count()).toBe(1);
    await expect.poll(() => focusedName(admin)).toBe('phones.0');
    // The row is still empty: the button goes back to it rather than adding a second empty one.
    await page.getByRole('textbox', { name: 'Name' }).click();
    await addPhone.click();
    await expect.poll(() => focusedName(admin)).toBe('phones.0');
    expect(await phones.count()).toBe(1);
    await phones.nth(0).fill('+44 20 7946 0018');
    await addPhone.click();
    await expect.poll(() => phones.count()).toBe(2);
    await expect.poll(() => focusedName(admin)).toBe('phones.1');
  });

  it('shows the server refusing two phones of one number under the second', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Customer/create'));
    const addPhone = page.getByRole('button', { name: 'Add phone' });
    const phones = page.getByRole('textbox', { name: 'Phone' });
    await addPhone.click();
    await phones.nth(0).fill('+44 20 7946 0018');
    await addPhone.click();
    // The second row holds the first number in another spelling.
    await phones.nth(1).fill('0044 (20) 7946-0018');
    await page.getByRole('textbox', { name: 'Name' }).fill('Twice Called');
    const before = admin.ops('createCustomer').length;
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => phones.nth(1).getAttribute('aria-invalid')).toBe('true');
    await expectText(await helperTextOf(page, phones.nth(1)), 'The same number as phone 1');
    expect(await phones.nth(0).getAttribute('aria-invalid')).toBe('false');
    expect(admin.ops('createCustomer').length).toBe(before + 1);
    expect(page.url()).toMatch(/#\/Customer\/create$/);
  });

  it('labels the add-grant button in words', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Employee/create'));
    await page.getByRole('button', { name: 'Add OU grant', exact: true }).waitFor();
  });

  it('shows a read-only empty list without asking to add one', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = viewer;
    await page.goto(h.url('/CustomerRequest'));
    await page.getByText('No Customer requests yet.').waitFor();
    await settled(page);
    expect(await page.getByText(/Do you want to add one/).count()).toBe(0);
    expect(await page.getByRole('link', { name: /create/i }).count()).toBe(0);
  });
});

/** The sources of a page's fields (`.ra-field-x`) or a form's inputs (`.ra-input-x`), in document order. */
const sourcesOf = (r: Recorded, kind: 'field' | 'input', scope: string) =>
  r.page.locator(scope).evaluate(
    (root, prefix) =>
      Array.from(root.querySelectorAll(`[class*="${prefix}"]`))
        .flatMap((el) => Array.from(el.classList).filter((c) => c.startsWith(prefix)))
        .map((c) => c.slice(prefix.length))
        .filter((s, i, all) => !s.includes('.') && all.indexOf(s) === i),
    `ra-${kind}-`,
  );

describe('consistent lists and forms (issue 9, defect 12)', () => {
  let employeeId = '';

  beforeAll(async () => {
    const { createEmployee: e } = await api.ok<{ createEmployee: { id: string } }>(
      'mutation($a: String!) { createEmployee(account: $a, name: "Olga Order", password: "Initial#Pass1", homeOuId: null) { id } }',
      { a: `olga.${Date.now().toString(36)}` },
    );
    employeeId = e.id;
    await api.ok('mutation { createCustomer(name: "Una Unorganized", ouId: null) { id } }');
  });

  it('reads Unorganized and empty values the same way in the list as on the page', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Customer'));
    const row = page.locator('table tbody tr').filter({ has: page.getByRole('cell', { name: 'Una Unorganized', exact: true }) });
    await row.waitFor();
    const headers = (await page.locator('table thead th').allInnerTexts()).map((t) => t.trim());
    const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    expect(cells[headers.indexOf('OU')]).toBe('Unorganized');
    expect(cells[headers.indexOf('Company')]).toBe('—');
  });

  it('creates with switches set to the server’s defaults, no Default/No/Yes drop-down', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Employee/create'));
    const form = page.locator('form');
    const enabled = form.getByLabel('Enabled', { exact: true });
    await enabled.waitFor();
    expect(await enabled.getAttribute('type')).toBe('checkbox');
    expect(await enabled.isChecked()).toBe(true);
    expect(await form.getByLabel('Tenant admin', { exact: true }).isChecked()).toBe(false);
    expect(await form.getByRole('combobox', { name: /^(Enabled|Tenant admin)/ }).count()).toBe(0);
  });

  it('shows the account on the edit form, read-only, and orders the form as the record’s page', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url(`/Employee/${employeeId}/show`));
    await page.locator('.ra-field-name', { hasText: 'Olga Order' }).waitFor();
    const shown = await sourcesOf(admin, 'field', '.RaShow-main');
    await page.goto(h.url(`/Employee/${employeeId}`));
    const account = page.locator('form input[name="account"]');
    await expect.poll(() => account.inputValue()).toMatch(/^olga\./);
    expect(await account.getAttribute('readonly')).not.toBeNull();
    const inputs = await sourcesOf(admin, 'input', 'form');
    const common = inputs.filter((s) => shown.includes(s));
    expect(common).toEqual(shown.filter((s) => common.includes(s)));
    expect(common.slice(0, 2)).toEqual(['account', 'name']);
  });

  it('labels channels as they are spelled, "Web" beside "WeChat"', { timeout: STEP_TIMEOUT }, async () => {
    expect(['WEB', 'WECHAT', 'WHATSAPP', 'SMS', 'SIGNED_OUT', 'RCS5G'].map(humanize)).toEqual(['Web', 'WeChat', 'WhatsApp', 'SMS', 'Signed Out', 'RCS 5G']);
    const { page } = admin;
    await page.goto(h.url('/SkillQueue/create'));
    await page
      .locator('form')
      .getByRole('combobox', { name: /^Type( |$)/ })
      .click();
    await page.getByRole('option', { name: 'Multimedia', exact: true }).click();
    await page.locator('form').getByLabel('Subtypes').click();
    const options = (await page.getByRole('option').allInnerTexts()).map((t) => t.trim());
    expect(options).toEqual(expect.arrayContaining(['Web', 'WeChat', 'WhatsApp', 'SMS']));
    await page.keyboard.press('Escape');
  });
});

describe('reference pickers (issue 9, defect 9)', () => {
  it('tells two customers of one name apart by number and phone, searching the server as the user types', { timeout: STEP_TIMEOUT }, async () => {
    const numbers: string[] = [];
    for (const phone of ['+1 415 555 0142', '+1 212 555 0177']) {
      const { createCustomer } = await api.ok<{ createCustomer: { customerNumber: string } }>(
        'mutation($p: [String!]) { createCustomer(name: "Sophia Garcia", phones: $p) { customerNumber } }',
        { p: [phone] },
      );
      numbers.push(createCustomer.customerNumber);
    }
    const { page } = admin;
    await page.goto(h.url('/CustomerRequest/create'));
    const picker = page.locator('form').getByRole('combobox', { name: 'Customer' });
    await picker.click();
    await picker.fill('Sophia');
    const options = page.getByRole('option');
    await expect
      .poll(async () => (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort())
      .toEqual([`Sophia Garcia #${numbers[0]} · +1 415 555 0142`, `Sophia Garcia #${numbers[1]} · +1 212 555 0177`].sort());
    expect(admin.requests.some((r) => r.name === 'allCustomers' && (r.variables.filter as { q?: string } | undefined)?.q === 'Sophia')).toBe(true);
    // A phone typed into the picker finds its customer on the server.
    await picker.fill('212 555 0177');
    await expect
      .poll(async () => (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()))
      .toEqual([`Sophia Garcia #${numbers[1]} · +1 212 555 0177`]);
    await options.first().click();
    // The input names the choice by its name alone.
    await expect.poll(() => picker.inputValue()).toBe('Sophia Garcia');
  });

  it('shows the account under an employee’s name', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Employee/create'));
    const manager = page.locator('form').getByRole('combobox', { name: 'Manager' });
    await manager.click();
    await manager.fill('Olga');
    await expect
      .poll(async () => (await page.getByRole('option').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()))
      .toEqual([expect.stringMatching(/^Olga Order olga\./)]);
    await page.keyboard.press('Escape');
  });
});

/** The password rules listed under a password input, each with whether it is met. */
const rulesUnder = (r: Recorded) =>
  r.page
    .getByRole('list', { name: 'Password rules' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((li) => `${li.getAttribute('data-met') === 'true' ? '✓' : '·'} ${(li as HTMLElement).innerText.trim()}`));

describe('password policy (issue 9, defect 10)', () => {
  it('publishes the rules the server checks', () => {
    expect(PUBLISHED_POLICY).toEqual(PASSWORD_POLICY);
  });

  it('lists the rules on the employee form and checks them as the user types, before any request', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Employee/create'));
    const form = page.locator('form');
    await form.getByLabel('Account').fill('paula.policy');
    await form.getByLabel(/^Name/).fill('Paula Policy');
    const password = form.locator('input[name="password"]');
    await password.fill('abc');
    await expect
      .poll(() => rulesUnder(admin))
      .toEqual([
        '· At least 8 characters',
        '· An upper-case letter',
        '✓ A lower-case letter',
        '· A digit',
        '· A special character',
        '✓ Not the account name, nor reversed',
      ]);
    await password.fill('Abcdefg1!');
    await expect.poll(async () => (await rulesUnder(admin)).every((r) => r.startsWith('✓'))).toBe(true);
    // The account reversed, in another case: that rule only.
    await password.fill('YCILOP.ALUAP');
    await expect
      .poll(async () => (await rulesUnder(admin)).filter((r) => r.startsWith('·')))
      .toEqual(['· A lower-case letter', '· A digit', '· Not the account name, nor reversed']);
    await password.fill('Abcdefgh!');
    const before = admin.ops('createEmployee').length;
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(await helperTextOf(page, password), 'Password must contain a digit');
    expect(admin.ops('createEmployee').length).toBe(before);
  });

  it('lists them on the profile’s password change too', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = viewer;
    await page.goto(h.url('/profile'));
    const next = page.getByLabel(/^New password/);
    await next.fill('Short1!');
    await expect
      .poll(() => rulesUnder(viewer))
      .toEqual([
        '· At least 8 characters',
        '✓ An upper-case letter',
        '✓ A lower-case letter',
        '✓ A digit',
        '✓ A special character',
        '✓ Not the account name, nor reversed',
      ]);
  });
});

describe('contact history (issue 9, defect 13)', () => {
  it('says it reaches back the tenant’s span, and shows From after To as an error on From', { timeout: STEP_TIMEOUT }, async () => {
    const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>('mutation { createCustomer(name: "Hanna History") { id } }');
    const { page } = admin;
    await page.goto(h.url(`/Customer/${createCustomer.id}/show/contactHistory`));
    const history = page.locator('[data-query="contactHistory"]');
    await expectText(history.locator('[data-span]'), 'Limited to the last 30 days');
    await history.locator('input[name="from"]').fill('2026-03-02T10:00');
    await history.locator('input[name="to"]').fill('2026-03-01T10:00');
    await history.getByRole('button', { name: 'Show' }).click();
    const from = history.locator('input[name="from"]');
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
    await expectText(await helperTextOf(page, from), 'From must be before To');
    expect(admin.requests.filter((r) => r.name === 'contactHistory').at(-1)!.variables).toMatchObject({ from: expect.stringMatching(/^2026-03-02/) });
  });
});

describe('list filters (issue 9, defect 14)', () => {
  it('adds the OU filter without moving or wrapping the others, and includes sub-OUs by default', { timeout: STEP_TIMEOUT }, async () => {
    const east = await createOu(api, 'North East', northOu);
    await api.ok('mutation($o: ID) { createCustomer(name: "Nora North", ouId: $o) { id } }', { o: northOu });
    await api.ok('mutation($o: ID) { createCustomer(name: "Erik East", ouId: $o) { id } }', { o: east });
    const { page } = admin;
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.goto(h.url('/Customer'));
    await page.locator('table tbody tr').first().waitFor();
    await settled(page);
    const boxes = () =>
      page.locator('.filter-field').evaluateAll((els) =>
        // In the bar's own coordinates: the bar may scroll sideways to show a new filter.
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: Math.round(r.x + (el.parentElement?.scrollLeft ?? 0)), bottom: Math.round(r.bottom) };
        }),
      );
    const before = await boxes();
    expect(before.length).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menu').getByText('OU', { exact: true }).click();
    const subOus = page.getByLabel('Include sub OUs');
    await subOus.waitFor();
    expect(await subOus.isChecked()).toBe(true);
    const after = await boxes();
    // The filters shown before keep their places; the new one is on the same row.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(new Set(after.map((b) => b.bottom)).size).toBe(1);
    // Nor does the page grow sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

    await pick(page, page.locator('.filter-field').getByRole('combobox', { name: 'OU' }), 'North', 'North');
    const names = async () => (await page.locator('table tbody tr td.column-name').allInnerTexts()).map((t) => t.trim()).sort();
    await expect.poll(names).toEqual(['Erik East', 'Nora North']);
    const sent = admin.requests.filter((r) => r.name === 'allCustomers').map((r) => r.variables.filter as Record<string, unknown> | undefined);
    expect(sent).toContainEqual(expect.objectContaining({ ouId: northOu, includeSubOus: true }));
    await subOus.uncheck();
    await expect.poll(names).toEqual(['Nora North']);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('the pages', () => {
  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
