import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../api/src/db/seed/demo';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';
import { STEP_TIMEOUT, docShot, failureShot, seriousViolations, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * Issue 9, the home dashboard: after signing in the console opens on a page of sections (counts
 * of what the user may read, recent changes from the audit log, recent customers) instead of the
 * OU list, each scoped to the user, as the tenant admin and as a North supervisor (no queue or
 * agent pages: no live sections). Build first: `npm run build`.
 */

let h: Harness;
let api: GraphQLClient;
let admin: Recorded;
let north: Recorded;
const ids: Record<string, string> = {};

/** The demo North supervisor's role (api/src/db/seed/demo.ts): no audit log, no roles. */
const SUPERVISOR = [...DEMO.accounts[0].role.permissions];

beforeAll(async () => {
  h = await startHarness();
  const tenant = await createTestTenant(h.t.orm, 'home');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  ids.north = await createOu(api, 'North');
  ids.south = await createOu(api, 'South');
  for (const [name, ou] of [
    ['Nina North', ids.north],
    ['Ned North', ids.north],
    ['Sam South', ids.south],
  ] as const) {
    const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>('mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o) { id } }', {
      n: name,
      o: ou,
    });
    ids[name] = createCustomer.id;
  }
  const role = await createRole(api, SUPERVISOR, 'North supervisor');
  const supervisor = await createEmployee(
    h.t,
    api,
    { roleIds: [role], homeOuId: ids.north, grants: [{ ouId: ids.north, canRead: true, canWrite: true }] },
    'north',
  );
  admin = await h.newPage({ bypassCSP: true });
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
  north = await h.newPage({ bypassCSP: true });
  await signIn(north.page, h.url(), supervisor.account, supervisor.password);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `home-admin-${ctx.task.name}`);
  await failureShot(north?.page, `home-north-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** The counts shown, by card label. */
async function counts(page: Page): Promise<Record<string, string>> {
  const section = page.locator('[data-home-section="counts"]');
  await section.waitFor();
  const cards = await section.locator('[data-count]').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.split('\n').map((s) => s.trim())));
  return Object.fromEntries(cards.map((lines) => [lines[0] ?? '', lines.at(-1) ?? '']));
}

const sections = (page: Page) => page.locator('[data-home-section]').evaluateAll((els) => els.map((e) => e.querySelector('h2')?.textContent ?? ''));

describe('home dashboard', () => {
  it('opens after signing in, as the tenant admin: counts, recent changes and recent customers', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.waitForURL((u) => u.hash === '#/');
    await expect.poll(() => page.title()).toBe('Home · Switchboard');
    const shown = await counts(page);
    expect(shown).toMatchObject({ Customers: '3', 'Organization units': '3', Roles: '1', Employees: '2' });
    expect(admin.ops('resourceCounts')).toHaveLength(1);
    // The live sections (agent-dashboard.test.ts) are there, empty: the tenant has no queues or agents.
    await expect.poll(() => sections(page)).toEqual(['Records', 'Skill queues now', 'Agent states', 'Recent changes', 'Recent customers']);
    await page.locator('[data-home-section="queues"]').getByText('No skill queues yet.').waitFor();
    await page.locator('[data-home-section="agents"]').getByText('No agents yet.').waitFor();
    // Recent changes read like the audit log: the newest is the supervisor's password change.
    const changes = page.locator('[data-home-section="changes"]');
    await changes.getByText('Changed the password').first().waitFor();
    await changes.getByRole('link', { name: 'Sam South' }).waitFor();
    // Opening a customer puts it among the recent ones.
    await page.locator('[data-count="Customer"]').getByRole('link').click();
    await page.waitForURL(/#\/Customer$/);
    await page.goto(h.url(`/Customer/${ids['Ned North']}/show`));
    await page.getByText('Ned North').first().waitFor();
    await settled(page);
    await page.getByRole('menuitem', { name: 'Home' }).click();
    await page.waitForURL((u) => u.hash === '#/');
    await page.locator('[data-home-section="recent-Customer"]').getByRole('link', { name: 'Ned North' }).waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await docShot(page, 'home.png');
  });

  it('as the North supervisor: counts in its scope, no audit section, no pages it may not read', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    await page.waitForURL((u) => u.hash === '#/');
    const shown = await counts(page);
    expect(shown).toMatchObject({ Customers: '2', 'Organization units': '1' });
    expect(shown).not.toHaveProperty('Roles');
    expect(shown).not.toHaveProperty('Audit log');
    await expect.poll(() => sections(page)).toEqual(['Records', 'Recent customers']);
    expect(north.ops('allAuditEntries')).toEqual([]);
    await page.locator('[data-home-section="recent-Customer"]').getByText('Customers you open appear here.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
