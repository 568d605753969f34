import { describe, expect, it } from 'vitest';
import { SimulatedButtonPanel } from '../../drivers/buttonPanel/simulatedButtonPanel.js';
import { SimulatedBarcodeScanner } from '../../drivers/scanner/simulatedBarcodeScanner.js';
import type { EventMessage, ScannerScanned } from '../../src/contract/api.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import type { KioskConfigInput } from '../../src/host/kioskConfig.js';
import { KIOSK, loginAs, ok, pairStation, refused } from '../support/queueDriver.js';
import { readRows } from '../support/readRows.js';
import { tempDir } from '../support/tempDir.js';
import { createTestHost } from '../support/testHost.js';

function kioskWithScanner(config: KioskConfigInput = {}) {
  const dataDir = tempDir();
  const scanner = new SimulatedBarcodeScanner();
  const buttons = new SimulatedButtonPanel();
  const host = createTestHost(dataDir, { config, scanner, buttons, simulators: { scanner, buttons } });
  const events: EventMessage[] = [];
  host.events.subscribe((message) => events.push(message));
  const scans = () => events.filter((message) => message.event === 'scanner.scanned').map((message) => message.payload as ScannerScanned);
  return { host, dataDir, scanner, buttons, events, scans };
}

async function technicianOf(host: KioskHost) {
  return loginAs(host, 'technician', 'teknisi');
}

describe('scans: masked for every screen, the value for the one it belongs to', () => {
  it('gives the kiosk screen a NIK scan once; a LAN station paired as a kiosk gets nothing', async () => {
    const { host, scanner, scans, dataDir } = kioskWithScanner();
    const technician = await technicianOf(host);
    const station = await pairStation(host, 'kiosk', technician);
    scanner.scan('3201014501900001');
    const [scan] = scans();
    expect(scan).toMatchObject({ deliverTo: 'kiosk', result: { ok: true, kind: 'nik', masked: expect.stringMatching(/^3201•+0001$/) } });
    expect(JSON.stringify(scan)).not.toContain('3201014501900001');

    expect(await refused(host, 'scanner.claim', { scanId: scan!.scanId }, { channel: 'lan', stationToken: station, address: '192.168.10.40' })).toMatchObject({ code: 'forbidden' });
    expect(await ok(host, 'scanner.claim', { scanId: scan!.scanId }, KIOSK)).toEqual({ kind: 'nik', value: '3201014501900001' });
    // Once only.
    expect(await refused(host, 'scanner.claim', { scanId: scan!.scanId }, KIOSK)).toMatchObject({ code: 'not_found' });

    await host.close();
    const stored = readRows<{ text: string }>(dataDir, "SELECT group_concat(detail, ' ') || group_concat(action, ' ') AS text FROM audit")[0]!.text ?? '';
    const outbox = readRows<{ text: string }>(dataDir, "SELECT group_concat(payload, ' ') AS text FROM outbox")[0]!.text ?? '';
    expect(stored + outbox).not.toContain('3201014501900001');
  });

  it('gives a counter\'s scan only to the officer at that counter', async () => {
    const { host, scanner, scans } = kioskWithScanner({ scanner: { kind: 'simulator', deliverTo: { deskId: 1, counterNumber: 2 } } });
    const siti = await loginAs(host, 'officer', 'siti');
    const budi = await loginAs(host, 'officer', 'budi');
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 1 }, siti);
    await ok(host, 'counters.open', { deskId: 1, counterNumber: 2 }, budi);
    scanner.scan('SIAPKERJA:SK2026000123\r');
    const [scan] = scans();
    expect(scan).toMatchObject({ deliverTo: { deskId: 1, counterNumber: 2 }, result: { ok: true, kind: 'siapkerja-id' } });
    expect(await refused(host, 'scanner.claim', { scanId: scan!.scanId }, siti)).toMatchObject({ code: 'forbidden' });
    expect(await refused(host, 'scanner.claim', { scanId: scan!.scanId }, KIOSK)).toMatchObject({ code: 'forbidden' });
    expect(await ok(host, 'scanner.claim', { scanId: scan!.scanId }, budi)).toEqual({ kind: 'siapkerja-id', value: 'SK2026000123' });
  });

  it('refuses garbage with a reason, and the scanner keeps working', async () => {
    const { host, scanner, scans } = kioskWithScanner();
    scanner.scan('\u0000\u00ff\u0013garbage\r');
    scanner.scan(`${'9'.repeat(600)}\r`);
    scanner.scan('3201019901900001\r'); // day 99: no such birth date
    scanner.scan('SIAPKERJA:SK2026000123\r');
    expect(scans().map((scan) => scan.result.ok)).toEqual([false, false, false, true]);
    expect(scans()[2]!.result).toMatchObject({ ok: false, code: 'nik_birth_date' });
    expect(host.health().devices.find((device) => device.id === 'scanner')?.state).not.toBe('error');
  });
});

describe('the technician\'s levers and settings', () => {
  it('presses on the panel become events, and the panel lights the button', async () => {
    const { host, buttons, events } = kioskWithScanner();
    const technician = await technicianOf(host);
    await ok(host, 'devices.simulate', { device: 'buttons', press: 3 }, technician);
    expect(events.filter((message) => message.event === 'buttons.pressed').map((message) => (message.payload as { button: number }).button)).toEqual([3]);
    expect(buttons.lastFeedback()).toMatchObject({ kind: 'accepted', button: 3 });
  });

  it('lists history of device health from the audit trail, and only for technician or manager', async () => {
    const { host } = kioskWithScanner();
    const technician = await technicianOf(host);
    await ok(host, 'devices.simulate', { device: 'printer', paper: 'out' }, technician);
    await expect.poll(async () => (await ok(host, 'devices.overview', {}, technician)).history.map((entry) => `${entry.device}:${entry.state}`)).toContain('printer:paper-out');
    const receptionist = await loginAs(host, 'receptionist', 'rina');
    expect(await refused(host, 'devices.overview', {}, receptionist)).toMatchObject({ code: 'forbidden' });
    expect(await refused(host, 'devices.simulate', { device: 'printer', paper: 'ok' }, receptionist)).toMatchObject({ code: 'forbidden' });
  });
});
