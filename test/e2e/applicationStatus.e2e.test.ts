import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SESSION_HEADER } from '../../src/contract/api.js';
import { startCentralReceiver, type CentralReceiver } from '../../tools/central-receiver/server.js';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig, type RunningHost } from '../support/headlessHost.js';
import { startVisit } from '../support/kioskJourney.js';
import { TEST_PIN } from '../support/queueDriver.js';
import { addStaff, api, openPage } from '../support/stationPages.js';
import { tempDir } from '../support/tempDir.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwawayPostgres.js';
import { checker, writeFindings } from '../support/visitorA11y.js';

/**
 * An employer checks a PP/PKB application by its number on the kiosk, end to end: Chromium on the
 * visitor page, the real headless host registered with the reference receiver (on a throw-away
 * PostgreSQL), so the number goes from the on-screen keyboard through the host and its forwarder to
 * central and back. Found, not found, a number too short to be one, central failing (and coming
 * back), a kiosk not registered, and the idle wipe of a typed number. Every screen goes through the
 * journey's accessibility checks (axe-core, 72 px targets, reach in portrait).
 */

const PORTRAIT = { width: 1080, height: 1920 };
const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const SITE = { code: 'BKS-BBPVP-01', province: 'Jawa Barat', regency: 'Kota Bekasi' };
/** Samples of tools/central-receiver/fixtures/agreement-applications.json. */
const NEEDS_CORRECTION = 'PP/3273/2026/000123';
const REGISTERED_PKB = 'PKB/3471/2025/000012';
const UNKNOWN = 'PP/3273/2026/999999';

let browser: Browser;
let postgres: ThrowawayPostgres;
let receiver: CentralReceiver;

beforeAll(async () => {
  [browser, postgres] = await Promise.all([launchChromium(), startThrowawayPostgres()]);
  receiver = await startCentralReceiver({ databaseUrl: postgres.url, tokenSecret: 'e2e-token-secret-that-is-long-enough-00', adminToken: ADMIN_TOKEN });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await postgres?.stop();
  writeFindings('application-status-a11y');
});

