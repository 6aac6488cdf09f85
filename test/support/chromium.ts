import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

/**
 * The Chromium the console tests drive: CHROMIUM_PATH, else a system Chromium or Chrome at its
 * usual place, else Playwright's own Chromium (installed by Playwright's installer the first time
 * none is found). Resolved once per test run, in the global setup.
 */

/** Where Linux packages and the macOS installers put Chromium and Chrome, in the order tried. */
export const SYSTEM_BROWSERS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
};

export interface FoundBrowser {
  path: string;
  /** How it was found, for the run's one line about it. */
  source: 'CHROMIUM_PATH' | 'system' | 'Playwright';
}

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The first browser of: `chromiumPath` (CHROMIUM_PATH; it must exist: a path given on purpose is
 * not silently replaced), the system places in order, Playwright's installed Chromium.
 */
export function findChromium(chromiumPath: string | undefined, systemPaths: readonly string[], playwrightPath: string): FoundBrowser | undefined {
  if (chromiumPath) {
    if (!isExecutable(chromiumPath)) throw new Error(`CHROMIUM_PATH=${chromiumPath}: no executable there`);
    return { path: chromiumPath, source: 'CHROMIUM_PATH' };
  }
  const system = systemPaths.find(isExecutable);
  if (system) return { path: system, source: 'system' };
  return isExecutable(playwrightPath) ? { path: playwrightPath, source: 'Playwright' } : undefined;
}

/** Playwright's installer, as shipped with the installed playwright-core (`cli.js install`). */
function installPlaywrightChromium() {
  const cli = path.join(path.dirname(createRequire(__filename).resolve('playwright-core/package.json')), 'cli.js');
  // The full Chromium only: the tests launch it themselves in headless mode, no headless shell needed.
  try {
    execFileSync(process.execPath, [cli, 'install', '--no-shell', 'chromium'], { stdio: 'inherit' });
  } catch {
    throw new Error("Playwright's installer could not install Chromium (its output is above): install Chromium or Chrome, or set CHROMIUM_PATH");
  }
}

/** The browser's own folder in Playwright's cache (e.g. ~/.cache/ms-playwright/chromium-1255). */
function installFolder(executable: string): string {
  for (let dir = path.dirname(executable); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (/^chromium-\d+$/.test(path.basename(dir))) return dir;
  }
  return path.dirname(executable);
}

const FROM: Record<FoundBrowser['source'], string> = {
  CHROMIUM_PATH: 'CHROMIUM_PATH',
  system: 'found on this system',
  Playwright: "Playwright's, installed earlier",
};

/** Finds a Chromium or installs Playwright's, and says on the console which one the run uses. */
export function ensureChromium(systemPaths = SYSTEM_BROWSERS[process.platform] ?? [], log: (line: string) => void = console.log): string {
  const playwrightPath = chromium.executablePath();
  const found = findChromium(process.env.CHROMIUM_PATH, systemPaths, playwrightPath);
  if (found) {
    log(`Console tests use Chromium at ${found.path} (${FROM[found.source]})`);
    return found.path;
  }
  log(`Console tests: no Chromium or Chrome found (CHROMIUM_PATH, usual paths); installing Playwright's Chromium into ${installFolder(playwrightPath)}`);
  installPlaywrightChromium();
  if (!isExecutable(playwrightPath)) throw new Error(`Playwright's installer ran, but there is no Chromium at ${playwrightPath}`);
  log(`Console tests use Chromium at ${playwrightPath} (installed by Playwright)`);
  return playwrightPath;
}
