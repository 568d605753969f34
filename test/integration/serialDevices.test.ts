import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { DeviceStatus } from '../../src/contract/api.js';
import type { ScanInput } from '../../src/devices/barcodeScanner.js';
import type { PanelButton } from '../../src/devices/buttonPanel.js';
import { parseSiapkerjaScan } from '../../src/domain/siapkerjaScan.js';
import { SerialButtonPanel } from '../../drivers/buttonPanel/serialButtonPanel.js';
import { SerialBarcodeScanner } from '../../drivers/scanner/serialBarcodeScanner.js';
import { tempDir } from '../support/tempDir.js';

const NIK = '3201014501900001';
/** Short backoff so a replug is seen within the test; the watcher usually beats it anyway. */
const BACKOFF = { minBackoffMs: 50, maxBackoffMs: 400 };

/**
 * A serial cable in software: two linked pseudo-terminals from socat. Stopping it is pulling the
 * cable (the driver's end closes under it, and socat removes the links); starting it again on
 * the same paths is plugging it back in.
 */
class PtyCable {
  readonly kiosk: string;
  readonly device: string;
  #socat: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.kiosk = join(dir, 'kiosk');
    this.device = join(dir, 'device');
  }

  async plug(): Promise<void> {
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.kiosk}`, `pty,raw,echo=0,link=${this.device}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#socat = socat;
    this.#exited = new Promise((resolve) => socat.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let log = '';
      socat.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        // Both links exist once socat starts transferring.
        if (log.includes('starting data transfer loop')) resolve();
      });
      socat.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
    });
  }

  /** SIGKILL leaves the links behind, dangling: only the port's own reads can notice the loss. */
  async unplug(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const socat = this.#socat;
    this.#socat = null;
    if (socat && socat.exitCode === null && socat.signalCode === null) socat.kill(signal);
    await this.#exited;
  }
}

const cables: PtyCable[] = [];
afterEach(async () => {
  await Promise.all(cables.splice(0).map((cable) => cable.unplug()));
});

async function cable(): Promise<PtyCable> {
  const next = new PtyCable(tempDir('kiosk-serial-'));
  cables.push(next);
  await next.plug();
  return next;
}

/** The device's side of the cable, played by the test. */
async function deviceEnd(path: string): Promise<{ port: SerialPort; write(data: string | Uint8Array): Promise<void>; received: () => string }> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  port.on('error', () => undefined);
  let received = '';
  port.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  onTestFinished(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  return {
    port,
    write: (data) => new Promise((resolve, reject) => port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data), (error) => (error ? reject(error) : port.drain(() => resolve())))),
    received: () => received,
  };
}

interface Device {
  status(): DeviceStatus;
  onStatusChange(listener: (status: DeviceStatus) => void): () => void;
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

/** Every scan until (and including) the first one `done` accepts. */
function scansUntil(scanner: SerialBarcodeScanner, done: (scan: ScanInput) => boolean): Promise<ScanInput[]> {
  const seen: ScanInput[] = [];
  return new Promise((resolve) => {
    const stop = scanner.onScan((scan) => {
      seen.push(scan);
      if (!done(scan)) return;
      stop();
      resolve(seen);
    });
  });
}

const isNik = (scan: ScanInput) => scan.ok && scan.text === NIK;

function scannerOn(path: string, log?: { warn: (message: string) => void }): SerialBarcodeScanner {
  const scanner = new SerialBarcodeScanner({ path, baudRate: 9600, suffix: '\r', ...BACKOFF, ...(log ? { log } : {}) });
  onTestFinished(() => scanner.close());
  return scanner;
}

function panelOn(path: string, log?: { warn: (message: string) => void }): SerialButtonPanel {
  const panel = new SerialButtonPanel({ path, baudRate: 9600, ...BACKOFF, ...(log ? { log } : {}) });
  onTestFinished(() => panel.close());
  return panel;
}

/** A fixed pseudo-random byte stream: the same noise on every run. */
function noise(length: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[index] = state & 0xff;
  }
  return out;
}

