import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';
import { STEP_TIMEOUT, expectText, failureShot, helperTextOf, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

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

describe('the pages', () => {
  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
