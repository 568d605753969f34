import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { backToDeskList, takeTicketAt, toDeskList } from '../support/kioskJourney.js';
import { tempDir } from '../support/tempDir.js';

/**
 * A visitor at the touchscreen: Debian's Chromium against the real headless host, which serves the
 * built renderer and prints to the simulated printer. Visitors walk the journey (board → who → account
 * → needs) to the desk list ("I already know my desk"), and each desk goes through the confirm screen.
 */
const SCREENSHOT_DIR = 'test-output/screenshots';
const KIOSK_VIEWPORT = { width: 1080, height: 1920 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openKiosk(url: string, options: { fakeClock?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: KIOSK_VIEWPORT, hasTouch: true, locale: 'id-ID' });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  if (options.fakeClock) await page.clock.install();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  onTestFinished(() => expect(pageErrors).toEqual([]));
  await page.goto(url);
  return page;
}

/** Screenshots go to test-output/; KIOSK_UPDATE_SCREENSHOTS=1 also refreshes the README's copies. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.KIOSK_UPDATE_SCREENSHOTS === '1') copyFileSync(file, join('docs/screenshots', `${name}.png`));
}

/** A loopback port with nothing listening: a network printer that is switched off. */
async function closedLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function printedJobs(dataDir: string): Array<{ bin: string; text: string }> {
  const dir = join(dataDir, 'printer');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bin'))
    .sort()
    .map((bin) => ({ bin, text: readFileSync(join(dir, bin.replace(/\.bin$/, '.txt')), 'utf8') }));
}

