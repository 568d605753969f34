// Time to turn one queue ticket into ESC/POS bytes: our encoder (ReceiptPrinterEncoder laying out
// each distinct line once, see drivers/printer/escposSlipEncoder.ts) against a plain
// ReceiptPrinterEncoder rendering of the same slip, and against node-thermal-printer and escpos
// given the same content through their own APIs (same text lines, big number, QR code, cut; the
// logo only where both sides print it). Every sample is a different ticket — number, reference,
// time and estimate change as on a real day — so kept lines and fresh ones are both in the figure.
//
// Standalone (prints a table; `--json` adds the rows as one JSON line at the end):
//   scripts/node22 node_modules/.bin/esbuild scripts/bench/escposEncode.ts --bundle --platform=node \
//     --format=esm --packages=external --outfile=dist/bench/escposEncode.mjs --log-level=error
//   scripts/node22 node dist/bench/escposEncode.mjs [tickets]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeSlipAsEscPos, encodeSlipPlain, type EscPosOptions, type PaperWidth } from '../../drivers/printer/escposSlipEncoder.js';
import { readPbm } from '../../drivers/printer/monoBitmap.js';
import { buildTicketSlip, slipHours, slipUserType, type Slip } from '../../src/domain/ticketSlip.js';

const require = createRequire(import.meta.url);

/** The part of node-thermal-printer 4.x used here: its in-memory buffer, no interface configured. */
interface ThermalPrinterLike {
  clear(): void;
  alignLeft(): void;
  alignCenter(): void;
  bold(enabled: boolean): void;
  println(text: string): void;
  newLine(): void;
  drawLine(): void;
  setTextSize(height: number, width: number): void;
  setTextNormal(): void;
  printQR(data: string, settings: { cellSize: number; correction: string; model: number }): void;
  partialCut(): void;
  getBuffer(): Buffer;
}

/** The part of escpos 2.x used here: a Printer whose adapter is an object that keeps what it is sent. */
interface EscposPrinterLike {
  align(align: 'lt' | 'ct'): EscposPrinterLike;
  style(style: 'b' | 'normal'): EscposPrinterLike;
  size(width: number, height: number): EscposPrinterLike;
  text(text: string): EscposPrinterLike;
  newLine(): EscposPrinterLike;
  drawLine(): EscposPrinterLike;
  qrcode(data: string, version: number, level: string, size: number): EscposPrinterLike;
  cut(partial: boolean, feed: number): EscposPrinterLike;
  flush(): EscposPrinterLike;
}

type Encoder = (slip: Slip) => Uint8Array;

const PAPER_COLUMNS: Record<PaperWidth, number> = { '80mm': 48, '58mm': 32 };

function nodeThermalPrinter(paper: PaperWidth): Encoder {
  const { ThermalPrinter, PrinterTypes } = require('node-thermal-printer') as {
    ThermalPrinter: new (config: object) => ThermalPrinterLike;
    PrinterTypes: { EPSON: string };
  };
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, width: PAPER_COLUMNS[paper], characterSet: 'PC437_USA' });
  return (slip) => {
    printer.clear();
    for (const line of slip.lines) {
      if (line.kind === 'text') {
        if (line.align === 'center') printer.alignCenter();
        else printer.alignLeft();
        printer.bold(line.bold ?? false);
        printer.println(line.text);
        printer.bold(false);
      } else if (line.kind === 'big') {
        printer.alignCenter();
        // Zero-based: 4 is five times the normal size, as ours.
        printer.setTextSize(4, 4);
        printer.println(line.text);
        printer.setTextNormal();
      } else if (line.kind === 'rule') printer.drawLine();
      else if (line.kind === 'blank') printer.newLine();
      else if (line.kind === 'qr') {
        printer.alignCenter();
        printer.printQR(line.data, { cellSize: paper === '80mm' ? 6 : 5, correction: 'M', model: 2 });
      }
    }
    printer.partialCut();
    return printer.getBuffer();
  };
}

