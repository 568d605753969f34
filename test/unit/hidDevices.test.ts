import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../src/contract/api.js';
import type { ScanInput } from '../../src/devices/barcodeScanner.js';
import type { PanelButton } from '../../src/devices/buttonPanel.js';
import { HidButtonPanel } from '../../drivers/buttonPanel/hidButtonPanel.js';
import type { HidDevice, HidDeviceInfo, HidHost } from '../../drivers/hid/hidDevice.js';
import { HidPosBarcodeScanner } from '../../drivers/scanner/hidPosBarcodeScanner.js';
import { HidPosReportParser } from '../../drivers/scanner/hidPosReports.js';
import { listDevicePorts } from '../../main/node/listDevicePorts.js';
import { tempDir } from '../support/tempDir.js';

const NIK = '3201014501900001';
const SCANNER = { vendorId: 0x0c2e, productId: 0x0b61 };
const PANEL = { vendorId: 0x1209, productId: 0x0001 };

/** One 64-byte scanned data report: id 2, length, AIM id `]Q1`, data, flag byte last. */
function posReport(data: string, more = false, reportId = 0x02): Uint8Array {
  const bytes = new TextEncoder().encode(data);
  const report = new Uint8Array(64);
  report.set([reportId, bytes.length, 0x5d, 0x51, 0x31]);
  report.set(bytes, 5);
  report[63] = more ? 1 : 0;
  return report;
}

/** Splits a long code into reports of at most 56 data bytes, as a scanner does. */
function posReports(data: string): Uint8Array[] {
  const parts: string[] = [];
  for (let start = 0; start < data.length; start += 56) parts.push(data.slice(start, start + 56));
  return parts.map((part, index) => posReport(part, index < parts.length - 1));
}

/**
 * HID devices that can be plugged and unplugged by the test, behind the same interface as
 * node-hid. Obeys hidapi's rules: an unplugged device's open handles fail with a read error, and
 * opening an absent device fails.
 */
class FakeHidHost implements HidHost {
  readonly #plugged = new Map<string, HidDeviceInfo>();
  readonly #open = new Map<string, Set<FakeHidDevice>>();
  listFailure: Error | null = null;
  opens = 0;

  plug(info: HidDeviceInfo & { path: string }): void {
    this.#plugged.set(info.path, info);
  }