describe('visitor takes a queue ticket', () => {
  it('tap a desk → A-001, tap again → A-002, and both are printed', async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Bekasi' });
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    const page = await openKiosk(host.url);
    await toDeskList(page);

    const deskA = page.locator('button[data-desk="1"]');
    await expect.poll(() => page.locator('.desk-button').count()).toBe(7);
    await expect.poll(() => deskA.textContent()).toContain('Pelatihan Vokasi dan Pemagangan');
    await screenshot(page, 'home');

    expect(await takeTicketAt(page, 1)).toBe('A-001');
    // The number is on screen at once; "take your ticket" once the printer confirmed the job.
    await expect.poll(() => page.getByTestId('ticket-print').getAttribute('data-status')).toBe('printed');
    expect(await page.locator('.ticket-print.ok').count()).toBe(1);
    await screenshot(page, 'ticket');

    await backToDeskList(page);
    expect(await takeTicketAt(page, 1)).toBe('A-002');

    await expect.poll(() => printedJobs(dataDir).length).toBe(2);
    const jobs = printedJobs(dataDir);
    expect(jobs[0]!.bin).toMatch(/-A-001\.bin$/);
    expect(jobs[0]!.text).toContain('A-001');
    expect(jobs[1]!.text).toContain('A-002');
    expect(jobs[1]!.text).toContain('BBPVP Bekasi');
  });

  it('shows only the desks of a Tipe 3 kiosk', async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { kioskType: 3 });
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    const page = await openKiosk(host.url);
    await toDeskList(page);
    await expect.poll(() => page.locator('.desk-button').count()).toBe(2);
    expect(await page.locator('.desk-letter').allTextContents()).toEqual(['F', 'G']);
    // The header names the site, not the internal kiosk type.
    expect(await page.locator('.brand-subtitle').textContent()).not.toContain('Tipe');
  });

  it('serves a visitor in English, then greets the next one in Bahasa Indonesia', async () => {
    const host = await startHeadlessHost(tempDir());
    onTestFinished(() => host.kill());
    const page = await openKiosk(host.url);
    await toDeskList(page);
    await page.getByRole('heading', { name: 'Ambil Nomor Antrean' }).waitFor();
    await page.getByRole('button', { name: 'English' }).tap();
    await page.getByRole('heading', { name: 'Take a Queue Number' }).waitFor();
    expect(await page.locator('button[data-desk="7"]').textContent()).toContain('Occupational Safety and Health');
    await screenshot(page, 'home-en');

    expect(await takeTicketAt(page, 7)).toBe('G-001');
    await page.getByRole('heading', { name: 'Your Queue Number' }).waitFor();
    await page.getByRole('button', { name: 'Done', exact: true }).tap();
    // The next visitor is greeted on the board, in Bahasa Indonesia.
    await page.getByTestId('info-board').waitFor();
    expect(await page.getByTestId('board-wake').textContent()).toBe('Sentuh layar untuk mengambil nomor antrean');
    await toDeskList(page);
    await page.getByRole('heading', { name: 'Ambil Nomor Antrean' }).waitFor();
  });

  it('returns to Bahasa Indonesia and the information board when a visitor leaves without a ticket', async () => {
    const host = await startHeadlessHost(tempDir());
    onTestFinished(() => host.kill());
    const page = await openKiosk(host.url, { fakeClock: true });
    await toDeskList(page);
    await page.getByRole('button', { name: 'English' }).tap();
    await page.getByRole('heading', { name: 'Take a Queue Number' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByTestId('priority-toggle').tap();
    // A touch at 45 s means someone is still there: the minute starts again.
    await page.clock.fastForward(45_000);
    await page.locator('.screen-lead').tap();
    await page.clock.fastForward(30_000);
    expect(await page.getByRole('heading', { name: 'Take a Queue Number' }).count()).toBe(1);
    expect(await page.getByTestId('idle-countdown').count()).toBe(0);
    // The last ten seconds count down on screen.
    await page.clock.fastForward(22_000);
    await page.getByTestId('idle-countdown').waitFor();
    expect(await page.getByTestId('idle-countdown').textContent()).toMatch(/starts over in \d+ seconds/);
    await page.clock.fastForward(9_000);
    await page.getByTestId('info-board').waitFor();
    // Wiped: the language, the priority choice, the countdown — nothing of the visitor is left.
    expect(await page.evaluate('document.documentElement.lang')).toBe('id');
    expect(await page.evaluate('document.body.innerText')).not.toMatch(/Take a Queue Number|priority|Still there/i);
    expect(await page.getByTestId('board-wake').textContent()).toBe('Sentuh layar untuk mengambil nomor antrean');
    await toDeskList(page);
    await page.getByRole('heading', { name: 'Ambil Nomor Antrean' }).waitFor();
    expect(await page.getByTestId('priority-toggle').getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps serving the kiosk after malformed requests from the page', async () => {
    const host = await startHeadlessHost(tempDir());
    onTestFinished(() => host.kill());
    const page = await openKiosk(host.url);
    const answers = await page.evaluate(async () => {
      const send = async (body: string) => {
        const response = await fetch('/api/v1/tickets.issue', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return { status: response.status, body: await response.json() };
      };
      return [await send('{"deskId":'), await send('{"deskId":"A"}'), await send('[]')];
    });
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_input' } } });
    }
    await toDeskList(page);
    expect(await takeTicketAt(page, 2)).toBe('B-001');
  });

  it('still gives the number when the printer is off, and tells the visitor to note it', async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { printer: { kind: 'tcp', host: '127.0.0.1', port: await closedLoopbackPort(), timeoutMs: 1000 } });
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    const page = await openKiosk(host.url);
    await toDeskList(page);
    expect(await takeTicketAt(page, 4)).toBe('D-001');
    await expect.poll(() => page.getByTestId('ticket-print').getAttribute('data-status')).toBe('failed');
    expect(await page.getByRole('alert').textContent()).toContain('printer tiket sedang tidak tersambung');
    expect(await page.getByRole('alert').textContent()).toContain('Nomor Anda tetap berlaku');
    // The number's QR code stands in for the paper at the reception desk.
    expect(await page.locator('svg.qr-code').getAttribute('data-qr')).toMatch(/^KS1\.\d{8}\.D-001\.\d+\./);
    await screenshot(page, 'ticket-print-failed');
    const health = (await (await fetch(`${host.url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('degraded');
  });

  it('tells the visitor when the host cannot be reached, and recovers by itself when it is back', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    const page = await openKiosk(host.url);
    await toDeskList(page);
    await page.locator('button[data-desk="1"]').tap();
    const issue = page.getByTestId('confirm-issue');
    await issue.waitFor();
    const before = await issue.boundingBox();
    await host.kill();
    await issue.tap();
    // The failed tap makes the kiosk check at once: it says it is reconnecting, by itself.
    await expect.poll(() => page.getByTestId('reconnecting').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('reconnecting').textContent()).toContain('tersambung ulang');
    // The message overlays the screen's foot: the button stays where the finger is.
    expect(await issue.boundingBox()).toEqual(before);
    await screenshot(page, 'unavailable');

    // The host comes back on the same address: the kiosk finds it with nobody touching it.
    const port = new URL(host.url).port;
    const again = await startHeadlessHost(dataDir, ['--port', port]);
    onTestFinished(() => again.kill());
    await expect.poll(() => page.getByTestId('reconnecting').count(), { timeout: 30_000 }).toBe(0);
    await issue.tap();
    await expect.poll(() => page.getByTestId('ticket-number').textContent(), { timeout: 10_000 }).toBe('A-001');
  });
});
