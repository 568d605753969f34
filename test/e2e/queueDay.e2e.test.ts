import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { takeTicketAt, toDeskList } from '../support/kioskJourney.js';
import { readRows } from '../support/readRows.js';
import { TEST_PIN } from '../support/queueDriver.js';
import { tempDir } from '../support/tempDir.js';

/**
 * A whole queue day on four screens at once, in Debian's Chromium against the real headless host:
 * the visitor kiosk, the receptionist, two desk consoles (one a paired LAN station) and the
 * waiting-room display (a paired display station).
 */
const SCREENSHOT_DIR = 'test-output/screenshots';
const STATION_TOKEN_KEY = 'kios-siapkerja.stationToken';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.KIOSK_UPDATE_SCREENSHOTS === '1') copyFileSync(file, join('docs/screenshots', `${name}.png`));
}

async function openPage(url: string, viewport: { width: number; height: number }, stationToken?: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport, hasTouch: true, locale: 'id-ID' });
  onTestFinished(() => context.close());
  if (stationToken) {
    await context.addInitScript({ content: `localStorage.setItem(${JSON.stringify(STATION_TOKEN_KEY)}, ${JSON.stringify(stationToken)});` });
  }
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  onTestFinished(() => expect(pageErrors).toEqual([]));
  await page.goto(url);
  return page;
}

async function login(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-pin').fill(TEST_PIN);
  await page.getByTestId('login-pin').press('Enter');
  await expect.poll(() => page.getByTestId('logged-in-user').count()).toBe(1);
}

