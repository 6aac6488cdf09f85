import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOM, csvCell, toCsv } from '../../admin/src/generator/csv';
import { doneMessage } from '../../admin/src/generator/dialogs';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';
import { STEP_TIMEOUT, failureShot, settled, signIn, startHarness, tableRecords, type Harness, type Recorded } from './browser';

/**
 * Defects of issue 9 fixed in the generator and its shared widgets, each driven in Chromium as
 * the user who met it: a tenant admin, or a North supervisor (reads and writes North, reads
 * Unorganized, may not view roles). Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let api: GraphQLClient;
let admin: Recorded;
let north: Recorded;
let northOu = '';
/** Customer ids by name. */
const customer: Record<string, string> = {};

/** The demo North supervisor's role (api/src/db/seed/demo.ts): customers and OUs, employees without roles. */
const SUPERVISOR = [
  'customer-center',
  'customer-center:view',
  'customer-center:create',
  'customer-center:edit-contacts',
  'customer-center:delete',
  'customer-context',
  'customer-context:view',
  'customer-context:edit',
  'customer-context:move-activity',
  'org-units',
  'org-units:view',
  'employees',
  'employees:view',
];

const createCustomer = async (name: string, ouId: string | null) => {
  const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>('mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o) { id } }', {
    n: name,
    o: ouId,
  });
  customer[name] = createCustomer.id;
};

const customerExists = async (id: string) => !!(await api.request<{ Customer: { id: string } | null }>(`{ Customer(id: "${id}") { id } }`)).data?.Customer;

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'defects');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  northOu = await createOu(api, 'North');
  for (const name of ['Una Unorganized', 'Uwe Unorganized']) await createCustomer(name, null);
  for (const name of ['Nina North', 'Ned North', 'Nils North']) await createCustomer(name, northOu);
  const role = await createRole(api, SUPERVISOR, 'North supervisor');
  const supervisor = await createEmployee(
    h.t,
    api,
    { roleIds: [role], homeOuId: northOu, grants: [{ ouId: northOu, canRead: true, canWrite: true }] },
    'north',
  );
  admin = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
  north = await h.newPage();
  await signIn(north.page, h.url(), supervisor.account, supervisor.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `defects-admin-${ctx.task.name}`);
  await failureShot(north?.page, `defects-north-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** The list row of a customer by its name. */
const rowOf = (r: Recorded, name: string) => r.page.locator('table tbody tr').filter({ has: r.page.getByRole('cell', { name, exact: true }) });

describe('bulk delete (issue 9, defect 3)', () => {
  it('selects only rows the user may delete, confirms, deletes pessimistically and reports each refusal', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    await page.goto(h.url('/Customer'));
    await rowOf(north, 'Nina North').waitFor();
    // Unorganized customers are readable, not deletable: their rows cannot be ticked.
    expect(await rowOf(north, 'Una Unorganized').getByRole('checkbox').isDisabled()).toBe(true);
    expect(await rowOf(north, 'Uwe Unorganized').getByRole('checkbox').isDisabled()).toBe(true);
    // Select all ticks the deletable rows only.
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    expect(await rowOf(north, 'Una Unorganized').getByRole('checkbox').isChecked()).toBe(false);
    await page.getByRole('checkbox', { name: 'Select all' }).uncheck();

    await rowOf(north, 'Nina North').getByRole('checkbox').check();
    await rowOf(north, 'Ned North').getByRole('checkbox').check();
    // Meanwhile an admin moves Ned out of North: the server refuses that one.
    const { Customer } = await api.ok<{ Customer: { version: number } }>(`{ Customer(id: "${customer['Ned North']}") { version } }`);
    await api.ok('mutation($id: ID!, $v: Int) { updateCustomer(id: $id, ouId: null, version: $v) { id } }', { id: customer['Ned North'], v: Customer.version });

    const deletes = north.ops('deleteCustomer').length;
    await page.locator('[data-test="bulk-actions-toolbar"]').getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/Delete 2 customers\?/).waitFor();
    // Nothing is sent before the confirmation.
    expect(north.ops('deleteCustomer').length).toBe(deletes);
    await confirm.getByRole('button', { name: 'Confirm' }).click();

    const report = page.getByRole('dialog', { name: /not deleted/i });
    await report.waitFor();
    expect(await report.innerText()).toMatch(/Ned North/);
    expect(await report.innerText()).toMatch(/not allowed/i);
    expect(await report.innerText()).not.toMatch(/Nina North/);
    expect(await page.getByRole('button', { name: /^undo$/i }).count()).toBe(0);
    expect(await customerExists(customer['Nina North']!)).toBe(false);
    expect(await customerExists(customer['Ned North']!)).toBe(true);
    await report.getByRole('button', { name: 'Close' }).click();
    await settled(page);
    await expect
      .poll(async () => (await tableRecords(page)).map((r) => r.Name).sort())
      .toEqual(['Ned North', 'Nils North', 'Una Unorganized', 'Uwe Unorganized']);
  });
});

describe('one-time secret (issue 9, defect 6)', () => {
  it('closes the secret dialog only through "I have copied it", not Escape or a click outside', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/ApiClient/create'));
    await page.getByLabel('Name').fill('Secret keeper');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('you will not see it again').waitFor();
    const value = dialog.getByTestId('secret-value');
    // Escape, then a click on the backdrop (outside the dialog's paper): the dialog stays, each
    // time probed by a click inside it, and the page stays on the form.
    await page.keyboard.press('Escape');
    await value.click({ timeout: 5_000 });
    await page.mouse.click(5, 5);
    await value.click({ timeout: 5_000 });
    expect(page.url()).toMatch(/#\/ApiClient\/create$/);
    expect(await value.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await page.waitForURL(/#\/ApiClient\/[0-9a-f-]{36}\/show$/);
    await settled(page);
  });
});

describe('read-only record by URL (issue 9, defect 11)', () => {
  it('opens a record the user cannot edit as its read-only page, never as a form', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    const id = customer['Una Unorganized']!;
    for (const path of [`/Customer/${id}`, `/Customer/${id}/edit`]) {
      await page.goto(h.url(path));
      await page.waitForURL(new RegExp(`#/Customer/${id}/show$`));
      await page.locator('.ra-field-name', { hasText: 'Una Unorganized' }).waitFor();
      await settled(page);
      expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
      expect(await page.locator('form input[name="name"]').count()).toBe(0);
    }
    // A record the user may edit still opens its form.
    await page.goto(h.url(`/Customer/${customer['Nils North']}`));
    await page.getByRole('button', { name: 'Save' }).waitFor();
  });
});

