import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { decodeEscPos } from '../../drivers/printer/escposTextDecoder.js';
import { launchChromium } from '../support/chromium.js';
import { startHeadlessHost, writeConfig } from '../support/headlessHost.js';
import { startPrinterEmulatorServer } from '../support/printerEmulatorServer.js';
import { ptyPair } from '../support/ptyPair.js';
import { backToDeskList, takeTicketAt, toDeskList } from '../support/kioskJourney.js';
import { addStaff, api, login, openPage, screenshot } from '../support/stationPages.js';
import { serialDevice } from '../support/serialDevice.js';
import { tempDir } from '../support/tempDir.js';

/**
 * The kiosk's hardware through real OS paths, seen in Chromium: a network printer (the loopback
 * ESC/POS emulator) running out of paper, a serial SIAPkerja-ID scanner and a serial survey
 * button panel on socat pseudo-terminals, against the real headless host process.
 */
const KIOSK_VIEWPORT = { width: 1080, height: 1920 };
const STATION_VIEWPORT = { width: 1440, height: 1000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});


describe('kiosk hardware, end to end', () => {
  it('paper out: the visitor sees the number and its QR, then the receptionist reprints once paper is loaded', { timeout: 90_000 }, async () => {
    const printer = await startPrinterEmulatorServer();
    onTestFinished(() => printer.close());
    printer.setPaper('out');
    const dataDir = tempDir();
    writeConfig(dataDir, { siteName: 'BBPVP Bekasi', printer: { kind: 'tcp', host: printer.host, port: printer.port, timeoutMs: 2000 } });
    addStaff(dataDir, 'receptionist:resepsionis:Rina Resepsionis');
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());

    const kiosk = await openPage(browser, host.url, KIOSK_VIEWPORT);
    await toDeskList(kiosk);
    await takeTicketAt(kiosk, 1);
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('A-001');
    await expect.poll(() => kiosk.getByTestId('ticket-print').getAttribute('data-status'), { timeout: 10_000 }).toBe('failed');
    expect(await kiosk.getByRole('alert').textContent()).toContain('kertas printer habis');
    const reference = await kiosk.locator('svg.qr-code').getAttribute('data-qr');
    expect(reference).toMatch(/^KS1\.\d{8}\.A-001\./);
    await screenshot(kiosk, 'ticket-paper-out');
    expect(printer.jobs.filter((job) => job.printed)).toHaveLength(0);
    // The next visitor is told before choosing that the paper will not come.
    await backToDeskList(kiosk);
    await expect.poll(() => kiosk.getByTestId('printer-notice').count()).toBe(1);

    // "Paper loaded": the receptionist's page sees the printer come back and reprints the ticket.
    printer.setPaper('ok');
    const reception = await openPage(browser, `${host.url}/reception`, STATION_VIEWPORT);
    await login(reception, 'resepsionis');
    await expect.poll(() => reception.locator('[data-testid="reprint-item"][data-number="A-001"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => reception.getByTestId('printer-state').getAttribute('data-state'), { timeout: 40_000 }).toBe('online');
    await screenshot(reception, 'station-reception-reprint');
    await reception.locator('[data-testid="reprint-item"][data-number="A-001"] [data-testid="reprint-item-submit"]').click();
    await expect.poll(() => printer.jobs.filter((job) => job.printed).length, { timeout: 10_000 }).toBe(1);
    const paper = decodeEscPos(printer.jobs.find((job) => job.printed)!.bytes);
    expect(paper.text).toContain('A-001');
    expect(paper.qrCodes).toEqual([reference]);
    await expect.poll(() => reception.getByTestId('reprint-item').count()).toBe(0);
    await expect.poll(() => reception.getByTestId('reprint-result').textContent()).toContain('A-001');
    // And the kiosk's notice goes once the printer is back.
    await expect.poll(() => kiosk.getByTestId('printer-notice').count()).toBe(0);
  });

  it('a scan over a serial line reaches the desk console parsed; a button press moves the device screen', { timeout: 90_000 }, async () => {
    const scanner = await ptyPair();
    const buttons = await ptyPair();
    const dataDir = tempDir();
    writeConfig(dataDir, {
      scanner: { kind: 'serial', path: scanner.kiosk, baudRate: 9600, deliverTo: { deskId: 1, counterNumber: 1 } },
      buttons: { kind: 'serial', path: buttons.kiosk, baudRate: 9600 },
    });
    addStaff(dataDir, 'officer:petugas1:Siti Petugas');
    addStaff(dataDir, 'technician:teknisi:Teknisi');
    const host = await startHeadlessHost(dataDir);
    onTestFinished(() => host.kill());
    await expect.poll(async () => ((await (await fetch(`${host.url}/healthz`)).json()) as { devices: Array<{ id: string; state: string }> }).devices.map((device) => `${device.id}:${device.state}`), { timeout: 15_000 }).toEqual(
      expect.arrayContaining(['scanner:online', 'buttons:online']),
    );

    await api(host.url, 'tickets.issue', { deskId: 1 });
    const desk = await openPage(browser, `${host.url}/desk`, STATION_VIEWPORT);
    await login(desk, 'petugas1');
    await desk.getByTestId('open-desk-1').click();
    await desk.getByTestId('open-counter-submit').click();
    await desk.getByTestId('call-next').click();
    await expect.poll(() => desk.getByTestId('current-ticket').getAttribute('data-number')).toBe('A-001');

    const scannerEnd = await serialDevice(scanner.device);
    // Garbage first: random bytes, control characters, an overlong line. Each is refused clearly.
    scannerEnd.write(Buffer.from([0x00, 0xff, 0x13, 0x88, 0x0d]));
    await expect.poll(() => desk.getByTestId('scan-notice').getAttribute('data-ok'), { timeout: 10_000 }).toBe('false');
    scannerEnd.write(`${'9'.repeat(600)}\r`);
    scannerEnd.write('SIAPKERJA:\u0007BAD\r');
    // Then the visitor's card.
    scannerEnd.write('SIAPKERJA:SK2026000123\r');
    await expect.poll(() => desk.getByTestId('scan-notice').getAttribute('data-ok'), { timeout: 10_000 }).toBe('true');
    expect(await desk.getByTestId('scan-notice').textContent()).toContain('••••0123');
    expect(await desk.getByTestId('siapkerja-scan').inputValue()).toBe('SK2026000123');
    await desk.getByTestId('siapkerja-submit').click();
    await expect.poll(() => desk.getByTestId('siapkerja-attached').count()).toBe(1);
    await screenshot(desk, 'station-desk-scan');

    // A keyboard-wedge scanner on the desk PC itself, with the focus away from the field: a burst
    // of keys is a scan; the same keys typed at a person's pace are not.
    await desk.evaluate('document.activeElement?.blur()');
    await desk.keyboard.type('87654321', { delay: 150 });
    expect(await desk.getByTestId('siapkerja-scan').inputValue()).toBe('');
    await desk.evaluate('document.activeElement?.blur()');
    await desk.keyboard.type('SK2026000999\n');
    await expect.poll(() => desk.getByTestId('siapkerja-scan').inputValue()).toBe('SK2026000999');

    const admin = await openPage(browser, `${host.url}/admin`, STATION_VIEWPORT);
    await login(admin, 'teknisi');
    await admin.getByTestId('admin-tab-devices').click();
    await expect.poll(() => admin.getByTestId('device-state-buttons').getAttribute('data-state')).toBe('online');
    const panel = await serialDevice(buttons.device);
    const lights: string[] = [];
    panel.on('data', (chunk: Buffer) => lights.push(chunk.toString()));
    panel.write('B3\n');
    await expect.poll(() => admin.getByTestId('button-test').getAttribute('data-selected'), { timeout: 10_000 }).toBe('3');
    panel.write('B1\r\n');
    await expect.poll(() => admin.getByTestId('button-test').getAttribute('data-selected')).toBe('1');
    // The panel lights the button it pressed.
    await expect.poll(() => lights.join('')).toContain('L3\n');
    // Scans are not kept anywhere: the device screen lists, masked, those it sees while open.
    scannerEnd.write('3201014501900001\r');
    await expect.poll(() => admin.getByTestId('scan-entry').count(), { timeout: 10_000 }).toBe(1);
    expect(await admin.getByTestId('scan-entry').textContent()).toContain('3201');
    expect(await admin.getByTestId('scan-entry').textContent()).not.toContain('3201014501900001');
    await screenshot(admin, 'station-admin-devices');
  });
});
