import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import { TEST_PIN } from './queueDriver.js';

/** Pages of the built renderer in Chromium, for end-to-end tests against the headless host. */

const SCREENSHOT_DIR = 'test-output/screenshots';

/** Screenshots go to test-output/; KIOSK_UPDATE_SCREENSHOTS=1 also refreshes the README's copies. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  if (process.env.KIOSK_UPDATE_SCREENSHOTS === '1') copyFileSync(file, join('docs/screenshots', `${name}.png`));
}

/** A fresh browser context on `url`; any uncaught page error fails the test. */
export async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, locale: 'id-ID' });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  onTestFinished(() => expect(pageErrors).toEqual([]));
  await page.goto(url);
  return page;
}

export async function login(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-pin').fill(TEST_PIN);
  await page.getByTestId('login-pin').press('Enter');
  await expect.poll(() => page.getByTestId('logged-in-user').count(), { timeout: 10_000 }).toBe(1);
}

/** A staff account made the way a technician makes the first one: on the kiosk machine. */
export function addStaff(dataDir: string, spec: string): void {
  const result = spawnSync(process.execPath, ['dist/main/headless.mjs', '--data-dir', dataDir, '--add-staff', spec], { input: `${TEST_PIN}\n`, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

export async function api(url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/api/v1/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as { ok: boolean; value: Record<string, unknown>; error?: unknown };
  if (!json.ok) throw new Error(`${method}: ${JSON.stringify(json.error)}`);
  return json.value;
}