function addStaff(dataDir: string, spec: string): void {
  const result = spawnSync(process.execPath, ['dist/main/headless.mjs', '--data-dir', dataDir, '--add-staff', spec], { input: `${TEST_PIN}\n`, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

async function api(url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/api/v1/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as { ok: boolean; value: Record<string, unknown>; error?: unknown };
  if (!json.ok) throw new Error(`${method}: ${JSON.stringify(json.error)}`);
  return json.value;
}

describe('a queue day across four stations', () => {
  it('issues, calls (display and voice), serves, finishes, transfers, refers, and counts the day', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Bekasi' });
    for (const spec of ['technician:teknisi:Teknisi', 'receptionist:resepsionis:Rina Resepsionis', 'officer:petugas1:Siti Petugas', 'officer:petugas2:Budi Petugas']) {
      addStaff(dataDir, spec);
    }
    const host = await startHeadlessHost(dataDir);
    onTestFinished(async () => {
      await host.stop();
    });

    // The technician, logged in on the kiosk itself, makes pairing codes for a desk PC and the TV.
    const technician = (await api(host.url, 'auth.login', { username: 'teknisi', pin: TEST_PIN })).sessionToken as string;
    const pair = async (kind: string, name: string) => {
      const { code } = await api(host.url, 'stations.createPairingCode', { kind }, { 'x-kiosk-session': technician });
      return (await api(host.url, 'stations.pair', { code, name })).token as string;
    };
    const deskToken = await pair('desk', 'Desk 4 PC');
    const displayToken = await pair('display', 'TV ruang tunggu');

    const kiosk = await openPage(`${host.url}/`, { width: 1080, height: 1920 });
    const reception = await openPage(`${host.url}/reception`, { width: 1440, height: 1000 });
    const desk = await openPage(`${host.url}/desk`, { width: 1280, height: 1000 }, deskToken);
    const desk2 = await openPage(`${host.url}/desk`, { width: 1280, height: 1000 });
    const display = await openPage(`${host.url}/display`, { width: 1920, height: 1080 }, displayToken);
    await display.getByTestId('sound-banner').click();

    // A visitor takes a ticket for desk 4 at the kiosk ("I already know my desk", then confirm).
    await toDeskList(kiosk);
    await takeTicketAt(kiosk, 4);
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('D-001');

    // The officer at the paired desk PC logs in, opens desk 4 counter 1 and calls.
    await login(desk, 'petugas1');
    await desk.getByTestId('open-desk-4').click();
    await desk.getByTestId('open-counter-submit').click();
    await desk.getByTestId('call-next').click();
    await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-number')).toBe('D-001');

    // The display shows it and announces it with the expected clip sequence.
    await expect.poll(() => display.locator('[data-testid="serving-card"][data-number="D-001"]').count()).toBe(1);
    await expect
      .poll(() => display.getByTestId('last-announcement').getAttribute('data-clips'))
      .toBe('chime nomor-antrean huruf-d satu silakan-menuju desk-layanan empat');
    await expect.poll(() => display.getByTestId('last-announcement').textContent()).toContain('Nomor antrean D satu');
    await screenshot(display, 'station-display');

    // Served: the SIAPkerja-ID is scanned in (a keyboard-wedge scanner types and presses Enter).
    await desk.getByTestId('siapkerja-scan').fill('SK-2026-000123');
    await desk.getByTestId('siapkerja-scan').press('Enter');
    await expect.poll(() => desk.getByTestId('siapkerja-attached').count()).toBe(1);
    await desk.getByTestId('start').click();
    await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-status')).toBe('serving');
    await screenshot(desk, 'station-desk');
    await desk.getByTestId('finish').click();
    await desk.locator('[data-testid^="service-D4."]').first().check();
    await desk.getByTestId('finish-submit').click();
    await expect.poll(() => desk.getByTestId('survey-prompt').count()).toBe(1);

    // The receptionist issues two tickets for desk 1, the first for a priority visitor.
    await login(reception, 'resepsionis');
    await reception.getByTestId('issue-desk-1').click();
    await reception.getByTestId('issue-user-type').selectOption('pemberi_kerja');
    await reception.getByTestId('issue-priority').check();
    await reception.getByTestId('issue-submit').click();
    await expect.poll(() => reception.getByTestId('issued-ticket').getAttribute('data-number')).toBe('A-001');
    await reception.getByTestId('issue-priority').uncheck();
    await reception.getByTestId('issue-submit').click();
    await expect.poll(() => reception.getByTestId('issued-ticket').getAttribute('data-number')).toBe('A-002');

    // A second desk (desk 1) transfers the first to desk 2 and refers the second to the back office.
    await login(desk2, 'petugas2');
    await desk2.getByTestId('open-desk-1').click();
    await desk2.getByTestId('open-counter-submit').click();
    await desk2.getByTestId('call-next').click();
    await expect.poll(() => desk2.getByTestId('current-ticket').getAttribute('data-number')).toBe('A-001');
    await desk2.getByTestId('transfer').click();
    await desk2.getByTestId('transfer-desk-2').click();
    await desk2.getByTestId('transfer-note').fill('Perlu sertifikasi kompetensi');
    await desk2.getByTestId('transfer-submit').click();
    await expect.poll(() => reception.locator('[data-testid="queue-desk-2"] [data-testid="queue-ticket"][data-number="A-001"]').count()).toBe(1);

    await desk2.getByTestId('call-next').click();
    await expect.poll(() => desk2.getByTestId('current-ticket').getAttribute('data-number')).toBe('A-002');
    await desk2.getByTestId('start').click();
    await desk2.getByTestId('refer').click();
    await desk2.getByTestId('refer-level-dinas_provinsi').check();
    await desk2.getByTestId('refer-place').fill('Ruang Back Office, lantai 2');
    await desk2.getByTestId('refer-whatsapp').fill('0812 3456 7890');
    await screenshot(desk2, 'station-desk-refer');
    await desk2.getByTestId('refer-submit').click();
    await expect.poll(() => desk2.getByTestId('refer-done-ok').count()).toBe(1);
    await desk2.getByTestId('refer-done-ok').click();

    // The day's figures count all of it.
    await reception.reload();
    // A full page load on a busy 2-core machine can take longer than a poll's default second.
    await reception.getByTestId('figure-issued').waitFor({ timeout: 10_000 });
    await expect.poll(() => reception.getByTestId('figure-issued').textContent()).toContain('3');
    await expect.poll(() => reception.getByTestId('figure-done').textContent()).toContain('1');
    await expect.poll(() => reception.getByTestId('figure-referred').textContent()).toContain('1');
    await screenshot(reception, 'station-reception');

    // The officer at desk 4 walks away with the counter open: the receptionist releases it (two taps).
    await reception.locator('[data-testid="counter-row"][data-state="open"] [data-testid="release-counter"]').first().click();
    await reception.locator('[data-testid="counter-row"][data-state="open"] [data-testid="release-counter"]').first().click();
    await expect.poll(() => reception.locator('[data-testid="counter-row"][data-state="open"]').count()).toBe(1);

    // The audit trail names who did what from which station; no contact details anywhere in it.
    const audit = readRows<{ action: string; station: string | null; staff: string | null; detail: string | null }>(
      dataDir,
      `SELECT a.action, st.name AS station, s.username AS staff, a.detail FROM audit a
       LEFT JOIN stations st ON st.id = a.station_id LEFT JOIN staff s ON s.id = a.staff_id ORDER BY a.id`,
    );
    expect(audit).toContainEqual(expect.objectContaining({ action: 'ticket.called', station: 'Desk 4 PC', staff: 'petugas1' }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'ticket.transferred', staff: 'petugas2' }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'ticket.referred', staff: 'petugas2' }));
    expect(JSON.stringify(audit)).not.toContain('3456');
  });

  it('the admin page makes a pairing code for a new station', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Bekasi' });
    addStaff(dataDir, 'technician:teknisi:Teknisi');
    const host = await startHeadlessHost(dataDir);
    onTestFinished(async () => {
      await host.stop();
    });
    const admin = await openPage(`${host.url}/admin`, { width: 1440, height: 1000 });
    await login(admin, 'teknisi');
    await admin.getByTestId('pairing-kind-display').check();
    await admin.getByTestId('create-pairing-code').click();
    await expect.poll(async () => /^\d{6}$/.test((await admin.getByTestId('pairing-code-value').textContent())?.replace(/\s/g, '') ?? '')).toBe(true);
    const code = (await admin.getByTestId('pairing-code-value').textContent())!.replace(/\s/g, '');
    await screenshot(admin, 'station-admin');

    // A browser with no token pairs with that code: it is now a display station.
    const paired = await api(host.url, 'stations.pair', { code, name: 'TV' });
    expect(paired.station).toMatchObject({ kind: 'display', name: 'TV' });
    await expect(api(host.url, 'stations.pair', { code, name: 'Another' })).rejects.toThrow(/unauthenticated/);
  });
});
