import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createOu } from '../support/security';
import { STEP_TIMEOUT, failureShot, seriousViolations, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * Keyboard and accessibility (issue 9, defect 15): list rows reachable with Tab, hidden bulk
 * buttons out of the tab order, and axe-core run in the page on the main pages with no serious
 * or critical violation. Build first: `npm run build -w admin`.
 */

let h: Harness;
let api: GraphQLClient;
let admin: Recorded;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  const tenant = await createTestTenant(h.t.orm, 'a11y');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  const north = await createOu(api, 'North');
  for (const name of ['Alma Access', 'Axel Axe']) {
    const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>('mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o) { id } }', {
      n: name,
      o: north,
    });
    ids[name] = createCustomer.id;
  }
  // A journey to check: an activity in a request, with a comment.
  const { createCustomerRequest } = await api.ok<{ createCustomerRequest: { id: string } }>(
    'mutation($c: ID!) { createCustomerRequest(customerId: $c, title: "Accessible invoices") { id } }',
    { c: ids['Alma Access'] },
  );
  const { createActivity } = await api.ok<{ createActivity: { id: string } }>(
    'mutation($c: ID!, $r: ID) { createActivity(customerId: $c, requestId: $r, mediaType: EMAIL, tags: ["billing"]) { id } }',
    { c: ids['Alma Access'], r: createCustomerRequest.id },
  );
  await api.ok('mutation($a: ID!) { addComment(activityId: $a, text: "Wants large print") { id } }', { a: createActivity.id });
  const { createSkillQueue } = await api.ok<{ createSkillQueue: { id: string } }>('mutation { createSkillQueue(name: "Access desk", type: VOICE) { id } }');
  ids.queue = createSkillQueue.id;
  // axe-core is injected as a script: the console's CSP allows only its own scripts.
  admin = await h.newPage({ bypassCSP: true });
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `a11y-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

const PAGES: [string, string, () => string, string][] = [
  ['the OU list', 'OrgUnit', () => '/OrgUnit', 'North'],
  ['the Customers list', 'Customer', () => '/Customer', 'Alma Access'],
  ['a customer page', 'Customer', () => `/Customer/${ids['Alma Access']}/show`, 'Alma Access'],
  ['a customer’s journey', 'Customer', () => `/Customer/${ids['Alma Access']}/show/journey`, 'Wants large print'],
  ['the Employees list', 'Employee', () => '/Employee', 'admin'],
  ['the Skill queues list', 'SkillQueue', () => '/SkillQueue', 'Access desk'],
  ['a skill queue page', 'SkillQueue', () => `/SkillQueue/${ids.queue}/show`, 'Access desk'],
  ['the Web channel create form', 'WebChannel', () => '/WebChannel/create', 'Save'],
];

describe('accessibility (issue 9, defect 15)', () => {
  for (const [title, , path, text] of PAGES) {
    it(`axe-core finds no serious or critical violation on ${title}`, { timeout: STEP_TIMEOUT }, async () => {
      const { page } = admin;
      await page.goto(h.url(path()));
      await page.getByText(text).first().waitFor();
      await settled(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

describe('keyboard (issue 9, defect 15)', () => {
  it('reaches the list rows with Tab, and not the hidden bulk buttons', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Customer'));
    await page.getByRole('cell', { name: 'Alma Access' }).waitFor();
    await settled(page);
    // Tab from the top of the page until the focus is in a row of the table (at most 60 presses).
    await page.locator('body').focus();
    let inRow = false;
    const passed: string[] = [];
    for (let i = 0; i < 60 && !inRow; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          row: !!el?.closest('tbody tr') && !el.matches('input[type="checkbox"]'),
          bulk: !!el?.closest('[data-test="bulk-actions-toolbar"]'),
          text: el?.innerText?.trim().slice(0, 40) ?? '',
        };
      });
      expect(focus.bulk, `focus in the hidden bulk actions toolbar after ${passed.join(' → ')}`).toBe(false);
      passed.push(focus.text);
      inRow = focus.row;
    }
    expect(inRow, `a row reached with Tab; passed ${passed.join(' → ')}`).toBe(true);
    // Enter opens the focused row's record.
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/Customer\/[0-9a-f-]{36}(\/show)?$/);
  });
});