  unplug(path: string): void {
    this.#plugged.delete(path);
    for (const device of this.#open.get(path) ?? []) device.fail(new Error('could not read from HID device'));
    this.#open.delete(path);
  }

  /** Sends an input report from the device at `path` to whoever has it open. */
  send(path: string, report: Uint8Array): void {
    for (const device of this.#open.get(path) ?? []) device.emit(report);
  }

  writes(path: string): number[][] {
    return [...(this.#open.get(path) ?? [])].flatMap((device) => device.writes);
  }

  async devices(): Promise<HidDeviceInfo[]> {
    if (this.listFailure) throw this.listFailure;
    return [...this.#plugged.values()];
  }

  async open(info: HidDeviceInfo): Promise<HidDevice> {
    const path = info.path ?? '';
    if (!this.#plugged.has(path)) throw new Error('cannot open device');
    this.opens += 1;
    const device = new FakeHidDevice(() => this.#open.get(path)?.delete(device));
    this.#open.set(path, (this.#open.get(path) ?? new Set()).add(device));
    return device;
  }
}

class FakeHidDevice implements HidDevice {
  readonly writes: number[][] = [];
  readonly #data: Array<(report: Uint8Array) => void> = [];
  readonly #errors: Array<(error: Error) => void> = [];
  readonly #onClose: () => void;
  #closed = false;

  constructor(onClose: () => void) {
    this.#onClose = onClose;
  }

  onData(listener: (report: Uint8Array) => void): void {
    this.#data.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.#errors.push(listener);
  }

  async write(report: Uint8Array): Promise<void> {
    if (this.#closed) throw new Error('device closed');
    this.writes.push([...report]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#onClose();
  }

  emit(report: Uint8Array): void {
    if (!this.#closed) for (const listener of this.#data) listener(report);
  }

  fail(error: Error): void {
    if (!this.#closed) for (const listener of this.#errors) listener(error);
  }
}

interface Device {
  status(): DeviceStatus;
  onStatusChange(listener: (status: DeviceStatus) => void): () => void;
  close(): Promise<void>;
}

function statusBecomes(device: Device, state: DeviceStatus['state']): Promise<DeviceStatus> {
  if (device.status().state === state) return Promise.resolve(device.status());
  return new Promise((resolve) => {
    const stop = device.onStatusChange((status) => {
      if (status.state !== state) return;
      stop();
      resolve(status);
    });
  });
}

function nextScan(scanner: HidPosBarcodeScanner): Promise<ScanInput> {
  return new Promise((resolve) => {
    const stop = scanner.onScan((scan) => {
      stop();
      resolve(scan);
    });
  });
}

const opened: Device[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((device) => device.close()));
});

describe('HidPosReportParser', () => {
  it('reads the data of a scanned data report, without the symbology id', () => {
    expect(new HidPosReportParser().push(posReport(NIK), 0)).toEqual([{ ok: true, text: NIK }]);
  });

  it('joins a long code spread over several reports', () => {
    const parser = new HidPosReportParser();
    const url = `https://account.kemnaker.go.id/profile?lang=id&source=kiosk&ref=card&id=${'A'.repeat(30)}`;
    const reports = posReports(url);
    expect(reports).toHaveLength(2);
    expect(parser.push(reports[0]!, 0)).toEqual([]);
    expect(parser.deadline()).toBe(500);
    expect(parser.push(reports[1]!, 1)).toEqual([{ ok: true, text: url }]);
  });

  it('ignores reports with other ids and counts them', () => {
    const parser = new HidPosReportParser();
    expect(parser.push(posReport('status', false, 0x04), 0)).toEqual([]);
    expect(parser.push(Uint8Array.of(), 0)).toEqual([]);
    expect(parser.ignoredReports).toBe(2);
    expect(parser.push(posReport(NIK), 1)).toEqual([{ ok: true, text: NIK }]);
  });

  it('strips a CR or LF suffix the scanner was programmed to add', () => {
    expect(new HidPosReportParser().push(posReport(`${NIK}\r\n`), 0)).toEqual([{ ok: true, text: NIK }]);
  });

  it('refuses malformed reports, control characters and overlong codes, then carries on', () => {
    const parser = new HidPosReportParser({ maxLength: 64 });
    const malformed = posReport(NIK);
    malformed[1] = 200;
    expect(parser.push(malformed, 0)).toEqual([{ ok: false, problem: expect.stringMatching(/malformed/) }]);
    expect(parser.push(posReport('AB\u0007CD'), 1)).toEqual([{ ok: false, problem: expect.stringMatching(/control character/) }]);
    const long = posReports('Z'.repeat(400));
    expect(long.flatMap((report) => parser.push(report, 2))).toEqual([{ ok: false, problem: expect.stringMatching(/longer than 64/) }]);
    expect(parser.push(posReport(NIK), 3)).toEqual([{ ok: true, text: NIK }]);
  });

  it('drops a code whose last part never came', () => {
    const parser = new HidPosReportParser();
    parser.push(posReport('first part', true), 0);
    expect(parser.expire(499)).toEqual([]);
    expect(parser.expire(500)).toEqual([{ ok: false, problem: expect.stringMatching(/incomplete/) }]);
    expect(parser.push(posReport(NIK), 600)).toEqual([{ ok: true, text: NIK }]);
  });
});

describe('HidPosBarcodeScanner', () => {
  it('opens the HID POS interface of a composite scanner and delivers its scans', async () => {
    const host = new FakeHidHost();
    host.plug({ ...SCANNER, path: '/dev/hidraw0', usagePage: 0x01, product: 'Scanner keyboard' });
    host.plug({ ...SCANNER, path: '/dev/hidraw1', usagePage: 0x8c, product: 'Xenon 1900' });
    const scanner = new HidPosBarcodeScanner({ ...SCANNER, host, minBackoffMs: 5 });
    opened.push(scanner);
    expect(await statusBecomes(scanner, 'online')).toMatchObject({ id: 'scanner', driver: 'scanner/hid', detail: expect.stringContaining('Xenon 1900') });
    const scan = nextScan(scanner);
    host.send('/dev/hidraw0', posReport('keyboard interface'));
    host.send('/dev/hidraw1', posReport(NIK));
    expect(await scan).toEqual({ ok: true, text: NIK });
  });

  it('goes offline when unplugged and comes back when plugged in again', async () => {
    const host = new FakeHidHost();
    const info = { ...SCANNER, path: '/dev/hidraw1', usagePage: 0x8c };
    host.plug(info);
    const scanner = new HidPosBarcodeScanner({ ...SCANNER, host, minBackoffMs: 5, maxBackoffMs: 20 });
    opened.push(scanner);
    await statusBecomes(scanner, 'online');
    // Half a code, then the cable is pulled: the half must not prefix the next scan.
    host.send(info.path, posReport('3201', true));
    host.unplug(info.path);
    expect(await statusBecomes(scanner, 'offline')).toMatchObject({ detail: expect.stringMatching(/disconnected/) });
    host.plug(info);
    await statusBecomes(scanner, 'online');
    const scan = nextScan(scanner);
    host.send(info.path, posReport(NIK));
    expect(await scan).toEqual({ ok: true, text: NIK });
  });

  it('says so when the scanner is only a keyboard (not in HID POS mode)', async () => {
    const host = new FakeHidHost();
    host.plug({ ...SCANNER, path: '/dev/hidraw0', usagePage: 0x01 });
    const scanner = new HidPosBarcodeScanner({ ...SCANNER, host, minBackoffMs: 5 });
    opened.push(scanner);
    expect(await statusBecomes(scanner, 'error')).toMatchObject({ detail: expect.stringMatching(/usage page 0x008c/) });
    expect(host.opens).toBe(0);
  });

  it('is offline while absent and keeps looking', async () => {
    const host = new FakeHidHost();
    const scanner = new HidPosBarcodeScanner({ ...SCANNER, host, minBackoffMs: 5, maxBackoffMs: 10 });
    opened.push(scanner);
    expect(await statusBecomes(scanner, 'offline')).toMatchObject({ detail: expect.stringMatching(/0c2e:0b61: not found/) });
    host.plug({ ...SCANNER, path: '/dev/hidraw4' });
    await statusBecomes(scanner, 'online');
  });
});

describe('HidButtonPanel', () => {
  async function panelOn(host: FakeHidHost, options: { debounceMs?: number } = {}): Promise<{ panel: HidButtonPanel; presses: PanelButton[] }> {
    host.plug({ ...PANEL, path: '/dev/hidraw7', product: 'Survey buttons' });
    const panel = new HidButtonPanel({ ...PANEL, host, minBackoffMs: 5, ...options });
    opened.push(panel);
    const presses: PanelButton[] = [];
    panel.onPress((button) => presses.push(button));
    await statusBecomes(panel, 'online');
    return { panel, presses };
  }

  it('takes a bit going from 0 to 1 as a press; a held bit is not pressed again', async () => {
    const host = new FakeHidHost();
    const { presses } = await panelOn(host, { debounceMs: 0 });
    host.send('/dev/hidraw7', Uint8Array.of(0b0000_0010));
    host.send('/dev/hidraw7', Uint8Array.of(0b0000_0010));
    host.send('/dev/hidraw7', Uint8Array.of(0b0000_0110));
    host.send('/dev/hidraw7', Uint8Array.of(0));
    host.send('/dev/hidraw7', Uint8Array.of(0b0001_0001));
    host.send('/dev/hidraw7', Uint8Array.of(0b1110_0000));
    expect(presses).toEqual([2, 3, 1, 5]);
  });

  it('debounces a chattering contact', async () => {
    const host = new FakeHidHost();
    const { presses } = await panelOn(host);
    for (let bounce = 0; bounce < 4; bounce += 1) {
      host.send('/dev/hidraw7', Uint8Array.of(0b0100));
      host.send('/dev/hidraw7', Uint8Array.of(0));
    }
    expect(presses).toEqual([3]);
  });

  it('lights the pressed button, beeps on refusal, and ignores a write that fails', async () => {
    const host = new FakeHidHost();
    const { panel } = await panelOn(host);
    panel.feedback({ kind: 'accepted', button: 4 });
    panel.feedback({ kind: 'refused' });
    panel.feedback({ kind: 'idle' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(host.writes('/dev/hidraw7')).toEqual([
      [0, 0b1000],
      [0, 0x80],
      [0, 0],
    ]);
    host.unplug('/dev/hidraw7');
    await statusBecomes(panel, 'offline');
    expect(() => panel.feedback({ kind: 'accepted', button: 1 })).not.toThrow();
  });
});

describe('listDevicePorts', () => {
  it('lists HID devices once per usage page and USB printer files in order', async () => {
    const host = new FakeHidHost();
    host.plug({ ...SCANNER, path: '/dev/hidraw0', usagePage: 0x01, product: 'Xenon', manufacturer: 'Honeywell' });
    host.plug({ ...SCANNER, path: '/dev/hidraw1', usagePage: 0x8c, product: 'Xenon', manufacturer: 'Honeywell' });
    host.plug({ ...SCANNER, path: '/dev/hidraw2', usagePage: 0x8c, product: 'Xenon', manufacturer: 'Honeywell' });
    const dir = join(tempDir(), 'usb');
    mkdirSync(dir);
    for (const name of ['lp10', 'lp0', 'lp2', 'hiddev0']) writeFileSync(join(dir, name), '');
    const ports = await listDevicePorts({ hid: host, usbPrinterDir: dir });
    expect(ports.hid).toEqual([
      { ...SCANNER, product: 'Xenon', manufacturer: 'Honeywell', usagePage: 0x01 },
      { ...SCANNER, product: 'Xenon', manufacturer: 'Honeywell', usagePage: 0x8c },
    ]);
    expect(ports.usbPrinters).toEqual([`${dir}/lp0`, `${dir}/lp2`, `${dir}/lp10`]);
    expect(Array.isArray(ports.serial)).toBe(true);
  });

  it('reports a source that fails and still lists the others', async () => {
    const host = new FakeHidHost();
    host.listFailure = new Error('permission denied on /dev/hidraw0');
    const ports = await listDevicePorts({ hid: host, usbPrinterDir: join(tempDir(), 'absent') });
    expect(ports.hid).toEqual([]);
    expect(ports.usbPrinters).toEqual([]);
    expect(ports.problems).toEqual(['HID devices could not be listed: permission denied on /dev/hidraw0']);
  });
});
