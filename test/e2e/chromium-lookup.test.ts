import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, SYSTEM_BROWSERS } from '../support/chromium';

/** The order in which the test run looks for its Chromium (test/support/chromium.ts), on real files. */

let dir: string;
const at = (name: string) => path.join(dir, name);

async function executable(name: string) {
  await writeFile(at(name), '#!/bin/sh\n');
  await chmod(at(name), 0o755);
  return at(name);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chromium-lookup-'));
  await executable('chromium');
  await executable('google-chrome');
  await executable('playwright-chrome');
  await writeFile(at('not-executable'), '');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finding the Chromium of the console tests', () => {
  it('CHROMIUM_PATH first, whatever else is installed', () => {
    expect(findChromium(at('google-chrome'), [at('chromium')], at('playwright-chrome'))).toEqual({ path: at('google-chrome'), source: 'CHROMIUM_PATH' });
  });

  it('a CHROMIUM_PATH with no executable there is an error, not replaced by another browser', () => {
    expect(() => findChromium(at('missing'), [at('chromium')], at('playwright-chrome'))).toThrow(`CHROMIUM_PATH=${at('missing')}: no executable there`);
    expect(() => findChromium(at('not-executable'), [at('chromium')], at('playwright-chrome'))).toThrow(/no executable there/);
  });

  it('else the first system place that holds an executable, in order', () => {
    const places = [at('missing'), at('not-executable'), at('google-chrome'), at('chromium')];
    expect(findChromium(undefined, places, at('playwright-chrome'))).toEqual({ path: at('google-chrome'), source: 'system' });
    expect(findChromium('', places, at('playwright-chrome'))).toEqual({ path: at('google-chrome'), source: 'system' });
  });

  it("else Playwright's installed Chromium, else none (the setup then installs it)", () => {
    expect(findChromium(undefined, [at('missing')], at('playwright-chrome'))).toEqual({ path: at('playwright-chrome'), source: 'Playwright' });
    expect(findChromium(undefined, [at('missing')], at('missing-too'))).toBeUndefined();
  });

  it('the system places are the usual ones of Linux and macOS', () => {
    expect(SYSTEM_BROWSERS.linux).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']);
    expect(SYSTEM_BROWSERS.darwin).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ]);
  });
});
