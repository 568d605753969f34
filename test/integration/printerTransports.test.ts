import { createServer, type Server, type Socket } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { decodeEscPos, escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import { SimulatedPrinterTransport } from '../../drivers/printer/simulatedPrinterTransport.js';
import { TcpPrinterTransport } from '../../drivers/printer/tcpPrinterTransport.js';
import { buildTicketSlip } from '../../src/domain/ticketSlip.js';
import { tempDir } from '../support/tempDir.js';

const slip = (number: string) =>
  buildTicketSlip({
    siteName: 'Uji',
    ticketNumber: number,
    deskName: 'Produktivitas',
    issuedAt: new Date('2026-11-23T03:00:00Z'),
    timeZone: 'Asia/Jakarta',
  });

/** A network receipt printer as far as the wire can tell: a loopback TCP server that keeps every job. */
async function fakeNetworkPrinter(port = 0) {
  const jobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const boundPort = (server.address() as { port: number }).port;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: boundPort, jobs };
}

describe('TCP (port 9100) printer transport', () => {
  it('delivers the exact ESC/POS bytes of each job', async () => {
    const printer = await fakeNetworkPrinter();
    const ticketPrinter = new EscPosTicketPrinter(new TcpPrinterTransport({ host: '127.0.0.1', port: printer.port, timeoutMs: 2000 }));
    await ticketPrinter.print(slip('C-001'), 'C-001');
    await ticketPrinter.print(slip('C-002'), 'C-002');
    await expect.poll(() => printer.jobs.length).toBe(2);
    expect(decodeEscPos(printer.jobs[0]!).text).toContain('C-001');
    expect(decodeEscPos(printer.jobs[1]!).text).toContain('C-002');
    expect(ticketPrinter.status()).toMatchObject({ kind: 'escpos/tcp', state: 'ready' });
  });

  it('reports a printer that is switched off, and recovers when it is back', async () => {
    const port = await (async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const free = (probe.address() as { port: number }).port;
      await new Promise((resolve) => probe.close(resolve));
      return free;
    })();
    const ticketPrinter = new EscPosTicketPrinter(new TcpPrinterTransport({ host: '127.0.0.1', port, timeoutMs: 2000 }));
    expect(ticketPrinter.status().state).toBe('unknown');
    await expect(ticketPrinter.print(slip('C-001'), 'C-001')).rejects.toThrow(/ECONNREFUSED/);
    expect(ticketPrinter.status()).toMatchObject({ state: 'error', detail: expect.stringContaining('ECONNREFUSED') });

    // The printer is switched on again at the same address; the same driver prints and recovers.
    const printer = await fakeNetworkPrinter(port);
    await ticketPrinter.print(slip('C-002'), 'C-002');
    expect(ticketPrinter.status().state).toBe('ready');
    await expect.poll(() => printer.jobs.length).toBe(1);
  });
});

describe('simulated printer transport', () => {
  it('keeps each job as .bin with a decoded .txt preview beside it', async () => {
    const dir = tempDir();
    const transport = new SimulatedPrinterTransport(dir, escPosPreview);
    const ticketPrinter = new EscPosTicketPrinter(transport);
    await ticketPrinter.print(slip('C-007'), 'C-007');
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const [bin, txt] = files as [string, string];
    expect(bin).toMatch(/^\d{8}T\d{9}Z-C-007\.bin$/);
    expect(txt).toBe(bin.replace('.bin', '.txt'));
    expect(decodeEscPos(readFileSync(join(dir, bin))).text).toBe(readFileSync(join(dir, txt), 'utf8'));
  });

  it('obeys the transport rule of no overlapping jobs, which the printer guarantees by queueing', async () => {
    const dir = tempDir();
    const transport = new SimulatedPrinterTransport(dir, escPosPreview);
    await expect(Promise.all([transport.send(Uint8Array.of(0x41), 'x'), transport.send(Uint8Array.of(0x42), 'y')])).rejects.toThrow(
      /overlapping/,
    );
    const queued = new EscPosTicketPrinter(new SimulatedPrinterTransport(tempDir(), escPosPreview));
    await expect(
      Promise.all(Array.from({ length: 8 }, (_v, i) => queued.print(slip(`C-00${i + 1}`), `C-00${i + 1}`))),
    ).resolves.toHaveLength(8);
  });

  it('names files safely whatever the job name', async () => {
    const dir = tempDir();
    await new SimulatedPrinterTransport(dir, escPosPreview).send(Uint8Array.of(0x41, 0x0a), '../../etc/passwd');
    expect(readdirSync(dir).every((name) => !name.includes('/') && name.includes('______etc_passwd'))).toBe(true);
  });
});
