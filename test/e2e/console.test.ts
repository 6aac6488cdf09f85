import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_DIST, createTestTenant, startTestApp, type TestApp } from '../support/app';
import { RESOURCES } from '../../admin/src/resources/registry';
import { launchChromium, SCREENSHOTS } from './browser';

/**
 * The built console (admin/dist, served by the API under /admin) driven in headless Chromium
 * against the real API and PostgreSQL. Build first: `npm run build -w admin`.
 */

const VIEWPORT = { width: 1280, height: 800 };
const STEP_TIMEOUT = 60_000;

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** Errors the console logged (failed requests, React errors). */
const consoleErrors: string[] = [];
/** Operation names of the GraphQL requests the console sent, in order, and their variables. */
const operations: string[] = [];
const requests: { name: string; variables: Record<string, unknown> }[] = [];

const consoleUrl = (hashPath = '') => `${t.baseUrl}/admin/${hashPath ? `#${hashPath}` : ''}`;

/** The error text react-admin shows under an input (MUI links it with aria-describedby). */
async function helperTextOf(input: Locator): Promise<Locator> {
  const describedBy = await input.getAttribute('aria-describedby');
  expect(describedBy, 'input has a helper text').toBeTruthy();
  return page.locator(`[id="${describedBy!.split(' ')[0]}"]`);
}

