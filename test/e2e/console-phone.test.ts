import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createOu } from '../support/security';
import { STEP_TIMEOUT, docShot, failureShot, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * The console on a 390×844 phone (issue 9, defect 2): no page wider than the screen, the app
 * bar's buttons (user menu, theme) and the list's (Add filter, Export) on screen, and lists in
 * their small-screen form (a list of records, not a table). Build first: `npm run build -w admin`.
 */

const PHONE = { width: 390, height: 844 };

let h: Harness;
let api: GraphQLClient;
let admin: Recorded;
let customerId = '';

beforeAll(async () => {
  h = await startHarness();
  const tenant = await createTestTenant(h.t.orm, 'phone');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  const north = await createOu(api, 'North');
  await createOu(api, 'North-East with a rather long name for a phone screen', north);
  for (const name of ['Paula Phone', 'Peter Portrait-Longname Customer of the North-East']) {
    const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>('mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o) { id } }', {
      n: name,
      o: north,
    });
    customerId ||= createCustomer.id;
  }
  // A journey with a long request title, tags and a comment.
  const { createCustomerRequest } = await api.ok<{ createCustomerRequest: { id: string } }>(
    'mutation($c: ID!) { createCustomerRequest(customerId: $c, title: "A question about the invoice of last month and its many lines") { id } }',
    { c: customerId },
  );
  const { createActivity } = await api.ok<{ createActivity: { id: string } }>(
    'mutation($c: ID!, $r: ID) { createActivity(customerId: $c, requestId: $r, mediaType: WHATSAPP, tags: ["billing", "urgent"]) { id } }',
    { c: customerId, r: createCustomerRequest.id },
  );
  await api.ok('mutation($a: ID!) { addComment(activityId: $a, text: "Will call back after checking the invoice number with accounting") { id } }', {
    a: createActivity.id,
  });
  await api.ok('mutation { createSkillQueue(name: "Phone desk", type: VOICE) { id } }');
  admin = await h.newPage();
  await admin.page.setViewportSize(PHONE);
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `phone-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** The page's laid-out width, and the widest elements when it is wider than the phone (for the failure message). */
const layoutWidth = (page: Page) =>
  page.evaluate((max) => {
    const width = document.scrollingElement!.scrollWidth;
    const wide = width <= max ? [] : Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > max + 1);
    // The outermost ones first: where the overflow starts.
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}.${String(e.className).split(' ').slice(0, 2).join('.')} (${Math.round(e.getBoundingClientRect().width)} px)`;
    return { width, wide: wide.slice(0, 6).map(name) };
  }, PHONE.width);

async function expectFits(page: Page) {
  await settled(page);
  const { width, wide } = await layoutWidth(page);
  expect(width, `laid out ${width} px wide: ${wide.join(', ')}`).toBeLessThanOrEqual(PHONE.width);
}

/** Whether these elements are laid out without overlapping one another. */
async function expectApart(elements: Locator) {
  const boxes = (await Promise.all((await elements.all()).map((e) => e.boundingBox()))).filter((b) => !!b && b.width > 0);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const overlap = a!.x < b!.x + b!.width && b!.x < a!.x + a!.width && a!.y < b!.y + b!.height && b!.y < a!.y + a!.height;
      expect(overlap, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`).toBe(false);
    }
}

/** Whether a button is visible and wholly inside the phone's screen. */
async function expectOnScreen(locator: Locator) {
  await locator.waitFor();
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

/** A list in its small-screen form: records as list items, no table. */
async function expectSmallList(page: Page, text: string) {
  await page.getByRole('listitem').filter({ hasText: text }).first().waitFor();
  expect(await page.locator('main table').count()).toBe(0);
}

describe('phone layout at 390×844 (issue 9, defect 2)', () => {
  it('the Customers list fits, with the user menu, theme, Add filter and Export on screen', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Customer'));
    await expectSmallList(page, 'Paula Phone');
    await expectFits(page);
    await expectOnScreen(page.getByRole('button', { name: 'Profile' }));
    await expectOnScreen(page.getByRole('button', { name: /light\/dark|theme/i }));
    await expectOnScreen(page.getByRole('button', { name: 'Add filter' }));
    await expectOnScreen(page.getByRole('button', { name: 'Export' }));
    // The search box is there to type in, the app bar's controls side by side, not on top of each other.
    const search = page.getByRole('textbox', { name: 'Search' });
    await expectOnScreen(search);
    expect((await search.boundingBox())!.width).toBeGreaterThanOrEqual(150);
    await expectApart(page.locator('header').getByRole('button'));
    // A record's line says its name once, then values it has (no dashes for the empty ones).
    const peter = page.getByRole('listitem').filter({ hasText: 'Peter Portrait-Longname' });
    const text = await peter.innerText();
    expect(text.split('Peter Portrait-Longname').length - 1, text).toBe(1);
    expect(text).toContain('10000002');
    expect(text).not.toContain('—');
    await docShot(page, 'customers-phone.png', 844);
    // A row opens its record.
    await page.getByRole('listitem').filter({ hasText: 'Paula Phone' }).first().click();
    await page.waitForURL(/#\/Customer\/[0-9a-f-]{36}(\/show)?$/);
  });

  it('a customer page fits', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url(`/Customer/${customerId}/show`));
    await page.getByText('Paula Phone').first().waitFor();
    await expectFits(page);
    await expectOnScreen(page.getByRole('button', { name: 'Profile' }));
  });

  it('a customer’s journey fits, its Move button on screen', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url(`/Customer/${customerId}/show/journey`));
    await page.getByText('Will call back after checking').waitFor();
    await expectFits(page);
    await expectOnScreen(page.locator('[data-journey]').getByRole('button', { name: 'Move' }));
  });

  it('the OU list fits', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/OrgUnit'));
    await expectSmallList(page, 'North-East with a rather long name');
    await expectFits(page);
  });

  it('the Skill queues list fits', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/SkillQueue'));
    await expectSmallList(page, 'Phone desk');
    await expectFits(page);
  });
});