describe('SIAPkerja-ID scanner on a serial port (socat PTY pair)', () => {
  it('delivers a scan that the core parses as a NIK', async () => {
    const line = await cable();
    const scanner = scannerOn(line.kiosk);
    expect(await statusBecomes(scanner, 'online')).toMatchObject({ id: 'scanner', driver: 'scanner/serial', detail: `${line.kiosk} at 9600 baud` });
    const device = await deviceEnd(line.device);
    const scans = scansUntil(scanner, () => true);
    await device.write(`${NIK}\r\n`);
    const [scan] = await scans;
    expect(scan).toEqual({ ok: true, text: NIK });
    expect(parseSiapkerjaScan((scan as { text: string }).text)).toEqual({ ok: true, kind: 'nik', value: NIK, masked: '3201••••••••0001' });
  });

  it('reports random bytes, an overlong line and control characters as problems, and keeps scanning', async () => {
    const line = await cable();
    const scanner = scannerOn(line.kiosk);
    await statusBecomes(scanner, 'online');
    const device = await deviceEnd(line.device);

    const afterNoise = scansUntil(scanner, isNik);
    await device.write(noise(600));
    await device.write(`\r${NIK}\r`);
    const noisy = await afterNoise;
    expect(noisy.filter((scan) => !scan.ok).length).toBeGreaterThan(0);
    expect(noisy.at(-1)).toEqual({ ok: true, text: NIK });

    const afterLong = scansUntil(scanner, isNik);
    await device.write(`${'9'.repeat(5000)}\r`);
    await device.write(`SIAP\x1bKERJA\r`);
    await device.write(`${NIK}\r`);
    expect(await afterLong).toEqual([
      { ok: false, problem: expect.stringMatching(/longer than 256/) },
      { ok: false, problem: expect.stringMatching(/control character \(0x1B\)/) },
      { ok: true, text: NIK },
    ]);
    expect(scanner.status().state).toBe('online');
  });

  it('goes offline when unplugged, reconnects when plugged back on the same path, and scans again', async () => {
    const line = await cable();
    const scanner = scannerOn(line.kiosk);
    await statusBecomes(scanner, 'online');
    const first = await deviceEnd(line.device);
    const before = scansUntil(scanner, isNik);
    await first.write(`${NIK}\r`);
    await before;

    const offline = statusBecomes(scanner, 'offline');
    await line.unplug();
    expect(await offline).toMatchObject({ state: 'offline', detail: expect.stringContaining(line.kiosk) });

    const online = statusBecomes(scanner, 'online');
    await line.plug();
    await online;
    const second = await deviceEnd(line.device);
    const after = scansUntil(scanner, () => true);
    await second.write(`SIAPKERJA:KS0012345678\r`);
    expect(await after).toEqual([{ ok: true, text: 'SIAPKERJA:KS0012345678' }]);
  });

  it('notices a hang-up from its reads alone, when the device path stays behind', async () => {
    const line = await cable();
    const scanner = scannerOn(line.kiosk);
    await statusBecomes(scanner, 'online');
    const offline = statusBecomes(scanner, 'offline');
    await line.unplug('SIGKILL');
    expect(await offline).toMatchObject({ detail: expect.stringMatching(/disconnected/) });
    const online = statusBecomes(scanner, 'online');
    await line.plug();
    await online;
    const device = await deviceEnd(line.device);
    const after = scansUntil(scanner, () => true);
    await device.write(`${NIK}\r`);
    expect(await after).toEqual([{ ok: true, text: NIK }]);
  });

  it('is offline while its port does not exist, and comes online when it appears', async () => {
    const line = new PtyCable(tempDir('kiosk-serial-'));
    cables.push(line);
    const scanner = scannerOn(line.kiosk);
    expect(await statusBecomes(scanner, 'offline')).toMatchObject({ detail: expect.stringMatching(/not found/) });
    await line.plug();
    await statusBecomes(scanner, 'online');
  });
});

describe('survey button panel on a serial port (socat PTY pair)', () => {
  it('reads B2 as button 2, in every tolerated form, and logs an unknown line', async () => {
    const line = await cable();
    const problems: string[] = [];
    const panel = panelOn(line.kiosk, { warn: (message) => problems.push(message) });
    await statusBecomes(panel, 'online');
    const device = await deviceEnd(line.device);
    const presses: PanelButton[] = [];
    const fourth = new Promise<void>((resolve) =>
      panel.onPress((button) => {
        presses.push(button);
        if (presses.length === 4) resolve();
      }),
    );
    // Different buttons, so the debounce window does not hide any of them.
    await device.write('B2\n');
    await device.write('HELLO\r\n# firmware 1.0\n');
    await device.write('b3\r\n');
    await device.write('4\r');
    await device.write('B5\n');
    await fourth;
    expect(presses).toEqual([2, 3, 4, 5]);
    expect(problems).toEqual([expect.stringContaining('5 characters: letters')]);
  });

  it('takes a bounce (B2 twice within the debounce window) as one press', async () => {
    const line = await cable();
    const panel = panelOn(line.kiosk);
    await statusBecomes(panel, 'online');
    const device = await deviceEnd(line.device);
    const presses: PanelButton[] = [];
    panel.onPress((button) => presses.push(button));
    const marker = new Promise<void>((resolve) => panel.onPress((button) => button === 4 && resolve()));
    await device.write('B2\nB2\nB4\n');
    await marker;
    expect(presses).toEqual([2, 4]);
  });

  it('lights the pressed button on the panel: L2, then E and L0', async () => {
    const line = await cable();
    const panel = panelOn(line.kiosk);
    await statusBecomes(panel, 'online');
    const device = await deviceEnd(line.device);
    const written = new Promise<void>((resolve) => {
      device.port.on('data', () => {
        if (device.received() === 'L2\nE\nL0\n') resolve();
      });
    });
    panel.feedback({ kind: 'accepted', button: 2 });
    panel.feedback({ kind: 'refused' });
    panel.feedback({ kind: 'idle' });
    await written;
    expect(device.received()).toBe('L2\nE\nL0\n');
  });

  it('survives an unplug: offline, then presses again after the replug', async () => {
    const line = await cable();
    const panel = panelOn(line.kiosk);
    await statusBecomes(panel, 'online');
    const offline = statusBecomes(panel, 'offline');
    await line.unplug();
    await offline;
    // Feedback to an unplugged panel is dropped, never thrown.
    expect(() => panel.feedback({ kind: 'accepted', button: 1 })).not.toThrow();

    const online = statusBecomes(panel, 'online');
    await line.plug();
    await online;
    const device = await deviceEnd(line.device);
    const press = new Promise<PanelButton>((resolve) => panel.onPress(resolve));
    await device.write('B1\n');
    expect(await press).toBe(1);
  });
});