/** Waits until a locator's text equals the expected one (or the timeout fails the test). */
async function expectText(locator: Locator, expected: string | RegExp) {
  await expect
    .poll(async () => ((await locator.count()) ? await locator.first().innerText() : null), { timeout: 15_000 })
    .toMatch(expected instanceof RegExp ? expected : new RegExp(`^${escapeRegExp(expected)}$`));
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function expectValue(locator: Locator, expected: string) {
  await expect.poll(() => locator.inputValue(), { timeout: 15_000 }).toBe(expected);
}

/** The data rows of the list, as "name | path | parent" strings. */
async function listRows(): Promise<string[]> {
  return page.locator('table tbody tr').evaluateAll((rows) =>
    rows.map((r) =>
      Array.from(r.querySelectorAll('td'))
        .map((td) => (td as HTMLElement).innerText.trim())
        .filter(Boolean)
        .join(' | '),
    ),
  );
}

async function createOu(name: string, parentPath?: string) {
  await page.goto(consoleUrl('/OrgUnit/create'));
  const nameInput = page.getByLabel('Name');
  await nameInput.fill(name);
  if (parentPath) {
    const parent = page.getByLabel('Parent OU');
    await parent.fill(parentPath);
    await page.getByRole('option', { name: parentPath, exact: true }).click();
    await expectValue(parent, parentPath);
  }
  await page.getByRole('button', { name: 'Save' }).click();
}

beforeAll(async () => {
  if (!existsSync(path.join(ADMIN_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build -w admin` (or `npm test`, which builds first)');
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  // Production mode: no runtime introspection, so the console must work from the committed schema.
  t = await startTestApp({ production: true });
  tenant = await createTestTenant(t.orm, 'e2e');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
    if (process.env.E2E_DEBUG) console.log(`[browser ${msg.type()}] ${msg.text()}`);
  });
  page.on('response', async (res) => {
    if (process.env.E2E_DEBUG && res.status() >= 400) {
      console.log(`[http ${res.status()}] ${res.request().postData()} -> ${await res.text().catch(() => '')}`);
    }
  });
  page.on('request', (req) => {
    if (!req.url().endsWith('/graphql') || req.method() !== 'POST') return;
    const body = req.postDataJSON() as { operationName?: string; query?: string; variables?: Record<string, unknown> } | null;
    const name = body?.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1];
    if (!name) return;
    operations.push(name);
    requests.push({ name, variables: body?.variables ?? {} });
  });
}, 120_000);

// Debug aid: a screenshot of the page when a step fails.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: path.join(process.env.E2E_FAILURES ?? tmpdir(), `e2e-failure-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('console', () => {
  it('signs in through the login page and shows the tenant', { timeout: STEP_TIMEOUT }, async () => {
    await page.goto(consoleUrl());
    // Not signed in: the app sends us to its login page.
    await page.waitForURL(/#\/login$/);
    await page.locator('input[name="username"]').fill(tenant.adminAccount);
    await page.locator('input[name="password"]').fill('Wrong#Pass1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByText('Invalid account or password'), 'Invalid account or password');
    expect(await page.evaluate(() => localStorage.getItem('switchboard.session'))).toBeNull();

    await page.locator('input[name="password"]').fill(tenant.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await expectText(page.getByTestId('tenant-name'), `Tenant ${tenant.code}`);
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem('switchboard.session')))!);
    expect(session.token.split('.')).toHaveLength(3);
    // The menu lists what the admin may open.
    const menu = page.locator('.RaMenu-open');
    await menu.getByRole('menuitem', { name: 'Organization units' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Tenant parameters' }).waitFor();
  });

  it('lists every published resource in the menu for the tenant admin, registry entries first', { timeout: STEP_TIMEOUT }, async () => {
    const listed = RESOURCES.filter((r) => r.inMenu !== false).map((r) => r.label);
    expect(listed.length).toBeGreaterThan(5);
    const menu = page.locator('.RaMenu-open');
    await menu.getByRole('menuitem', { name: listed.at(-1), exact: true }).waitFor();
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Home', ...listed, 'Tenant parameters']);
  });

  it('lists the seeded DefaultOU', { timeout: STEP_TIMEOUT }, async () => {
    await page.getByRole('menuitem', { name: 'Organization units' }).click();
    await page.waitForURL(/#\/OrgUnit$/);
    await page.locator('table tbody tr', { hasText: 'DefaultOU' }).waitFor();
    expect(await listRows()).toEqual([expect.stringMatching(/^DefaultOU \| DefaultOU\b/)]);
    // Generated columns: scalar fields, the parent as a reference, no id/version/createdAt.
    const headers = await page.locator('table thead th').allInnerTexts();
    expect(headers.map((h) => h.trim()).filter(Boolean)).toEqual(['Name', 'Path', 'Parent OU', 'Updated at']);
    expect(operations).toContain('allOrgUnits');
    expect(operations).not.toContain('IntrospectionQuery');
  });

  it('creates top-level and child OUs through the generated form', { timeout: STEP_TIMEOUT }, async () => {
    await page.getByRole('link', { name: 'Create' }).click();
    await page.waitForURL(/#\/OrgUnit\/create$/);
    await page.getByLabel('Name').fill('Support');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/OrgUnit$/);
    await page.locator('table tbody tr', { hasText: 'Support' }).waitFor();

    await createOu('Sales');
    await page.waitForURL(/#\/OrgUnit$/);
    await createOu('Tier 2', 'Support');
    await page.waitForURL(/#\/OrgUnit$/);
    await page.locator('table tbody tr', { hasText: 'Support / Tier 2' }).waitFor();
    // Tree order (path), the child showing its parent through the reference column, a top-level
    // OU the words its form uses for no parent.
    expect(await listRows()).toEqual([
      expect.stringMatching(/^DefaultOU \| DefaultOU \| None \(top level\) \| /),
      expect.stringMatching(/^Sales \| Sales \| None \(top level\) \| /),
      expect.stringMatching(/^Support \| Support \| None \(top level\) \| /),
      expect.stringMatching(/^Tier 2 \| Support \/ Tier 2 \| Support \| /),
    ]);

    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const { allOrgUnits } = await admin.ok<{ allOrgUnits: { name: string; parent: { name: string } | null }[] }>(
      '{ allOrgUnits(sortField: "path") { name parent { name } } }',
    );
    expect(allOrgUnits.find((o) => o.name === 'Tier 2')?.parent?.name).toBe('Support');
    await expectText(page.getByText('Organization unit created'), 'Organization unit created');
    // A fresh load for the screenshot: no notification over the list.
    await page.reload();
    await page.locator('table tbody tr').nth(3).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'org-units.png'), animations: 'disabled' });
  });

  it('searches (q) and filters (parent) the list', { timeout: STEP_TIMEOUT }, async () => {
    await page.getByPlaceholder('Search').fill('tier');
    await expect.poll(listRows, { timeout: 15_000 }).toEqual([expect.stringMatching(/^Tier 2 \| Support \/ Tier 2/)]);
    await page.getByPlaceholder('Search').fill('');
    await expect.poll(async () => (await listRows()).length, { timeout: 15_000 }).toBe(4);

    // The generated "Parent OU" filter (OrgUnitFilter.parentId): direct children only.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Parent OU' }).click();
    const parentFilter = page.locator('form').getByLabel('Parent OU');
    await parentFilter.fill('Support');
    await page.getByRole('option', { name: 'Support', exact: true }).click();
    await expect.poll(listRows, { timeout: 15_000 }).toEqual([expect.stringMatching(/^Tier 2 \| Support \/ Tier 2/)]);
    expect(requests.filter((r) => r.name === 'allOrgUnits').at(-1)!.variables.filter).toEqual({ parentId: expect.any(String) });
    await page.getByRole('button', { name: 'Remove this filter' }).click();
    await expect.poll(async () => (await listRows()).length, { timeout: 15_000 }).toBe(4);
  });

  it('shows the server error on the name field for a duplicate sibling', { timeout: STEP_TIMEOUT }, async () => {
    const before = operations.filter((o) => o === 'createOrgUnit').length;
    await createOu('Support');
    const name = page.getByLabel('Name');
    const message = 'An OU named "Support" already exists at the top level';
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await expectText(await helperTextOf(name), message);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'org-unit-server-error.png'), animations: 'disabled' });
    // The request was sent (the client cannot know about duplicates) and the form stayed open.
    expect(operations.filter((o) => o === 'createOrgUnit').length).toBe(before + 1);
    expect(page.url()).toMatch(/#\/OrgUnit\/create$/);

    // Editing the value clears the server's error.
    await name.fill('Support 2');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses a 101-character name on the client, without a request', { timeout: STEP_TIMEOUT }, async () => {
    await page.goto(consoleUrl('/OrgUnit/create'));
    const name = page.getByLabel('Name');
    const before = operations.filter((o) => o === 'createOrgUnit').length;
    await name.fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await expectText(await helperTextOf(name), 'Must be 100 characters or less');
    expect(operations.filter((o) => o === 'createOrgUnit').length).toBe(before);

    // Exactly 100 passes the client and the server.
    await name.fill('y'.repeat(100));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/OrgUnit$/);
    expect(operations.filter((o) => o === 'createOrgUnit').length).toBe(before + 1);
  });

  it('edits an OU (moving it under a parent) with its version', { timeout: STEP_TIMEOUT }, async () => {
    await page
      .locator('table tbody tr')
      .filter({ has: page.getByRole('cell', { name: 'Sales', exact: true }) })
      .click();
    await page.waitForURL(/#\/OrgUnit\/[0-9a-f-]{36}$/);
    const name = page.getByLabel('Name');
    await expectValue(name, 'Sales');
    await name.fill('Sales EMEA');
    const parent = page.getByLabel('Parent OU');
    await parent.fill('DefaultOU');
    await page.getByRole('option', { name: 'DefaultOU', exact: true }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/OrgUnit$/);
    await page.locator('table tbody tr', { hasText: 'DefaultOU / Sales EMEA' }).waitFor();
    // Exactly the mutation's arguments went out, the loaded version among them (no `parent`,
    // `path`, `access`...: ra-data-graphql-simple would turn a relation object into `parentId`).
    const update = requests.filter((r) => r.name === 'updateOrgUnit').at(-1)!;
    expect(update.variables).toEqual({ id: expect.any(String), name: 'Sales EMEA', parentId: expect.any(String), maxConcurrentSessions: 0, version: 1 });
    const created = requests.filter((r) => r.name === 'createOrgUnit');
    expect(created.map((r) => Object.keys(r.variables).sort())).toContainEqual(['name', 'parentId']);

    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const { allOrgUnits } = await admin.ok<{ allOrgUnits: { name: string; path: string; version: number }[] }>(
      '{ allOrgUnits(filter: { q: "Sales" }) { name path version } }',
    );
    expect(allOrgUnits).toEqual([{ name: 'Sales EMEA', path: 'DefaultOU / Sales EMEA', version: 2 }]);
  });

  it('saves tenant parameters through the generated form', { timeout: STEP_TIMEOUT }, async () => {
    await page.getByRole('menuitem', { name: 'Tenant parameters' }).click();
    await page.waitForURL(/#\/my-tenant$/);
    await expectValue(page.locator('input[name="name"]'), `Tenant ${tenant.code}`);
    const span = page.getByLabel('Contact record span days');
    // Client-side limits from constraints.json.
    await span.fill('400');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => span.getAttribute('aria-invalid')).toBe('true');
    await expectText(await helperTextOf(span), 'Must be 365 or less');
    expect(operations).not.toContain('updateMyTenant');

    await span.fill('45');
    await page.getByRole('group', { name: 'Agent quotas' }).getByLabel('Video agents').fill('12');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page.getByText('Tenant parameters saved'), 'Tenant parameters saved');

    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const saved = await admin.ok<{ myTenant: { contactRecordSpanDays: number; quotaVideoAgents: number; version: number } }>(
      '{ myTenant { contactRecordSpanDays quotaVideoAgents version } }',
    );
    expect(saved.myTenant).toEqual({ contactRecordSpanDays: 45, quotaVideoAgents: 12, version: 2 });

    // The form took the saved record (pristine again, Save disabled) with its new version:
    // a second save is not a CONFLICT.
    await expect.poll(() => page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.getByLabel('Max concurrent sessions').fill('7');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(
        async () =>
          (await admin.ok<{ myTenant: { maxConcurrentSessions: number; version: number } }>('{ myTenant { maxConcurrentSessions version } }')).myTenant,
        {
          timeout: 15_000,
        },
      )
      .toEqual({ maxConcurrentSessions: 7, version: 3 });
    await expectValue(page.getByLabel('Max concurrent sessions'), '7');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tenant-parameters.png'), fullPage: true, animations: 'disabled' });
  });

  it('refuses a blank name on the client, by the rule the server published', { timeout: STEP_TIMEOUT }, async () => {
    // The server's "not blank" rule is in schema/constraints.json, so the form refuses it before any request.
    const name = page.locator('input[name="name"]');
    const sent = requests.filter((r) => r.name === 'updateMyTenant').length;
    await name.fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await expectText(await helperTextOf(name), 'Must not be blank');
    expect(requests.filter((r) => r.name === 'updateMyTenant')).toHaveLength(sent);
    await name.fill(`Tenant ${tenant.code}`);
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('false');
  });

  it('explains a CONFLICT when someone else saved meanwhile', { timeout: STEP_TIMEOUT }, async () => {
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    await admin.ok('mutation { updateMyTenant(maxConcurrentSessions: 9) { version } }');
    await page.getByLabel('Contact record span days').fill('60');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page.getByText(/changed this record after you opened it/), /^Someone else changed this record after you opened it\. Reload/);
    expect(requests.filter((r) => r.name === 'updateMyTenant').at(-1)!.variables).toMatchObject({ contactRecordSpanDays: 60, version: 3 });
    const { myTenant } = await admin.ok<{ myTenant: { contactRecordSpanDays: number; maxConcurrentSessions: number } }>(
      '{ myTenant { contactRecordSpanDays maxConcurrentSessions } }',
    );
    expect(myTenant).toEqual({ contactRecordSpanDays: 45, maxConcurrentSessions: 9 });
  });

  it('shows only what the permissions allow', { timeout: STEP_TIMEOUT }, async () => {
    // A view-only principal: the server's `me` answer is replaced in this browser context only.
    const limited = await browser.newContext({ viewport: VIEWPORT });
    try {
      await limited.addInitScript(
        (session) => localStorage.setItem('switchboard.session', session),
        (await page.evaluate(() => localStorage.getItem('switchboard.session')))!,
      );
      await limited.route('**/graphql', async (route) => {
        const body = route.request().postDataJSON() as { operationName?: string };
        if (body?.operationName !== 'me') return route.continue();
        const response = await route.fetch();
        const json = await response.json();
        json.data.me.isTenantAdmin = false;
        json.data.me.permissions = ['org-units', 'org-units:view'];
        return route.fulfill({ response, json });
      });
      const p = await limited.newPage();
      p.on('pageerror', (err) => pageErrors.push(String(err)));
      await p.goto(consoleUrl('/OrgUnit'));
      const defaultRow = p
        .locator('table tbody tr')
        .filter({ has: p.getByRole('cell', { name: 'DefaultOU', exact: true }) })
        .first();
      await defaultRow.waitFor();
      const sidebar = p.locator('.RaMenu-open');
      await sidebar.getByRole('menuitem', { name: 'Organization units' }).waitFor();
      expect(await sidebar.getByRole('menuitem').allInnerTexts()).toEqual(['Home', 'Organization units']);
      expect(await p.getByRole('link', { name: 'Create' }).count()).toBe(0);
      // Without `:edit` a row opens the read-only details, which offer no Edit button.
      await defaultRow.click();
      await p.waitForURL(/#\/OrgUnit\/[0-9a-f-]{36}\/show$/);
      await p.getByText('Created at').waitFor();
      expect(await p.getByRole('link', { name: 'Edit' }).count()).toBe(0);
      await p.goto(consoleUrl('/my-tenant'));
      await expectText(p.getByText('Access denied', { exact: false }).first(), /Access denied/);
    } finally {
      await limited.close();
    }
  });

  it('sends a rejected token back to the login page', { timeout: STEP_TIMEOUT }, async () => {
    const stale = await browser.newContext({ viewport: VIEWPORT });
    try {
      const expiresAt = new Date(Date.now() + 3600_000).toISOString();
      await stale.addInitScript(
        (value) => {
          if (!sessionStorage.getItem('seeded')) {
            localStorage.setItem('switchboard.session', value);
            sessionStorage.setItem('seeded', '1');
          }
        },
        JSON.stringify({ token: 'not-a-jwt', expiresAt, mustChangePassword: false }),
      );
      const p = await stale.newPage();
      await p.goto(consoleUrl('/OrgUnit'));
      await p.waitForURL(/#\/login$/);
      await p.locator('input[name="username"]').waitFor();
      expect(await p.evaluate(() => localStorage.getItem('switchboard.session'))).toBeNull();
    } finally {
      await stale.close();
    }
  });

  it('signs out', { timeout: STEP_TIMEOUT }, async () => {
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.waitForURL(/#\/login$/);
    expect(await page.evaluate(() => localStorage.getItem('switchboard.session'))).toBeNull();
  });

  it('ran without uncaught page errors or logged errors', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