function escpos(paper: PaperWidth): Encoder {
  const { Printer } = require('escpos') as { Printer: new (adapter: object, options: object) => EscposPrinterLike };
  let sent: Buffer | undefined;
  const adapter = { write: (bytes: Buffer, done?: () => void) => ((sent = bytes), done?.()) };
  const printer = new Printer(adapter, { encoding: 'cp437' });
  return (slip) => {
    for (const line of slip.lines) {
      if (line.kind === 'text') printer.align(line.align === 'center' ? 'ct' : 'lt').style(line.bold ? 'b' : 'normal').text(line.text).style('normal');
      else if (line.kind === 'big') printer.align('ct').size(5, 5).text(line.text).size(1, 1);
      else if (line.kind === 'rule') printer.drawLine();
      else if (line.kind === 'blank') printer.newLine();
      else if (line.kind === 'qr') printer.align('ct').qrcode(line.data, 0, 'm', paper === '80mm' ? 6 : 5);
    }
    printer.cut(true, 4).flush();
    return sent ?? Buffer.alloc(0);
  };
}

/** Ticket `index` of a busy day at one desk: the number, time, queue and reference move on. */
function ticket(index: number): Slip {
  const minute = Math.floor(index / 4);
  return buildTicketSlip({
    siteName: 'BBPVP Bekasi',
    ticketNumber: `D-${String(1 + (index % 999)).padStart(3, '0')}`,
    deskName: 'Informasi Pasar Kerja dan Penempatan Tenaga Kerja',
    issuedAt: new Date(Date.UTC(2026, 10, 23, 1, 0) + minute * 60_000),
    timeZone: 'Asia/Jakarta',
    priority: index % 17 === 0,
    estimate: { peopleAhead: index % 13, minutes: (index % 13) * 4 },
    userType: slipUserType(index % 3 === 0 ? 'pekerja' : 'pencari_kerja'),
    reference: `SK1.D-${String(1 + (index % 999)).padStart(3, '0')}.20261123.${(0x9e3779b9 * (index + 1)).toString(16).slice(-12).padStart(12, '0')}`,
    hours: slipHours([
      { from: 'mon', to: 'thu', sessions: [{ start: '08:00', end: '15:30' }] },
      { from: 'fri', to: 'fri', sessions: [{ start: '08:00', end: '16:00' }] },
    ]),
    complaintContact: 'WA 0811-1500-630',
  });
}

/** The same slip without the logo line, for libraries whose image APIs take PNG files instead. */
const withoutLogo = (slip: Slip): Slip => ({ lines: slip.lines.filter((line) => line.kind !== 'logo') });

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const ratio = (value: number, baseline: number) => {
  const r = value / baseline;
  return `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)} (target ≤ 1) ${r <= 1 ? 'met' : 'MISSED'}`;
};

/** Median ms per ticket of each encoder, tickets interleaved so no encoder always runs cold or warm. */
function race(encoders: Record<string, Encoder>, slips: readonly Slip[], warmUp: readonly Slip[]): Record<string, number> {
  const names = Object.keys(encoders);
  for (const slip of warmUp) for (const name of names) (encoders[name] as Encoder)(slip);
  const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const [index, slip] of slips.entries()) {
    const order = index % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const started = performance.now();
      (encoders[name] as Encoder)(slip);
      (times[name] as number[]).push(performance.now() - started);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name] as number[])]));
}

/**
 * Rows `[measure, ours, baseline, ratio, samples]` as in scripts/bench.mjs: median µs per ticket
 * for our encoder beside plain ReceiptPrinterEncoder, node-thermal-printer and escpos.
 */
