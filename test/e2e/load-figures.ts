import type { Page } from 'playwright-core';
import type { Harness } from './browser';

/**
 * What Chromium transferred while a step ran, from its DevTools network events: bytes as they
 * came over the wire (headers and compressed bodies: `encodedDataLength`), per resource type, and
 * the step's wall time. Each measurement starts from an empty cache (a context of its own).
 */
export interface LoadFigures {
  requests: number;
  /** Every response, headers included. */
  bytes: number;
  /** Scripts only (the console's JavaScript). */
  jsBytes: number;
  ms: number;
}

/** A throttled link, so that bytes show in the time (Chrome DevTools' "Fast 4G" is 9 Mbit/s, 60 ms). */
export const FAST_4G = { latency: 60, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (1.5 * 1024 * 1024) / 8 };

export type Link = typeof FAST_4G | undefined;

/** Records a page's network from now on; `figures(step)` runs the step and counts what it loaded. */
export async function recordNetwork(page: Page, link: Link) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // No cache across the steps of one page either: every byte a step needs is counted once, where it is loaded.
  if (link) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...link });
  const types = new Map<string, string>();
  let done: { type: string; bytes: number }[] = [];
  const pending = new Set<string>();
  const idle: (() => void)[] = [];
  cdp.on('Network.requestWillBeSent', (e) => pending.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  const finish = (requestId: string, bytes: number) => {
    done.push({ type: types.get(requestId) ?? 'Other', bytes });
    pending.delete(requestId);
    if (pending.size === 0) for (const resolve of idle.splice(0)) resolve();
  };
  cdp.on('Network.loadingFinished', (e) => finish(e.requestId, e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => finish(e.requestId, 0));
  /** Resolves once no request is in flight (at once if none is). */
  const quiet = () => (pending.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve)));
  return async function figures(step: () => Promise<void>): Promise<LoadFigures> {
    done = [];
    const started = performance.now();
    await step();
    const ms = performance.now() - started;
    await quiet();
    return {
      requests: done.length,
      bytes: done.reduce((sum, r) => sum + r.bytes, 0),
      jsBytes: done.filter((r) => r.type === 'Script').reduce((sum, r) => sum + r.bytes, 0),
      ms,
    };
  };
}

export interface FirstLoad {
  login: LoadFigures;
  list: LoadFigures;
}

/**
 * A first visit: the login page from an empty cache until its Sign in button shows, then signing
 * in until the organization units list shows `expectedRow` (the sign-in's request, the `me` and
 * list queries, and whatever the console loads for them).
 */
export async function firstLoad(
  h: Harness,
  account: string,
  password: string,
  expectedRow: string,
  { link, baseUrl = h.t.baseUrl }: { link?: Link; baseUrl?: string } = {},
): Promise<FirstLoad> {
  const { page, context } = await h.newPage();
  try {
    const figures = await recordNetwork(page, link);
    const login = await figures(async () => {
      await page.goto(`${baseUrl}/admin/`);
      await page.waitForURL(/#\/login$/);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    });
    await page.locator('input[name="username"]').fill(account);
    await page.locator('input[name="password"]').fill(password);
    const list = await figures(async () => {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => !u.hash.startsWith('#/login'));
      // The list is the first page after sign-in today; going there explicitly keeps the measure if a home page comes first.
      await page.evaluate(() => {
        if (location.hash !== '#/OrgUnit') location.hash = '#/OrgUnit';
      });
      await page.locator('table tbody tr', { hasText: expectedRow }).first().waitFor();
    });
    return { login, list };
  } finally {
    await context.close();
  }
}
