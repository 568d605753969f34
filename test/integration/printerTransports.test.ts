import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTicketPrinter } from '../../main/node/createTicketPrinter.js';
import { EscPosTicketPrinter, type EscPosTicketPrinterOptions } from '../../drivers/printer/escposTicketPrinter.js';
import { encodeSlipAsEscPos } from '../../drivers/printer/escposSlipEncoder.js';
import { decodeEscPos, escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import { TcpPrinterTransport } from '../../drivers/printer/tcpPrinterTransport.js';
import type { DeviceHealth, DeviceStatus } from '../../src/contract/api.js';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';
import { buildTicketSlip } from '../../src/domain/ticketSlip.js';
import { startPrinterEmulatorServer, type PrinterEmulatorServer, type PrinterFault } from '../support/printerEmulatorServer.js';
import { HeldTransport } from '../support/heldTransport.js';
import { tempDir } from '../support/tempDir.js';

const slip = (number: string) =>
  buildTicketSlip({ siteName: 'Uji', ticketNumber: number, deskName: 'Produktivitas', issuedAt: new Date('2026-11-23T03:00:00Z'), timeZone: 'Asia/Jakarta' });
const job = (number: string) => ({ slip: slip(number), name: number });
const bytesOf = (number: string) => encodeSlipAsEscPos(slip(number), { paper: '80mm' });

/** A probe that never fires within a test, so connection counts show only what jobs did. */
const NO_PROBE = { initialMs: 600_000, maxMs: 600_000 };
/** Generous: a loaded two-core machine must not turn a healthy printer into a timeout. */
const TIMEOUT_MS = 5000;

async function emulatorServer(): Promise<PrinterEmulatorServer> {
  const server = await startPrinterEmulatorServer();
  onTestFinished(() => server.close());
  return server;
}

function tcpPrinter(server: PrinterEmulatorServer, options: EscPosTicketPrinterOptions = {}): EscPosTicketPrinter {
  const printer = new EscPosTicketPrinter(new TcpPrinterTransport({ host: server.host, port: server.port }), {
    timeoutMs: TIMEOUT_MS,
    probeBackoff: NO_PROBE,
    ...options,
  });
  onTestFinished(() => printer.close());
  return printer;
}

/** Resolves with the first status change to `state`. */
function becomes(printer: TicketPrinter, state: DeviceHealth): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const stop = printer.onStatusChange((status) => {
      if (status.state !== state) return;
      stop();
      resolve(status);
    });
  });
}