export async function benchEscposEncode(samples: number): Promise<string[][]> {
  const logo = readPbm(readFileSync(new URL('../../assets/printer-logo.pbm', import.meta.url)));
  const slips = Array.from({ length: samples }, (_, index) => ticket(index + 1000));
  const warmUp = Array.from({ length: 200 }, (_, index) => ticket(index));
  const rows: string[][] = [];

  for (const paper of ['80mm', '58mm'] as const) {
    const options: EscPosOptions = { paper };
    const medians = race(
      {
        ours: (slip) => encodeSlipAsEscPos(slip, options),
        plain: (slip) => encodeSlipPlain(slip, options),
        'node-thermal-printer': nodeThermalPrinter(paper),
        escpos: escpos(paper),
      },
      slips.map(withoutLogo),
      warmUp.map(withoutLogo),
    );
    const ours = medians.ours as number;
    const label = `ESC/POS ticket encoding, ${paper} (text, big number, QR, cut), median per ticket`;
    rows.push([label, us(ours), `plain ReceiptPrinterEncoder: ${us(medians.plain as number)}`, ratio(ours, medians.plain as number), `${samples} tickets`]);
    rows.push([label, us(ours), `node-thermal-printer: ${us(medians['node-thermal-printer'] as number)}`, ratio(ours, medians['node-thermal-printer'] as number), `${samples} tickets`]);
    rows.push([label, us(ours), `escpos: ${us(medians.escpos as number)}`, ratio(ours, medians.escpos as number), `${samples} tickets`]);
  }

  const options: EscPosOptions = { paper: '80mm', logo };
  const withLogo = race({ ours: (slip) => encodeSlipAsEscPos(slip, options), plain: (slip) => encodeSlipPlain(slip, options) }, slips, warmUp.slice(0, 20));
  rows.push([
    `ESC/POS ticket encoding, 80mm with the ${logo.width}×${logo.height} logo, median per ticket`,
    us(withLogo.ours as number),
    `plain ReceiptPrinterEncoder: ${us(withLogo.plain as number)}`,
    ratio(withLogo.ours as number, withLogo.plain as number),
    `${samples} tickets`,
  ]);
  const cold = firstTickets();
  if (cold) {
    rows.push([
      'ESC/POS first ticket after start (code page learnt, every line laid out), median',
      ms(median(cold.ours)),
      `plain ReceiptPrinterEncoder: ${ms(median(cold.plain))}`,
      (median(cold.ours) / median(cold.plain)).toFixed(2),
      `${FIRST_TICKET_STARTS} fresh processes each`,
    ]);
  }
  return rows;
}

const FIRST_TICKET_STARTS = 5;
const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * The first ticket of a process pays for everything the library does once (and for its code
 * being compiled), so each is timed in a fresh Node process running this module, alternately.
 * Only a bundle can be started that way; from TypeScript sources the row is left out.
 */
function firstTickets(): { ours: number[]; plain: number[] } | undefined {
  const self = fileURLToPath(import.meta.url);
  if (!/\.m?js$/.test(self)) return undefined;
  const times = { ours: [] as number[], plain: [] as number[] };
  for (let i = 0; i < FIRST_TICKET_STARTS; i++) {
    for (const encoder of i % 2 === 0 ? (['ours', 'plain'] as const) : (['plain', 'ours'] as const)) {
      const child = spawnSync(process.execPath, [self, '--first-ticket', encoder], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`first-ticket run failed: ${child.stderr}`);
      times[encoder].push(Number(child.stdout.trim()));
    }
  }
  return times;
}

/** Child mode: ms for the very first ticket of this process. */
function firstTicket(encoder: 'ours' | 'plain'): number {
  const slip = withoutLogo(ticket(0));
  const started = performance.now();
  (encoder === 'ours' ? encodeSlipAsEscPos : encodeSlipPlain)(slip, { paper: '80mm' });
  return performance.now() - started;
}

async function main(): Promise<void> {
  const first = process.argv.indexOf('--first-ticket');
  if (first >= 0) {
    console.log(firstTicket(process.argv[first + 1] === 'plain' ? 'plain' : 'ours'));
    return;
  }
  const samples = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 2000);
  const rows = await benchEscposEncode(samples);
  console.log('\n| measure | ours | baseline (same run) | ratio | samples |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\nEach ticket differs (number, reference, time, estimate); the encoders take turns on each one, in one process.');
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
