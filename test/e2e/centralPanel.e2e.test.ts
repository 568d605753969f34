import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { addStaff, login, openPage, screenshot } from '../support/stationPages.js';
import { tempDir } from '../support/tempDir.js';
import { startThrowawayPostgres } from '../support/throwawayPostgres.js';
import { startCentralReceiver } from '../../tools/central-receiver/server.js';

/**
 * The admin page's "Pusat" tab in Chromium against the real headless host, before any central
 * exists: the forwarder's state in words, the pulls (all shipped), the register form, the
 * quarantine list, and the diagnostics bundle downloaded through the page.
 */
const STATION_VIEWPORT = { width: 1440, height: 1000 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openCentralTab(page: Page, username: string): Promise<void> {
  await login(page, username);
  await page.getByTestId('admin-tab-central').click();
  await expect.poll(() => page.getByTestId('central-state').count(), { timeout: 10_000 }).toBe(1);
}

/** axe-core's WCAG A/AA violations on the page as it is now, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })`)) as {
    violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>;
  };
  return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${violation.help} — ${JSON.stringify(node.target)}`));
}

describe('the technician’s central panel', () => {
  it('says no central address is set, lists the shipped pulls, and downloads a diagnostics bundle', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Bekasi' });
    addStaff(dataDir, 'technician:teknisi:Teknisi');
    const host = await startHeadlessHost(dataDir);
    onTestFinished(async () => {
      await host.stop();
    });

    const admin = await openPage(browser, `${host.url}/admin`, STATION_VIEWPORT);
    await openCentralTab(admin, 'teknisi');
    const state = admin.getByTestId('central-state');
    expect(await state.getAttribute('data-state')).toBe('not_configured');
    expect(await state.textContent()).toContain('Alamat pusat belum diatur');
    expect(await admin.getByTestId('central-url').textContent()).toBe('Belum diatur');
    expect(await admin.getByTestId('central-credential').getAttribute('data-storage')).toBe('none');
    expect(await admin.getByTestId('central-last-success').textContent()).toBe('Belum pernah');
    // Nothing can be sent anywhere yet; the button says so by being off.
    expect(await admin.getByTestId('central-sync-now').isDisabled()).toBe(true);

    // Everything the visitor sees is the kiosk's own copy until central gives one.
    const pulls = admin.getByTestId('central-pull-row');
    expect(await pulls.count()).toBe(4);
    for (const row of await pulls.all()) expect(await row.getAttribute('data-source')).toBe('shipped');
    await expect.poll(() => admin.getByTestId('central-poison-empty').count()).toBe(1);

    // The pairing code is shaped as it is typed, and the form waits for a whole one.
    const code = admin.getByRole('textbox', { name: 'Kode pendaftaran' });
    await code.fill('k7qm4x');
    expect(await code.inputValue()).toBe('K7QM-4X');
    expect(await admin.getByTestId('central-register-submit').isDisabled()).toBe(true);
    await code.fill('k7qm4xpa');
    expect(await code.inputValue()).toBe('K7QM-4XPA');
    expect(await admin.getByTestId('central-register-submit').isEnabled()).toBe(true);
    await code.fill('');

    expect(await axeViolations(admin)).toEqual([]);
    await screenshot(admin, 'station-admin-central', { fullPage: true });

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('diagnostics-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^kios-diagnostik-.+\.tar\.gz$/);
    const tar = gunzipSync(readFileSync((await download.path())!));
    // A tar's member names sit in its headers as plain text.
    expect(tar.includes('manifest.json')).toBe(true);
    expect(tar.includes('outbox.json')).toBe(true);
    await expect.poll(() => admin.getByTestId('diagnostics-link').count()).toBe(1);
  });

  it('says the kiosk is not registered once an address is set, and shows the manager the state only', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Bekasi', central: { url: 'https://siapkerja.invalid/api' } });
    addStaff(dataDir, 'manager:manajer:Manajer Kios');
    const host = await startHeadlessHost(dataDir);
    onTestFinished(async () => {
      await host.stop();
    });

    const admin = await openPage(browser, `${host.url}/admin`, STATION_VIEWPORT);
    await openCentralTab(admin, 'manajer');
    expect(await admin.getByTestId('central-state').getAttribute('data-state')).toBe('not_registered');
    expect(await admin.getByTestId('central-url').textContent()).toBe('https://siapkerja.invalid/api');
    // Read-only: no register form, no send button, no quarantine or bundle (technician's methods).
    expect(await admin.getByTestId('central-register-form').count()).toBe(0);
    expect(await admin.getByTestId('central-sync-now').count()).toBe(0);
    expect(await admin.getByTestId('central-poison-panel').count()).toBe(0);
    expect(await admin.getByTestId('diagnostics-download').count()).toBe(0);
    expect(await axeViolations(admin)).toEqual([]);
  });

  it('registers the kiosk with a pairing code from the ministry, shows everything sent, then a failing central in words', { timeout: 120_000 }, async () => {
    const postgres = await startThrowawayPostgres();
    onTestFinished(() => postgres.stop());
    const admin = 'e2e-admin-token-0123456789';
    const receiver = await startCentralReceiver({ databaseUrl: postgres.url, tokenSecret: 'e2e-token-secret-that-is-long-enough-00', adminToken: admin });
    onTestFinished(() => receiver.close());
    const dataDir = tempDir();
    writeConfig(dataDir, {
      siteName: 'BBPVP Bekasi',
      central: { url: receiver.url, site: { code: 'BKS-BBPVP-01', province: 'Jawa Barat', regency: 'Kota Bekasi' }, intervalSeconds: 1, maxBackoffSeconds: 30 },
    });
    addStaff(dataDir, 'technician:teknisi:Teknisi');
    const host = await startHeadlessHost(dataDir);
    onTestFinished(async () => {
      await host.stop();
    });
    const codeAnswer = await fetch(`${receiver.url}/v1/admin/pairing-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteCode: 'BKS-BBPVP-01' }),
    });
    const { pairingCode } = (await codeAnswer.json()) as { pairingCode: string };

    const page = await openPage(browser, `${host.url}/admin`, STATION_VIEWPORT);
    await openCentralTab(page, 'teknisi');
    expect(await page.getByTestId('central-state').getAttribute('data-state')).toBe('not_registered');
    await page.getByRole('textbox', { name: 'Kode pendaftaran' }).fill(pairingCode.toLowerCase().replace('-', ''));
    await page.getByTestId('central-register-submit').click();
    // Registered: the login and pairing of this very session are delivered, and the page says so.
    await expect.poll(() => page.getByTestId('central-state').textContent(), { timeout: 20_000 }).toContain('Terkirim semua');
    expect(await page.getByTestId('central-credential').getAttribute('data-storage')).toBe('owner-only-file');
    await expect.poll(async () => (await page.getByTestId('central-pull-row').all()).length).toBe(4);
    await expect.poll(async () => Promise.all((await page.getByTestId('central-pull-row').all()).map((row) => row.getAttribute('data-source'))), { timeout: 20_000 }).toEqual([
      'central',
      'central',
      'central',
      'central',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'station-admin-central-sent', { fullPage: true });

    // The ministry's announcement from central's configuration is on the kiosk's information board.
    const kiosk = await openPage(browser, host.url, { width: 1080, height: 1920 });
    await expect.poll(() => kiosk.getByTestId('board-national-announcement').textContent(), { timeout: 20_000 }).toContain('tidak dipungut biaya');
    await screenshot(kiosk, 'kiosk-information-board-national');

    // Central starts failing: the next event waits, and the page says when it is tried again.
    receiver.setFaults({ rate: 1, kinds: ['5xx'] });
    await fetch(`${host.url}/api/v1/tickets.issue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deskId: 1 }) });
    await expect.poll(() => page.getByTestId('central-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('backing_off');
    expect(await page.getByTestId('central-state').textContent()).toMatch(/Gagal, dicoba lagi pukul/);
    await screenshot(page, 'station-admin-central-failing', { fullPage: true });
    receiver.setFaults({ rate: 0 });
    await expect.poll(() => page.getByTestId('central-state').textContent(), { timeout: 60_000 }).toContain('Terkirim semua');
  });
});
