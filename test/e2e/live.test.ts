import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee } from '../support/security';
import { STEP_TIMEOUT, failureShot, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * Issue 12, item 5: lists refresh live. Two browser contexts signed in as two users; a change
 * made in one (and one made through the API by an integration) appears in the other's list
 * without a reload. Build first: `npm run build -w admin`.
 */
let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let api: GraphQLClient;
let watcher: Recorded;
let editor: Recorded;

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'live');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  const other = await createEmployee(h.t, api, { isTenantAdmin: true }, 'editor');
  watcher = await h.newPage();
  editor = await h.newPage();
  await signIn(watcher.page, h.url(), tenant.adminAccount, tenant.password);
  await signIn(editor.page, h.url(), other.account, other.password);
}, STEP_TIMEOUT * 2);
afterAll(() => h?.close());

describe('live lists', () => {
  it(
    'a customer created in another context, and one pushed through the API, appear in the open list without a reload',
    async () => {
      const { page } = watcher;
      try {
        await page.goto(h.url('/Customer'));
        await page
          .getByText(/No Customers yet/)
          .or(page.locator('table'))
          .first()
          .waitFor();
        // A reload would drop this marker.
        await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1));

        await api.ok('mutation { createCustomer(name: "Pushed Pascal") { id } }');
        await page.getByText('Pushed Pascal').waitFor({ timeout: 15_000 });

        const other = editor.page;
        await other.goto(h.url('/Customer/create'));
        await other.locator('input[name="name"]').fill('Typed Turing');
        await other.getByRole('button', { name: 'Save' }).click();
        await page.getByText('Typed Turing').waitFor({ timeout: 15_000 });
        expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1);
      } catch (e) {
        await failureShot(page, 'live-list');
        throw e;
      }
    },
    STEP_TIMEOUT,
  );
});
