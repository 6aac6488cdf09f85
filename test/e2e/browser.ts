import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { ADMIN_DIST, startTestApp, type TestApp } from '../support/app';
import { disposeAtEnd } from '../support/dispose';

/**
 * Shared set-up of the Chromium tests: the built console (admin/dist, served by the API under
 * /admin) against the real API and PostgreSQL, pages that record their GraphQL operations and
 * any page or console error. Build first: `npm run build -w admin`.
 */

/**
 * Where the docs' screenshots go: a temporary folder, so a test run leaves the checkout as it was;
 * `SCREENSHOTS_DIR=docs/screenshots npm test` refreshes the README's pictures.
 */
export const SCREENSHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? path.join(tmpdir(), 'switchboard-screenshots'));
export const VIEWPORT = { width: 1280, height: 800 };
export const STEP_TIMEOUT = 60_000;

export interface Recorded {
  page: Page;
  context: BrowserContext;
  /** GraphQL operations sent, in order, with their variables. */
  requests: { name: string; variables: Record<string, unknown> }[];
  ops(name?: string): string[];
}

export interface Harness {
  t: TestApp;
  browser: Browser;
  /** Uncaught page errors and console errors of every page opened through `newPage`. */
  errors: string[];
  url(hashPath?: string): string;
  /** A page in a context of its own; `options` add to the harness's (e.g. `bypassCSP` to inject a test script such as axe-core). */
  newPage(options?: BrowserContextOptions): Promise<Recorded>;
  close(): Promise<void>;
}

/**
 * Chromium's own log line for a GraphQL request the API refused as a whole (401 / 403, e.g. a
 * reference column to a resource the employee may not view): the console handles those replies,
 * the line is the browser's network log, not an error of the page. (They were answered 200 before.)
 */
const isRefusalLog = (text: string, url: string) =>
  url.endsWith('/graphql') && /^Failed to load resource: the server responded with a status of 40[13]\b/.test(text);

