import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole, setIsolation } from '../support/security';
import { STEP_TIMEOUT, failureShot, pick, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * Issue 9, "CSV import in the console": a North writer uploads a file from the Customers list,
 * follows its progress, reads the report and downloads the rejected rows, which open in a
 * spreadsheet as text. Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let writer: Recorded;
let viewer: Recorded;
let north: string;

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'imp');
  const api: GraphQLClient = await h.t.loginAs(tenant.adminAccount, tenant.password);
  await setIsolation(api, true);
  north = await createOu(api, 'North');
  await createOu(api, 'South');
  // Picking an OU lists OUs: the importer reads the OU page too.
  const role = await createRole(api, ['customer-center', 'customer-center:view', 'customer-center:create', 'org-units', 'org-units:view'], 'Customer importer');
  const importer = await createEmployee(h.t, api, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] }, 'importer');
  const readRole = await createRole(api, ['customer-center', 'customer-center:view'], 'Customer reader');
  const reader = await createEmployee(h.t, api, { roleIds: [readRole], grants: [{ ouId: north, canRead: true, canWrite: false }] }, 'reader');
  writer = await h.newPage();
  await signIn(writer.page, h.url(), importer.account, importer.password);
  viewer = await h.newPage();
  await signIn(viewer.page, h.url(), reader.account, reader.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(writer?.page, `import-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

describe('customer import in the console', () => {
  it('uploads a file, shows its progress and report, and downloads the rejected rows neutralised for spreadsheets', { timeout: STEP_TIMEOUT * 2 }, async () => {
    const { page } = writer;
    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await page.waitForURL(/#\/Customer$/);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/#\/imports\/customers$/);

    const csv = [
      'name,phones,ou',
      'Ivy Import,+49 30 5551001,',
      'Jon Import,+49 30 5551002,North',
      'Kim Import,+49 30 5551003,South',
      '"=HYPERLINK(""http://x"")",not a phone,',
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'north.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'File: north.csv' }).waitFor();
    await pick(page, page.getByRole('combobox', { name: 'OU of rows without an ou column' }), 'North');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    await page.waitForURL(/#\/imports\/customers\?id=[0-9a-f-]{36}$/);
    const status = page.getByRole('status');
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/^Done: 4 rows read .* 2 imported · 0 duplicates · 2 rejected$/);
    const report = page.getByRole('table', { name: 'Rejected rows' });
    await expect
      .poll(async () => (await report.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim()))
      .toEqual(['4 ou Unknown OU "South" Kim Import', expect.stringMatching(/^5 phones .* =HYPERLINK\("http:\/\/x"\)$/)]);
    expect(await h.t.db().count(Customer, { tenant: tenant.tenantId, ou: north, name: { $in: ['Ivy Import', 'Jon Import'] } })).toBe(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click()]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.line, r.field, r.name, r.ou])).toEqual([
      ['4', 'ou', 'Kim Import', 'South'],
      ['5', 'phones', `'=HYPERLINK("http://x")`, ''],
    ]);

    // Leaving the page and coming back: the import is under Recent imports, its report one click away.
    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('table', { name: 'Recent imports' }).getByRole('button', { name: 'north.csv' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/^Done: /);
  });

  it('names the refusal of an OU the uploader may not add to, and offers no import to a reader', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = writer;
    await page.goto(h.url('/imports/customers'));
    await page.reload();
    await page.locator('input[type=file]').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('name,phones\nZed,+49 30 5551009\n') });
    // No OU chosen, and this writer may not add to Unorganized: the form asks for an OU before sending anything.
    await page.getByRole('button', { name: 'File: x.csv' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Required').first().waitFor();
    expect(page.url()).toMatch(/#\/imports\/customers$/);
    expect(await h.t.db().count(Customer, { tenant: tenant.tenantId, name: 'Zed' })).toBe(0);

    const other = viewer.page;
    await other.getByRole('menuitem', { name: 'Customers' }).click();
    await other.waitForURL(/#\/Customer$/);
    await other
      .getByText(/Ivy Import|No Customers yet/)
      .first()
      .waitFor();
    await settled(other);
    expect(await other.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    await other.goto(h.url('/imports/customers'));
    await other.getByText('You may not add customers, so you cannot import them.').waitFor();
  });
});
