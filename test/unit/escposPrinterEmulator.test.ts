import { describe, expect, it } from 'vitest';
import { EscPosPrinterEmulator } from '../../drivers/printer/escposPrinterEmulator.js';
import { encodeSlipAsEscPos } from '../../drivers/printer/escposSlipEncoder.js';
import { asbEnableRequest, DLE_EOT_ALL, parseAsbMessage, parseDleEotReplies, statusHealth } from '../../drivers/printer/escposStatus.js';
import { buildTicketSlip } from '../../src/domain/ticketSlip.js';

const job = encodeSlipAsEscPos(
  buildTicketSlip({ siteName: 'Uji', ticketNumber: 'C-001', deskName: 'Produktivitas', issuedAt: new Date('2026-11-23T03:00:00Z'), timeZone: 'Asia/Jakarta' }),
  { paper: '80mm' },
);

/** An emulator with everything it sends collected. */
function printer() {
  const emulator = new EscPosPrinterEmulator();
  const sent: number[] = [];
  emulator.onTransmit((bytes) => sent.push(...bytes));
  const take = () => sent.splice(0);
  const health = () => {
    emulator.receive(DLE_EOT_ALL);
    return statusHealth(parseDleEotReplies(take() as [number, number, number, number]));
  };
  return { emulator, take, health };
}

describe('ESC/POS printer emulator', () => {
  it('answers DLE EOT 1–4 at once with the bytes of a healthy printer', () => {
    const { emulator, take } = printer();
    emulator.receive(DLE_EOT_ALL);
    expect(take()).toEqual([0x12, 0x12, 0x12, 0x12]);
  });

  it('reports paper near end, paper out and an open cover as an Epson printer does', () => {
    const { emulator, take, health } = printer();
    emulator.setPaper('near-end');
    expect(health()).toBe('paper-near-end');
    emulator.setPaper('out');
    emulator.receive(DLE_EOT_ALL);
    expect(take()).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    emulator.setPaper('ok');
    emulator.setCover('open');
    emulator.receive(DLE_EOT_ALL);
    expect(take()).toEqual([0x1a, 0x16, 0x12, 0x12]);
  });

  it('keeps a job from its first command to its cut, status queries left out', () => {
    const { emulator, take } = printer();
    emulator.receive(DLE_EOT_ALL);
    // Split anywhere, as a transport may deliver it.
    for (let i = 0; i < job.length; i += 7) emulator.receive(job.subarray(i, i + 7));
    emulator.receive(DLE_EOT_ALL);
    expect(take()).toHaveLength(8);
    expect(emulator.jobs).toHaveLength(1);
    expect(emulator.jobs[0]).toEqual({ bytes: job, printed: true });
    expect(emulator.jobInProgress).toBe(0);
  });

  it('answers a DLE EOT while a job is still coming in', () => {
    const { emulator, take } = printer();
    emulator.receive(job.subarray(0, 20));
    emulator.receive(Uint8Array.of(0x10, 0x04));
    emulator.receive(Uint8Array.of(0x04));
    expect(take()).toEqual([0x12]);
    emulator.receive(job.subarray(20));
    expect(emulator.jobs).toEqual([]);
    emulator.flush();
    expect(emulator.jobs[0]).toEqual({ bytes: job, printed: true });
  });

  it('does not print a job sent while the paper is out or the cover open', () => {
    const { emulator } = printer();
    emulator.setPaper('out');
    emulator.receive(job);
    emulator.setPaper('ok');
    emulator.setCover('open');
    emulator.receive(job);
    emulator.setCover('closed');
    emulator.receive(job);
    emulator.flush();
    expect(emulator.jobs.map((entry) => [entry.printed, entry.spoiledBy])).toEqual([
      [false, 'paper-out'],
      [false, 'cover-open'],
      [true, undefined],
    ]);
  });

  it('does not print a job when the paper runs out in its middle, even if loaded again before the cut', () => {
    const { emulator, health } = printer();
    emulator.whenJobReaches(30, () => emulator.setPaper('out'));
    emulator.receive(job.subarray(0, 40));
    expect(health()).toBe('paper-out');
    emulator.setPaper('ok');
    emulator.receive(job.subarray(40));
    emulator.flush();
    expect(emulator.jobs).toEqual([{ bytes: job, printed: false, spoiledBy: 'paper-out' }]);
  });

  it('sends automatic status back on GS a and on every change, not otherwise', () => {
    const { emulator, take } = printer();
    emulator.setPaper('near-end');
    expect(take()).toEqual([]);
    emulator.receive(asbEnableRequest());
    expect(take()).toEqual([0x10, 0x00, 0x03, 0x00]);
    emulator.setPaper('near-end');
    expect(take()).toEqual([]);
    emulator.setCover('open');
    const message = Uint8Array.from(take());
    expect(statusHealth(parseAsbMessage(message))).toBe('cover-open');
    // ESC @ inside a job leaves ASB on.
    emulator.setCover('closed');
    take();
    emulator.receive(job);
    emulator.setPaper('out');
    expect(statusHealth(parseAsbMessage(Uint8Array.from(take())))).toBe('paper-out');
    // GS a 0 turns it off.
    emulator.receive(Uint8Array.of(0x1d, 0x61, 0x00));
    emulator.setPaper('ok');
    expect(take()).toEqual([]);
    expect(emulator.jobs.map((entry) => entry.bytes)).toEqual([job]);
  });

  it('answers DLE EOT hidden inside image data, and keeps those bytes as image data', () => {
    const { emulator, take } = printer();
    // GS v 0: a raster 2 bytes wide, 2 dots high, whose data happens to read DLE EOT 1.
    const raster = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x10, 0x04, 0x01, 0xff);
    const cut = Uint8Array.of(0x1d, 0x56, 0x01);
    emulator.receive(Uint8Array.of(0x1b, 0x40, ...raster, ...cut));
    emulator.flush();
    expect(take()).toEqual([0x12]);
    expect([...emulator.jobs[0]!.bytes]).toEqual([0x1b, 0x40, ...raster, ...cut]);
  });

  it('reads a lone DLE as data and the command after it afresh', () => {
    const { emulator } = printer();
    emulator.receive(Uint8Array.of(0x41, 0x10, 0x1d, 0x56, 0x41, 0x03));
    emulator.flush();
    expect([...emulator.jobs[0]!.bytes]).toEqual([0x41, 0x10, 0x1d, 0x56, 0x41, 0x03]);
    expect(emulator.unknownCommands).toBe(0);
  });
});