describe('ESC/POS ticket printer on a network printer (loopback emulator)', () => {
  it('prints only after the printer confirmed, and the printer received exactly the job', async () => {
    const server = await emulatorServer();
    const printer = tcpPrinter(server);
    expect(printer.status()).toMatchObject({ id: 'printer', driver: 'escpos/tcp', state: 'unknown' });
    const seen: DeviceStatus[] = [];
    printer.onStatusChange((status) => seen.push(status));

    await expect(printer.print(job('C-001'))).resolves.toEqual({ status: 'printed' });
    expect(server.jobs).toEqual([{ bytes: bytesOf('C-001'), printed: true }]);
    expect(server.connections).toBe(1);
    expect(printer.status()).toMatchObject({ state: 'online', detail: expect.stringContaining(`127.0.0.1:${server.port}`) });
    expect(seen).toEqual([expect.objectContaining({ state: 'online', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
  });

  it('serialises jobs: tickets issued at once never interleave', async () => {
    const server = await emulatorServer();
    const printer = tcpPrinter(server);
    const numbers = ['C-001', 'C-002', 'C-003', 'C-004'];
    const results = await Promise.all(numbers.map((number) => printer.print(job(number))));
    expect(results).toEqual(numbers.map(() => ({ status: 'printed' })));
    expect(server.jobs).toEqual(numbers.map((number) => ({ bytes: bytesOf(number), printed: true })));
    expect(server.connections).toBe(numbers.length);
  });

  const faults: Array<{ name: string; arrange: (server: PrinterEmulatorServer) => void; reason: string; detail: RegExp; timeoutMs?: number }> = [
    { name: 'silent (accepts, never answers)', arrange: (s) => s.setFault({ kind: 'silent' }), reason: 'timeout', detail: /no answer to the status query .* within 500 ms/, timeoutMs: 500 },
    { name: 'closes each connection at once', arrange: (s) => s.setFault({ kind: 'close-on-accept' }), reason: 'closed', detail: /closed the connection before answering/ },
    { name: 'resets the connection in the middle of the job', arrange: (s) => s.setFault({ kind: 'reset-after', bytes: 12 + 40 } satisfies PrinterFault), reason: 'reset', detail: /reset \(ECONNRESET|EPIPE\)/ },
    { name: 'is out of paper', arrange: (s) => s.setPaper('out'), reason: 'paper-out', detail: /roll paper end \(before the job\)/ },
    { name: 'has its cover open', arrange: (s) => s.setCover('open'), reason: 'cover-open', detail: /cover open \(before the job\)/ },
    { name: 'runs out of paper in the middle of the job', arrange: (s) => s.paperOutDuringJob(40), reason: 'paper-out', detail: /roll paper end \(after the job\)/ },
    { name: 'has its cover opened in the middle of the job', arrange: (s) => s.coverOpenDuringJob(40), reason: 'cover-open', detail: /cover open \(after the job\)/ },
  ];

  for (const fault of faults) {
    it(`fails with ${fault.reason}, never printed, when the printer ${fault.name}`, async () => {
      const server = await emulatorServer();
      fault.arrange(server);
      const printer = tcpPrinter(server, fault.timeoutMs ? { timeoutMs: fault.timeoutMs } : {});
      const result = await printer.print(job('C-001'));
      expect(result).toMatchObject({ status: 'failed', reason: fault.reason });
      expect(result.status === 'failed' && result.detail).toMatch(fault.detail);
      expect(result.status === 'failed' && result.detail).toContain(`127.0.0.1:${server.port}`);
      expect(server.jobs.filter((entry) => entry.printed)).toEqual([]);
      const expectedState = fault.reason === 'paper-out' || fault.reason === 'cover-open' ? fault.reason : 'offline';
      expect(printer.status().state).toBe(expectedState);
    });
  }

  it('refuses to send into a printer without paper: the job never reaches it', async () => {
    const server = await emulatorServer();
    server.setPaper('out');
    const printer = tcpPrinter(server);
    await printer.print(job('C-001'));
    expect(server.jobs).toEqual([]);
    expect(server.emulator.jobInProgress).toBe(0);
  });

  it('prints on a printer whose paper is near its end, and says so', async () => {
    const server = await emulatorServer();
    server.setPaper('near-end');
    const printer = tcpPrinter(server);
    await expect(printer.print(job('C-001'))).resolves.toEqual({ status: 'printed' });
    expect(printer.status()).toMatchObject({ state: 'paper-near-end', detail: expect.stringContaining('roll paper near end') });
  });

  it('calls a job to a printer that cannot report status unconfirmed, and a refused one failed', async () => {
    const server = await emulatorServer();
    const printer = tcpPrinter(server, { status: 'none' });
    const result = await printer.print(job('C-001'));
    expect(result).toMatchObject({ status: 'unconfirmed', detail: expect.stringContaining('cannot report status') });
    await expect.poll(() => server.jobs.length).toBe(1);
    expect(server.jobs[0]!.bytes).toEqual(bytesOf('C-001'));
    expect(printer.status().state).toBe('unknown');

    await server.switchOff();
    await expect(printer.print(job('C-002'))).resolves.toMatchObject({ status: 'failed', reason: 'offline', detail: expect.stringContaining('ECONNREFUSED') });
  });

  it('opens the breaker after a failure: the next job fails at once, without touching the network', async () => {
    const server = await emulatorServer();
    server.setFault({ kind: 'close-on-accept' });
    const printer = tcpPrinter(server);
    await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'closed' });
    expect(server.connections).toBe(1);
    server.setFault(null);

    const second = await printer.print(job('C-002'));
    expect(second).toMatchObject({ status: 'failed', reason: 'offline', detail: expect.stringContaining('not sent: the printer is offline since') });
    expect(server.connections).toBe(1);
    expect(printer.status().state).toBe('offline');
  });

  it('probes a printer that went away until it is back, then prints again', async () => {
    const server = await emulatorServer();
    await server.switchOff();
    const printer = tcpPrinter(server, { probeBackoff: { initialMs: 20, maxMs: 200 } });
    const offline = becomes(printer, 'offline');
    await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'offline', detail: expect.stringContaining('ECONNREFUSED') });
    await offline;

    const online = becomes(printer, 'online');
    await server.switchOn();
    await expect(online).resolves.toMatchObject({ state: 'online' });
    await expect(printer.print(job('C-002'))).resolves.toEqual({ status: 'printed' });
  });

  it('fails fast while the paper is out, and notices when paper is loaded', async () => {
    const server = await emulatorServer();
    server.setPaper('out');
    const printer = tcpPrinter(server, { probeBackoff: { initialMs: 20, maxMs: 200 } });
    await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'paper-out' });
    const loaded = becomes(printer, 'online');
    // While the probe keeps finding no paper, jobs fail without being sent.
    await expect(printer.print(job('C-002'))).resolves.toMatchObject({ status: 'failed', reason: 'paper-out', detail: expect.stringContaining('not sent') });
    expect(server.jobs).toEqual([]);
    server.setPaper('ok');
    await loaded;
    await expect(printer.print(job('C-003'))).resolves.toEqual({ status: 'printed' });
  });

  it('asks the printer on probe(), whatever the breaker says', async () => {
    const server = await emulatorServer();
    server.setCover('open');
    const printer = tcpPrinter(server);
    await expect(printer.probe()).resolves.toMatchObject({ state: 'cover-open', detail: expect.stringContaining('cover open') });
    server.setCover('closed');
    await expect(printer.probe()).resolves.toMatchObject({ state: 'online' });
    expect(server.jobs).toEqual([]);
  });

  it('uses automatic status back in asb mode', async () => {
    const server = await emulatorServer();
    const printer = tcpPrinter(server, { status: 'asb' });
    await expect(printer.print(job('C-001'))).resolves.toEqual({ status: 'printed' });
    expect(server.jobs).toEqual([{ bytes: bytesOf('C-001'), printed: true }]);

    server.paperOutDuringJob(40);
    await expect(printer.print(job('C-002'))).resolves.toMatchObject({ status: 'failed', reason: 'paper-out' });
    expect(server.jobs[1]).toMatchObject({ printed: false });
  });

  it('in asb mode, waits past a paper near-end message for the confirmation', async () => {
    const server = await emulatorServer();
    const printer = tcpPrinter(server, { status: 'asb' });
    server.emulator.whenJobReaches(40, () => server.setPaper('near-end'));
    await expect(printer.print(job('C-001'))).resolves.toEqual({ status: 'printed' });
    expect(printer.status().state).toBe('paper-near-end');
  });

  it('finishes the job in flight on close(), then refuses new ones', async () => {
    const server = await emulatorServer();
    const printer = tcpPrinter(server);
    const inFlight = printer.print(job('C-001'));
    const closing = printer.close();
    await expect(inFlight).resolves.toEqual({ status: 'printed' });
    await closing;
    await expect(printer.print(job('C-002'))).resolves.toMatchObject({ status: 'failed', reason: 'closed' });
    expect(server.jobs).toHaveLength(1);
  });
});