describe('columns the user may not read (issue 9, defect 4)', () => {
  it('leaves out references to resources the user may not read: no Roles column, no permission codes', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    const errorsBefore = h.errors.length;
    await page.goto(h.url('/Employee'));
    await page.locator('table tbody tr').first().waitFor();
    await settled(page);
    const headers = (await page.locator('table thead th').allInnerTexts()).map((s) => s.trim());
    expect(headers).toContain('Account');
    expect(headers).not.toContain('Roles');
    // The record's page too.
    await page.locator('table tbody tr').first().getByRole('cell').nth(1).click();
    await page.waitForURL(/#\/Employee\/[0-9a-f-]{36}\/show$/);
    await page.getByText('Home OU').first().waitFor();
    await settled(page);
    expect(await page.locator('.ra-field-roleIds').count()).toBe(0);
    // And the next page: no toast, no permission code anywhere.
    await page.goto(h.url('/Customer'));
    await rowOf(north, 'Nils North').waitFor();
    await settled(page);
    expect(await page.locator('.MuiSnackbar-root').count()).toBe(0);
    expect(await page.content()).not.toMatch(/Missing permission|roles:view/);
    expect(h.errors.slice(errorsBefore)).toEqual([]);
  });
});

/** RFC 4180 records of a CSV text (quoted cells, doubled quotes, CRLF), to read back what the console wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('CSV export (issue 9, defect 1)', () => {
  it('writes cells a spreadsheet would run as formulas as text, quotes, BOM and CRLF', async () => {
    for (const v of ['=HYPERLINK("x")', '+1 415', '-2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(v)).toBe(`'${v}`);
    expect(csvCell('Ada')).toBe('Ada');
    expect(csvCell(null)).toBe('');
    const csv = await toCsv(
      ['Name', 'Note'],
      [
        ['=1+2', 'a, "b"\nc'],
        ['Zoë', null],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      ['Name', 'Note'],
      ["'=1+2", 'a, "b"\nc'],
      ['Zoë', ''],
    ]);
  });

  it('exports the whole filtered list, one row per record, the columns under their labels, names not ids', { timeout: STEP_TIMEOUT }, async () => {
    for (let i = 1; i <= 24; i++) await createCustomer(`Bulk ${String(i).padStart(2, '0')}`, northOu);
    await createCustomer('=HYPERLINK("x")', null);
    const { _allCustomersMeta } = await api.ok<{ _allCustomersMeta: { count: number } }>('{ _allCustomersMeta { count } }');
    const { page } = admin;
    const exportCsv = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
      const text = await readFile((await download.path())!, 'utf8');
      expect(text.startsWith(BOM)).toBe(true);
      return parseCsv(text.slice(1));
    };
    await page.goto(h.url('/Customer'));
    await page.locator('table tbody tr').first().waitFor();
    await settled(page);
    const shown = (await page.locator('table thead th').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
    expect(await page.locator('table tbody tr').count()).toBeLessThan(_allCustomersMeta.count);

    const [header, ...rows] = await exportCsv();
    expect(header).toEqual(shown);
    expect(rows).toHaveLength(_allCustomersMeta.count);
    expect(header!.join(' ')).not.toMatch(/__typename|version|access|latestContacts|\./i);
    const byName = new Map(rows.map((r) => [r[header!.indexOf('Name')], r]));
    expect(byName.get(`'=HYPERLINK("x")`)).toBeDefined();
    expect(byName.get('Bulk 07')![header!.indexOf('OU')]).toBe('North');

    // Filtered: the search applies to the export as to the list.
    await page.getByRole('textbox', { name: 'Search' }).fill('Bulk');
    await expect.poll(async () => (await tableRecords(page)).every((r) => r.Name?.startsWith('Bulk'))).toBe(true);
    await settled(page);
    const [, ...filtered] = await exportCsv();
    expect(filtered.map((r) => r[header!.indexOf('Name')]).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `Bulk ${String(i + 1).padStart(2, '0')}`));
  });
});

describe('smaller console defects (issue 9, defect 16)', () => {
  it('names the page in the browser tab', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Customer'));
    await expect.poll(() => page.title()).toBe('Customers · Switchboard');
    await page.goto(h.url(`/Customer/${customer['Nils North']}/show`));
    await expect.poll(() => page.title()).toBe('Customer · Switchboard');
    await page.goto(h.url('/my-tenant'));
    await expect.poll(() => page.title()).toBe('Tenant parameters · Switchboard');
  });

  it('says in words what a record action did', () => {
    expect(doneMessage('moveActivity')).toBe('Activity moved');
    expect(doneMessage('addComment')).toBe('Comment added');
    expect(doneMessage('revokeApiClient')).toMatch(/^Api client revoked$/i);
  });
});

describe('the pages', () => {
  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
