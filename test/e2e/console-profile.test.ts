import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import { createEmployee, createOu, createRole } from '../support/security';
import { STEP_TIMEOUT, expectText, failureShot, helperTextOf, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * The profile page of issue 9, defect 5: under the user menu, who is signed in (account, name,
 * tenant, roles, readable and writable OUs by name), the password change with the server's field
 * errors under the fields, and sign out. Build first: `npm run build -w admin`.
 */

let h: Harness;
let north: Recorded;
let supervisor: { account: string; password: string };

beforeAll(async () => {
  h = await startHarness();
  const tenant = await createTestTenant(h.t.orm, 'profile');
  const api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  const northOu = await createOu(api, 'North');
  const eastOu = await createOu(api, 'East');
  const role = await createRole(api, ['customer-center', 'customer-center:view', 'org-units', 'org-units:view'], 'North reader');
  supervisor = await createEmployee(
    h.t,
    api,
    {
      roleIds: [role],
      homeOuId: northOu,
      grants: [
        { ouId: northOu, canRead: true, canWrite: true },
        { ouId: eastOu, canRead: true, canWrite: false },
      ],
    },
    'profile',
  );
  north = await h.newPage();
  await signIn(north.page, h.url(), supervisor.account, supervisor.password);
}, 120_000);

/** The error under an input, once the server's reply put one there. */
async function errorUnder(page: Page, input: Locator, expected: string | RegExp) {
  await expect.poll(() => input.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
  await expectText(await helperTextOf(page, input), expected);
}

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(north?.page, `profile-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

describe('profile page (issue 9, defect 5)', () => {
  it('opens from the user menu and shows the account, tenant, pages and OUs by name', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.waitForURL(/#\/profile$/);
    await expectText(page.getByTestId('profile-account'), supervisor.account);
    await expectText(page.getByTestId('profile-name'), supervisor.account);
    await expectText(page.getByTestId('profile-tenant'), /\S/);
    await expectText(page.getByTestId('profile-pages'), /Customer/);
    // OU names, not ids: North is read and written, East only read.
    await expectText(page.getByTestId('profile-readable'), /East[\s\S]*North/);
    await expectText(page.getByTestId('profile-writable'), 'North');
    expect(await page.getByTestId('profile-readable').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('changes the password, with the server field errors under the fields, and signs out', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    await page.goto(h.url('/profile'));
    const current = page.locator('input[name="oldPassword"]');
    const next = page.locator('input[name="newPassword"]');
    const repeat = page.locator('input[name="repeatPassword"]');
    // A wrong current password: the server's message under that field.
    await current.fill('Wrong#Pass1');
    await next.fill('Profile#Pass2');
    await repeat.fill('Profile#Pass2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await errorUnder(page, current, 'The current password is not correct');
    // A weak new password: the server's rule under the new password.
    await current.fill(supervisor.password);
    await next.fill('short');
    await repeat.fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await errorUnder(page, next, /\S/);
    // A good one: changed, and the console stays signed in with the new password.
    await next.fill('Profile#Pass2');
    await repeat.fill('Profile#Pass2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed').waitFor();
    await settled(page);
    await page.goto(h.url('/Customer'));
    await page.waitForURL(/#\/Customer/);
    expect(page.url()).not.toMatch(/login/);

    await page.goto(h.url('/profile'));
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/#\/login$/);
    await signIn(page, h.url(), supervisor.account, 'Profile#Pass2');
    expect(page.url()).not.toMatch(/login/);
  });
});