/** A kiosk host that knows the receiver; registered the way a technician does it, with the ministry's pairing code. */
async function registeredHost(): Promise<RunningHost> {
  const dataDir = tempDir();
  writeConfig(dataDir, { siteName: 'BBPVP Bekasi', central: { url: receiver.url, site: SITE, intervalSeconds: 1 } });
  addStaff(dataDir, 'technician:teknisi:Teknisi');
  const host = await startHeadlessHost(dataDir);
  onTestFinished(async () => {
    await host.stop();
  });
  const answer = await fetch(`${receiver.url}/v1/admin/pairing-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ siteCode: SITE.code }),
  });
  const { pairingCode } = (await answer.json()) as { pairingCode: string };
  const login = await api(host.url, 'auth.login', { username: 'teknisi', pin: TEST_PIN });
  await api(host.url, 'central.register', { pairingCode }, { [SESSION_HEADER]: String(login.sessionToken) });
  return host;
}

/** From the information board: an employer, the PP/PKB need and its guide, then the tool. */
async function toApplicationStatus(page: Page): Promise<void> {
  await startVisit(page, 'pemberi_kerja');
  await page.getByTestId('need-pp-pkb').tap();
  await page.getByTestId('guide-continue').tap();
  await page.getByTestId('self-service-application-status').tap();
  await page.getByTestId('application-status').waitFor();
}

/** Clears the field (when it holds anything) and types the number on the on-screen keyboard. */
async function typeNumber(page: Page, number: string): Promise<void> {
  if ((await page.getByTestId('application-clear').count()) > 0) await page.getByTestId('application-clear').tap();
  if ((await page.getByTestId('osk').count()) === 0) await page.getByTestId('application-number').tap();
  for (const key of number) await page.getByTestId(`osk-key-${key}`).tap();
  expect(await page.getByTestId('application-number').textContent()).toBe(number);
}

async function checkNumber(page: Page, number: string, outcome: 'found' | 'not-found' | 'unavailable' | 'invalid'): Promise<void> {
  await typeNumber(page, number);
  await page.getByTestId('application-check').tap();
  await expect.poll(() => page.getByTestId('application-result').getAttribute('data-state'), { timeout: 30_000 }).toBe(outcome);
}

describe('the PP/PKB application status on the kiosk', () => {
  it('a registered kiosk: a known number with its status, company and next step; an unknown one; central failing, then back', { timeout: 180_000 }, async () => {
    const host = await registeredHost();
    const page = await openPage(browser, host.url, PORTRAIT);
    const check = checker(page, 'portrait');
    await toApplicationStatus(page);
    // The keyboard types what application numbers are made of: capitals, digits, / . -
    expect(await page.getByTestId('osk').getAttribute('data-layout')).toBe('code');
    expect(await page.getByTestId('osk-space').count()).toBe(0);
    await check('application status: empty, the keyboard open');
    for (const key of NEEDS_CORRECTION.slice(0, 9)) await page.getByTestId(`osk-key-${key}`).tap();
    await check('application status: typing', 'journey-application-status-typing');

    await checkNumber(page, NEEDS_CORRECTION, 'found');
    const found = page.getByTestId('application-found');
    expect(await found.getAttribute('data-status')).toBe('perlu_perbaikan');
    expect(await page.getByTestId('application-company').textContent()).toBe('PT Sinar Mandiri Tekstil');
    expect(await page.getByTestId('application-status-label').textContent()).toContain('Perlu perbaikan');
    expect(await page.getByTestId('application-kind').textContent()).toBe('Peraturan Perusahaan (PP)');
    expect(await page.getByTestId('application-date').textContent()).toBe('24 November 2026');
    expect(await page.getByTestId('application-next-step').textContent()).toContain('upah kerja lembur');
    expect(await found.textContent()).toContain('Kota Bandung');
    // The answer is announced, not only drawn: it sits in a live region.
    expect(await page.getByTestId('application-result').getAttribute('aria-live')).toBe('polite');
    // The keyboard went away for the answer; its field opens it again.
    expect(await page.getByTestId('osk').count()).toBe(0);
    await check('application status: found, corrections needed', 'journey-application-status');

    // A PKB that went through reads "registered", in the visitor's language.
    await page.getByRole('button', { name: 'English' }).tap();
    await checkNumber(page, REGISTERED_PKB, 'found');
    expect(await page.getByTestId('application-found').getAttribute('data-status')).toBe('disahkan');
    expect(await page.getByTestId('application-status-label').textContent()).toContain('Registered');
    expect(await page.getByTestId('application-kind').textContent()).toBe('Collective agreement (PKB)');
    expect(await page.getByTestId('application-date').textContent()).toBe('10 December 2025');
    expect(await page.getByTestId('application-next-step').count()).toBe(0);
    await check('application status: found, PKB registered (English)');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).tap();

    await checkNumber(page, UNKNOWN, 'not-found');
    const notFound = (await page.getByTestId('application-not-found').textContent()) ?? '';
    expect(notFound).toContain(UNKNOWN);
    expect(notFound).toContain('Periksa kembali nomornya');
    // Where to ask is the desk this kiosk sends the need to.
    expect(notFound).toContain('desk F (Jaminan Sosial Tenaga Kerja)');
    await check('application status: not found', 'journey-application-status-not-found');

    await checkNumber(page, 'PP/12', 'invalid');
    expect(await page.getByTestId('application-invalid').textContent()).toContain('belum lengkap');

    // Central fails on the lookup alone: the visitor hears that the check needs it, and where to go.
    receiver.setFaults({ rate: 1, kinds: ['5xx'], targets: ['applications'] });
    try {
      await checkNumber(page, NEEDS_CORRECTION, 'unavailable');
      const unavailable = (await page.getByTestId('application-unavailable').textContent()) ?? '';
      expect(unavailable).toContain('sistem pusat SIAPkerja');
      expect(unavailable).toContain('desk F');
      expect(await page.getByTestId('application-company').count()).toBe(0);
      await check('application status: central unavailable', 'journey-application-status-unavailable');
    } finally {
      receiver.setFaults({ rate: 0 });
    }
    await page.getByTestId('application-retry').tap();
    await expect.poll(() => page.getByTestId('application-result').getAttribute('data-state'), { timeout: 30_000 }).toBe('found');
    expect(await page.getByTestId('application-company').textContent()).toBe('PT Sinar Mandiri Tekstil');

    // And on to the desk, as every tool ends.
    await page.getByTestId('tool-done').tap();
    await page.getByTestId('desk-choice-6').waitFor();
  });

  it('a kiosk not registered with central says the check needs it; the idle wipe takes the typed number', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { idleSeconds: 15 });
    const host = await startHeadlessHost(dataDir);
    onTestFinished(async () => {
      await host.stop();
    });
    const page = await openPage(browser, host.url, PORTRAIT);
    const check = checker(page, 'portrait');
    await toApplicationStatus(page);
    await checkNumber(page, NEEDS_CORRECTION, 'unavailable');
    expect(await page.getByTestId('application-unavailable').textContent()).toContain('sistem pusat SIAPkerja');
    await check('application status: kiosk not registered');

    // Left with a number typed: the countdown, then the board, and nothing of it stays.
    await typeNumber(page, REGISTERED_PKB);
    await page.getByTestId('idle-countdown').waitFor({ timeout: 20_000 });
    await page.getByTestId('info-board').waitFor({ timeout: 20_000 });
    expect((await page.evaluate('document.documentElement.outerHTML')) as string).not.toContain(REGISTERED_PKB);
    await toApplicationStatus(page);
    expect(await page.getByTestId('application-number').textContent()).not.toContain('PKB');
    expect(await page.getByTestId('application-result').getAttribute('data-state')).toBe('idle');
  });
});