/** Headless Chromium as every console test runs it: the one the global setup found or installed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(path.join(ADMIN_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build -w admin` (or `npm test`, which builds first)');
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  // Production mode: no runtime introspection, so the console must work from the committed schema.
  const t = await startTestApp({ production: true });
  const browser = await launchChromium();
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  let closed: Promise<void> | undefined;
  // The app disposes of itself; the browser is registered after it, so it closes first.
  const close = () =>
    (closed ??= (async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await t.close();
    })());
  disposeAtEnd(close);
  return {
    t,
    browser,
    errors,
    url: (hashPath = '') => `${t.baseUrl}/admin/${hashPath ? `#${hashPath}` : ''}`,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: VIEWPORT, ...options });
      contexts.push(context);
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const requests: Recorded['requests'] = [];
      page.on('pageerror', (err) => errors.push(String(err)));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !isRefusalLog(msg.text(), msg.location().url)) errors.push(msg.text());
        if (process.env.E2E_DEBUG) console.log(`[browser ${msg.type()}] ${msg.text()}`);
      });
      page.on('response', async (res) => {
        if (process.env.E2E_DEBUG && res.url().endsWith('/graphql')) {
          const body = await res.text().catch(() => '');
          if (res.status() >= 400 || body.includes('"errors"'))
            console.log(`[http ${res.status()}] ${res.request().postData()?.slice(0, 300)} -> ${body.slice(0, 500)}`);
        }
      });
      page.on('request', (req) => {
        if (!req.url().endsWith('/graphql') || req.method() !== 'POST') return;
        const body = req.postDataJSON() as { operationName?: string; query?: string; variables?: Record<string, unknown> } | null;
        const name = body?.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body?.query ?? '')?.[1];
        if (name) requests.push({ name, variables: body?.variables ?? {} });
      });
      return { page, context, requests, ops: (name?: string) => requests.map((r) => r.name).filter((n) => !name || n === name) };
    },
    close,
  };
}

/** A screenshot of the page when a step fails (debug aid). */
export async function failureShot(page: Page | undefined, name: string) {
  await page?.screenshot({ path: path.join(process.env.E2E_FAILURES ?? tmpdir(), `e2e-failure-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
}

export async function signIn(page: Page, url: string, account: string, password: string) {
  await page.goto(url);
  await page.waitForURL(/#\/login$/);
  await page.locator('input[name="username"]').fill(account);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.hash.startsWith('#/login'));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until a locator's text equals the expected one (or the timeout fails the test). */
export async function expectText(locator: Locator, expected: string | RegExp) {
  await expect
    .poll(async () => ((await locator.count()) ? await locator.first().innerText() : null), { timeout: 15_000 })
    .toMatch(expected instanceof RegExp ? expected : new RegExp(`^${escapeRegExp(expected)}$`));
}

export async function expectValue(locator: Locator, expected: string) {
  await expect.poll(() => locator.inputValue(), { timeout: 15_000 }).toBe(expected);
}

/** The error text react-admin shows under an input (MUI links it with aria-describedby). */
export async function helperTextOf(page: Page, input: Locator): Promise<Locator> {
  const describedBy = await input.getAttribute('aria-describedby');
  expect(describedBy, 'input has a helper text').toBeTruthy();
  return page.locator(`[id="${describedBy!.split(' ')[0]}"]`);
}

/** The data rows of the first table, as "cell | cell | ..." strings (empty cells left out). */
export async function listRows(page: Page, table: Locator = page.locator('table').first()): Promise<string[]> {
  return table.locator(':scope > tbody > tr').evaluateAll((rows) =>
    rows.map((r) =>
      Array.from(r.querySelectorAll(':scope > td'))
        .map((td) => (td as HTMLElement).innerText.trim().replace(/\s+/g, ' '))
        .filter(Boolean)
        .join(' | '),
    ),
  );
}

/** The labels of the sidebar's menu items, in order. */
export async function menuItems(page: Page): Promise<string[]> {
  const sidebar = page.locator('.RaMenu-open');
  await sidebar.getByRole('menuitem').first().waitFor();
  return (await sidebar.getByRole('menuitem').allInnerTexts()).map((s) => s.trim());
}

/**
 * Picks an option of an autocomplete input by typing (part of) its text. `option` is the
 * option's text, or the record's name of an option with a second line (data-option).
 */
export async function pick(page: Page, input: Locator, typed: string, option = typed) {
  await input.click();
  await input.fill(typed);
  const named = page.getByRole('option').filter({ has: page.locator(`[data-option=${JSON.stringify(option)}]`) });
  await page.getByRole('option', { name: option, exact: true }).or(named).click();
}

/** A screenshot for the docs: the viewport (desktop or phone) made as tall as the page (the sidebar and app bar stay in place), then restored. */
export async function docShot(page: Page, file: string, maxHeight = 1600) {
  const viewport = page.viewportSize() ?? VIEWPORT;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), maxHeight) });
  await page.screenshot({ path: path.join(SCREENSHOTS, file), animations: 'disabled' });
  await page.setViewportSize(viewport);
}

/** The data rows of a table as { header: cell text } records (a DataTable's columns by their headers). */
export async function tableRecords(page: Page, table: Locator = page.locator('table').first()): Promise<Record<string, string>[]> {
  return table.evaluate((t) => {
    const headers = Array.from(t.querySelectorAll(':scope > thead > tr > th')).map((th) => (th as HTMLElement).innerText.trim());
    return Array.from(t.querySelectorAll(':scope > tbody > tr')).map((tr) => {
      const cells = Array.from(tr.querySelectorAll(':scope > td')).map((td) => (td as HTMLElement).innerText.trim().replace(/\s+/g, ' '));
      return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''] as const).filter(([h]) => h));
    });
  });
}

/**
 * Waits until the console has no request in flight (react-admin's app-bar loader is gone) and no
 * dialog is open or closing: the page is settled before the next click.
 */
export async function settled(page: Page) {
  await expect.poll(() => page.locator('.app-loader').count(), { timeout: 15_000 }).toBe(0);
  await expect.poll(() => page.locator('.MuiDialog-root').count(), { timeout: 15_000 }).toBe(0);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * axe-core's serious and critical violations on the page as it is, each with its first nodes. The
 * page's context must bypass the CSP (`newPage({ bypassCSP: true })`): axe-core is injected as a script.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${n.failureSummary?.split('\n')[1] ?? ''}`)
          .join(' | ')}`,
    );
}
