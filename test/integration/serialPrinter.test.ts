import { SerialPort } from 'serialport';
import { describe, expect, it, onTestFinished } from 'vitest';
import { EscPosPrinterEmulator } from '../../drivers/printer/escposPrinterEmulator.js';
import { EscPosTicketPrinter } from '../../drivers/printer/escposTicketPrinter.js';
import { encodeSlipAsEscPos } from '../../drivers/printer/escposSlipEncoder.js';
import type { PrinterTransport } from '../../drivers/printer/printerTransport.js';
import { SerialPrinterTransport } from '../../drivers/printer/serialPrinterTransport.js';
import { UsbLpPrinterTransport } from '../../drivers/printer/usbLpPrinterTransport.js';
import { buildTicketSlip } from '../../src/domain/ticketSlip.js';
import { ptyPair } from '../support/ptyPair.js';

const slip = (number: string) =>
  buildTicketSlip({ siteName: 'Uji', ticketNumber: number, deskName: 'Produktivitas', issuedAt: new Date('2026-11-23T03:00:00Z'), timeZone: 'Asia/Jakarta' });
const job = (number: string) => ({ slip: slip(number), name: number });
const NO_PROBE = { initialMs: 600_000, maxMs: 600_000 };

/** Plays the printer on its end of the line: the emulator answers what the kiosk sends. */
async function playPrinter(path: string, options: { answer?: boolean } = {}): Promise<EscPosPrinterEmulator> {
  const emulator = new EscPosPrinterEmulator();
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  if (options.answer !== false) {
    port.on('data', (chunk: Buffer) => emulator.receive(chunk));
    emulator.onTransmit((bytes) => port.write(Buffer.from(bytes)));
  }
  onTestFinished(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  return emulator;
}

function printerOn(transport: PrinterTransport, timeoutMs = 5000): EscPosTicketPrinter {
  const printer = new EscPosTicketPrinter(transport, { timeoutMs, probeBackoff: NO_PROBE });
  onTestFinished(() => printer.close());
  return printer;
}

const transports: Array<{ name: string; make: (path: string) => PrinterTransport; driver: string }> = [
  { name: 'serial port (serialport)', make: (path) => new SerialPrinterTransport({ path, baudRate: 9600 }), driver: 'escpos/serial' },
  // usblp is a character device read and written like this PTY; the kiosk's code path is the same.
  { name: 'USB printer device file (usb-lp, on a PTY)', make: (path) => new UsbLpPrinterTransport({ path }), driver: 'escpos/usb-lp' },
];

for (const { name, make, driver } of transports) {
  describe(`ESC/POS ticket printer on a ${name}`, () => {
    it('prints once the printer confirmed, and the printer received exactly the job', async () => {
      const pty = await ptyPair();
      const emulator = await playPrinter(pty.device);
      const printer = printerOn(make(pty.kiosk));
      await expect(printer.print(job('C-001'))).resolves.toEqual({ status: 'printed' });
      await expect(printer.print(job('C-002'))).resolves.toEqual({ status: 'printed' });
      expect(emulator.jobs).toEqual([
        { bytes: encodeSlipAsEscPos(slip('C-001'), { paper: '80mm' }), printed: true },
        { bytes: encodeSlipAsEscPos(slip('C-002'), { paper: '80mm' }), printed: true },
      ]);
      expect(printer.status()).toMatchObject({ driver, state: 'online' });
    });

    it('fails with paper-out before the job and with cover-open in its middle', async () => {
      const pty = await ptyPair();
      const emulator = await playPrinter(pty.device);
      const printer = printerOn(make(pty.kiosk));
      emulator.setPaper('out');
      await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'paper-out' });
      expect(emulator.jobs).toEqual([]);

      emulator.setPaper('ok');
      await expect(printer.probe()).resolves.toMatchObject({ state: 'online' });
      emulator.whenJobReaches(40, () => emulator.setCover('open'));
      await expect(printer.print(job('C-002'))).resolves.toMatchObject({ status: 'failed', reason: 'cover-open' });
      expect(emulator.jobs.map((entry) => entry.printed)).toEqual([false]);
    });

    it('fails with timeout when the printer is on the line but does not answer', async () => {
      const pty = await ptyPair();
      await playPrinter(pty.device, { answer: false });
      const printer = printerOn(make(pty.kiosk), 500);
      await expect(printer.print(job('C-001'))).resolves.toMatchObject({ status: 'failed', reason: 'timeout' });
      expect(printer.status().state).toBe('offline');
    });

    it('fails with offline when the device is gone', async () => {
      const pty = await ptyPair();
      await pty.stop();
      const printer = printerOn(make(pty.kiosk));
      const result = await printer.print(job('C-001'));
      expect(result).toMatchObject({ status: 'failed', reason: 'offline', detail: expect.stringContaining(pty.kiosk) });
    });
  });
}
