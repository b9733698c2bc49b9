// Drives the built admin GUI in Debian's Chromium: builds dist/ui when it is missing or older than ui/, launches the
// browser (never downloads one), signs in, and saves a screenshot per test for people to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UI_SOURCE = path.join(ROOT, 'ui');
const UI_BUILT = path.join(ROOT, 'dist', 'ui', 'index.html');

/** Where screenshots go: outside the repository, so nothing needs ignoring. */
export const SCREENSHOT_DIR = path.join(os.tmpdir(), 'pitstop-ui-screenshots');
/** Screenshots a test keeps as its artifact, for a person (or CI) to look at: git-ignored, in the repository. */
export const ARTIFACT_DIR = path.join(ROOT, 'test-artifacts');

function newestChange(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build:ui`'s build when dist/ui is missing or older than any file under ui/. */
export function ensureUiBuilt(): void {
  let built = 0;
  try {
    built = statSync(UI_BUILT).mtimeMs;
  } catch {
    // not built yet
  }
  if (built > newestChange(UI_SOURCE)) return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

const PAGE_ERRORS = new WeakMap<Page, string[]>();

/** Script errors the page raised (and console errors other than refused requests, which pages show as problems). */
export function pageErrors(page: Page): readonly string[] {
  return PAGE_ERRORS.get(page) ?? [];
}

/** A fresh page (its own session storage) signed in with `key` at the GUI's models page; `beforeSignIn` sees the sign-in form. */
export async function signedInPage(browser: Browser, url: string, key: string, beforeSignIn?: (page: Page) => Promise<unknown>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  PAGE_ERRORS.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !/status of 4\d\d/.test(message.text()) && errors.push(message.text()));
  await page.goto(`${url}/ui/`);
  await page.getByLabel('API key').fill(key);
  await beforeSignIn?.(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Models', level: 1 }).waitFor();
  return page;
}

/** Saves a full-page screenshot as <dir>/<name>.png (SCREENSHOT_DIR unless told); returns its path. */
export async function screenshot(page: Page, name: string, dir = SCREENSHOT_DIR): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  // The chart library loads with the first chart; charts draw on the next frames after their data arrives.
  // (Polled from here: the GUI's content security policy forbids the eval that waitForFunction uses.)
  for (let waited = 0; (await page.locator('.chart[aria-busy="true"]').count()) > 0 && waited < 10_000; waited += 50) await page.waitForTimeout(50);
  await page.waitForTimeout(150);
  // From the top, so the sticky navigation sits where a person sees it.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
