import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import { STEP_TIMEOUT, failureShot, listRows, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * The console under its Content-Security-Policy (scripts from its own origin only, no inline
 * script, no framing): signs in and lists rows with no violation reported by Chromium, neither
 * as a `securitypolicyviolation` event nor as a console error. Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let page: Recorded;

/** Runs in the page (a string: this project's type-check has no DOM library). */
const RECORD_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));
`;
const violations = () => page.page.evaluate<string[]>('window.cspViolations');

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'csp');
  const api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  for (const name of ['Csp-North', 'Csp-South']) await api.ok('mutation($n: String!) { createOrgUnit(name: $n) { id } }', { n: name });
  page = await h.newPage();
  // Registered before any of the console's own scripts run, on every document of the page.
  await page.page.addInitScript(RECORD_VIOLATIONS);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await failureShot(page?.page, `csp-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

describe('the console under its Content-Security-Policy', () => {
  it('is served with the policy, signs in and lists rows without a violation', { timeout: STEP_TIMEOUT }, async () => {
    const response = await page.page.goto(h.url());
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");

    await signIn(page.page, h.url(), tenant.adminAccount, tenant.password);
    await page.page.goto(h.url('/OrgUnit'));
    await settled(page.page);
    await expect
      .poll(() => listRows(page.page), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Csp-North'), expect.stringContaining('Csp-South')]));

    expect(await violations()).toEqual([]);
    expect(h.errors.filter((e) => /Content.Security.Policy|Refused to/i.test(e))).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('an inline script is refused: the policy is enforced, not only sent', { timeout: STEP_TIMEOUT }, async () => {
    const ran = await page.page.evaluate<boolean>(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.appendChild(script);
      return window.inlineRan === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-elem inline/)]);
    h.errors.length = 0; // the refusal above is reported as a console error, deliberately
  });
});