describe('simulated printer', () => {
  function simulator(dir = tempDir()) {
    const transport = new SimulatedPrinterTransport(dir, escPosPreview);
    const printer = new EscPosTicketPrinter(transport, { timeoutMs: TIMEOUT_MS, probeBackoff: NO_PROBE });
    onTestFinished(() => printer.close());
    return { dir, transport, printer };
  }

  it('keeps each printed job as .bin with a decoded .txt preview beside it', async () => {
    const { dir, printer } = simulator();
    await expect(printer.print(job('C-007'))).resolves.toEqual({ status: 'printed' });
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const [bin, txt] = files as [string, string];
    expect(bin).toMatch(/^\d{8}T\d{9}Z-C-007\.bin$/);
    expect(txt).toBe(bin.replace('.bin', '.txt'));
    expect(readFileSync(join(dir, bin))).toEqual(Buffer.from(bytesOf('C-007')));
    expect(decodeEscPos(readFileSync(join(dir, bin))).text).toBe(readFileSync(join(dir, txt), 'utf8'));
    expect(printer.status()).toMatchObject({ driver: 'escpos/simulator', state: 'online' });
  });

  it('fails a job with paper-out when the technician takes the paper out, and prints once it is back', async () => {
    const { dir, transport, printer } = simulator();
    transport.setPaper('out');
    await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'paper-out' });
    expect(readdirSync(dir)).toEqual([]);
    transport.setPaper('ok');
    await expect(printer.probe()).resolves.toMatchObject({ state: 'online' });
    await expect(printer.print(job('C-002'))).resolves.toEqual({ status: 'printed' });
    expect(readdirSync(dir).filter((name) => name.endsWith('.bin'))).toEqual([expect.stringMatching(/-C-002\.bin$/)]);
  });

  it('fails with cover-open and, unplugged, with offline', async () => {
    const { transport, printer } = simulator();
    transport.setCover('open');
    await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'cover-open' });
    transport.setCover('closed');
    transport.setConnected(false);
    await expect(printer.probe()).resolves.toMatchObject({ state: 'offline', detail: expect.stringContaining('unplugged') });
    transport.setConnected(true);
    await expect(printer.probe()).resolves.toMatchObject({ state: 'online' });
  });

  it('as the configuration builds it: a lever on the device screen shows at once and fails the next job', async () => {
    const dataDir = tempDir();
    const { printer, simulator: levers } = createTicketPrinter({ kind: 'simulator', paper: '58mm' }, dataDir);
    onTestFinished(() => printer.close());
    const out = becomes(printer, 'paper-out');
    levers!.setPaper('out');
    await expect(out).resolves.toMatchObject({ driver: 'escpos/simulator', state: 'paper-out' });
    await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'paper-out' });
    const back = becomes(printer, 'online');
    levers!.setPaper('ok');
    await back;
    await expect(printer.print(job('C-002'))).resolves.toEqual({ status: 'printed' });
    const printed = readdirSync(join(dataDir, 'printer')).find((name) => name.endsWith('.bin'))!;
    expect(readFileSync(join(dataDir, 'printer', printed))).toEqual(Buffer.from(encodeSlipAsEscPos(slip('C-002'), { paper: '58mm' })));
  });

  it('removes .partial files a crash left behind, at start-up', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '20261123T030000000Z-C-001.bin.partial'), 'half a job');
    writeFileSync(join(dir, '20261123T030000000Z-C-001.txt.partial'), 'half a preview');
    writeFileSync(join(dir, '20261122T030000000Z-C-009.bin'), 'yesterday');
    const { transport } = simulator(dir);
    await transport.ready;
    expect(readdirSync(dir)).toEqual(['20261122T030000000Z-C-009.bin']);
  });

  it('names files safely whatever the job name', async () => {
    const { dir, printer } = simulator();
    await expect(printer.print({ slip: slip('C-001'), name: '../../etc/passwd' })).resolves.toEqual({ status: 'printed' });
    expect(readdirSync(dir).every((name) => !name.includes('/') && name.includes('______etc_passwd'))).toBe(true);
  });
});

describe('held transport (test support)', () => {
  it('holds the confirmation of a job until released', async () => {
    const transport = new HeldTransport();
    const printer = new EscPosTicketPrinter(transport, { timeoutMs: 60_000, probeBackoff: NO_PROBE });
    onTestFinished(() => printer.close());
    let settled = false;
    const printing = printer.print(job('A-001')).finally(() => (settled = true));
    await expect.poll(() => transport.started).toEqual(['A-001']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    transport.releaseAll();
    await expect(printing).resolves.toEqual({ status: 'printed' });
    expect(transport.finished).toEqual(['A-001']);
  });
});
