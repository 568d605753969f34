import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { encode as encodeQr } from 'uqr';
import { describe, expect, it } from 'vitest';
import {
  encodeSlipAsEscPos,
  encodeSlipFast,
  encodeSlipPlain,
  PAPER_COLUMNS,
  type EscPosOptions,
  type PaperWidth,
} from '../../drivers/printer/escposSlipEncoder.js';
import { decodeEscPos, EscPosDecodeError, escPosPreview } from '../../drivers/printer/escposTextDecoder.js';
import { readPbm, type MonoBitmap } from '../../drivers/printer/monoBitmap.js';
import { buildTicketSlip, slipHours, slipUserType, type Slip, type SlipLine } from '../../src/domain/ticketSlip.js';

const logo = readPbm(readFileSync(new URL('../../assets/printer-logo.pbm', import.meta.url)));
const REFERENCE = 'SK1.D-017.20261123.3f9c2a71b04e';
const DESK = 'Informasi Pasar Kerja dan Penempatan Tenaga Kerja';
const DOTS: Record<PaperWidth, number> = { '80mm': 576, '58mm': 384 };
const PAPERS: PaperWidth[] = ['80mm', '58mm'];
/** Line feeds after the last line: four before the cut and the one the encoder ends a line with. */
const FEED_LINES = 5;

const slip = buildTicketSlip({
  siteName: 'BBPVP Bekasi',
  ticketNumber: 'D-017',
  deskName: DESK,
  issuedAt: new Date('2026-11-23T02:05:00Z'),
  timeZone: 'Asia/Jakarta',
  priority: true,
  estimate: { peopleAhead: 3, minutes: 12 },
  userType: slipUserType('pencari_kerja'),
  reference: REFERENCE,
  hours: slipHours([{ from: 'mon', to: 'thu', sessions: [{ start: '08:00', end: '15:30' }] }]),
  complaintContact: 'WA 0811-1500-630',
});

/** Paper lines that are text, not the `[QR: …]` and `[image …]` placeholders of blocks. */
const textLines = (text: string) => text.split('\n').filter((line) => !/^\[(QR: |image )/.test(line));

describe.each(PAPERS)('ESC/POS ticket on %s paper', (paper) => {
  const columns = PAPER_COLUMNS[paper];
  const bytes = encodeSlipAsEscPos(slip, { paper, logo });
  const decoded = decodeEscPos(bytes);

  it('starts by resetting the printer and ends with a cut', () => {
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    expect(decoded.commands[0]).toBe('init');
    expect(decoded.commands.at(-1)).toBe('cut');
    expect(decoded.cut).toBe(true);
    // Blank feed between the last line and the cut, so the last line clears the blade.
    expect(decoded.text.slice(decoded.text.lastIndexOf('Pengaduan'))).toMatch(/^[^\n]*\n{5,}$/);
  });

  it('keeps every text line within the paper width', () => {
    for (const line of textLines(decoded.text)) expect(line.length, line).toBeLessThanOrEqual(columns);
    for (const run of decoded.runs) expect(run.text.length * run.width, run.text).toBeLessThanOrEqual(columns);
  });

  it('prints the logo first, centred, at its own size', () => {
    expect(decoded.images).toHaveLength(1);
    const [image] = decoded.images;
    expect(image).toMatchObject({ width: logo.width, height: logo.height });
    expect(image?.bitmap.pixels).toEqual(logo.pixels);
    expect(decoded.text.startsWith(`[image ${logo.width}×${logo.height}]\n`)).toBe(true);
    const imageAt = decoded.commands.indexOf('raster-image');
    expect(decoded.commands.lastIndexOf('align', imageAt)).toBeGreaterThan(0);
  });

  it('prints the site name, then the number very large on one line', () => {
    const lines = textLines(decoded.text).map((line) => line.trim());
    expect(lines.indexOf('BBPVP Bekasi')).toBeLessThan(lines.indexOf('D-017'));
    const number = decoded.runs.find((run) => run.text.trim() === 'D-017');
    expect(number?.width).toBe(5);
    expect(number?.height).toBe(5);
  });

  it('wraps the desk name within the width, centred', () => {
    const lines = textLines(decoded.text);
    const first = lines.findIndex((line) => line.includes('Desk Informasi'));
    expect(first).toBeGreaterThanOrEqual(0);
    const wrapped = lines.slice(first, first + 3).map((line) => line.trim()).join(' ');
    expect(wrapped).toContain(`Desk ${DESK}`);
    const line = lines[first] as string;
    const left = line.length - line.trimStart().length;
    expect(Math.abs(left - (columns - line.trim().length) / 2)).toBeLessThanOrEqual(1);
  });

  it('prints the reference as a QR code that scans off thermal paper and fits it', () => {
    expect(decoded.qrCodes).toEqual([REFERENCE]);
    const [symbol] = decoded.qrSymbols;
    expect(symbol).toMatchObject({ model: 2, errorCorrection: 'M', moduleSize: paper === '80mm' ? 6 : 5 });
    const modules = encodeQr(REFERENCE.toLowerCase(), { ecc: 'M', border: 0 }).size;
    expect((modules + 8) * (symbol?.moduleSize ?? 0)).toBeLessThanOrEqual(DOTS[paper]);
    expect(decoded.text).toContain(`\n[QR: ${REFERENCE}]\n`);
  });

  it('shrinks the QR modules for a long payload, so the symbol stays on the paper', () => {
    const data = 'x'.repeat(300);
    const long = decodeEscPos(encodeSlipAsEscPos({ lines: [{ kind: 'qr', data }] }, { paper }));
    const modules = encodeQr(data, { ecc: 'M', border: 0 }).size;
    const size = long.qrSymbols[0]?.moduleSize ?? 0;
    expect(size).toBeGreaterThanOrEqual(1);
    expect((modules + 8) * size).toBeLessThanOrEqual(DOTS[paper]);
    expect(long.qrCodes).toEqual([data]);
  });

  it('prints the rest of the slip as text', () => {
    for (const expected of ['KIOS SIAPkerja', '23-11-2026 09:05 WIB', 'Silakan menunggu panggilan', 'Pencari Kerja / Job seeker', 'PRIORITAS']) {
      expect(decoded.text).toContain(expected);
    }
    expect(decoded.runs.find((run) => run.text.includes('KIOS SIAPkerja'))?.bold).toBe(true);
  });

  it('prints typographic dashes as ASCII, since code page 437 has none', () => {
    expect(decoded.text).toContain('Jam layanan: Sen-Kam 08.00-15.30');
    expect(decoded.text).not.toContain('?');
  });
});

describe('ESC/POS ticket encoding', () => {
  it('round-trips non-ASCII text through code page 437', () => {
    const accented = decodeEscPos(encodeSlipAsEscPos({ lines: [{ kind: 'text', text: 'Café ½ jam ± 5 menit' }] }, { paper: '80mm' }));
    expect(accented.text).toContain('Café ½ jam ± 5 menit');
  });

  it('decodes the upper half of code page 437 as the encoder encodes it', () => {
    const upper = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
    const chunks = upper.match(/.{1,32}/gsu) ?? [];
    const bytes = encodeSlipAsEscPos({ lines: chunks.map((chunk) => ({ kind: 'text' as const, text: chunk })) }, { paper: '80mm' });
    expect(bytes.filter((byte) => byte >= 0x80)).toHaveLength(128);
    expect(decodeEscPos(bytes).text.split('\n').slice(0, chunks.length)).toEqual(chunks);
  });

  it('prints typographic punctuation in ASCII and leaves out invisible and control characters', () => {
    const decoded = decodeEscPos(
      encodeSlipAsEscPos({ lines: [{ kind: 'text', text: 'Sen\u2013Kam \u201cok\u201d\u2026 \u200bx\u2212y\tz\u0007 5\u202fmenit \u{1f600}' }] }, { paper: '80mm' }),
    );
    expect(decoded.text).toBe(`Sen-Kam "ok"... x-y z 5\u00a0menit ?\n${'\n'.repeat(FEED_LINES)}`);
  });

  it('prints the logo line as nothing when no logo is configured', () => {
    const decoded = decodeEscPos(encodeSlipAsEscPos(slip, { paper: '80mm' }));
    expect(decoded.images).toEqual([]);
    expect(decoded.text.startsWith('      ')).toBe(true);
  });

  it('keeps a long number on one line by making it smaller', () => {
    const decoded = decodeEscPos(encodeSlipAsEscPos({ lines: [{ kind: 'big', text: 'PRIO-0123' }] }, { paper: '58mm' }));
    const run = decoded.runs.find((candidate) => candidate.text.includes('PRIO-0123'));
    expect(run?.width).toBe(3);
    expect(textLines(decoded.text).filter((line) => line.trim() !== '')).toHaveLength(1);
  });
});

// ————— The fast path against a plain ReceiptPrinterEncoder —————

// Indonesian words, code page 437 letters and symbols, characters cp437 lacks (typographic
// punctuation, €, CJK, an emoji), and what the wrapper cares about: spaces, hyphens, NBSP, breaks.
const PIECES = [
  'Antrean', 'Loket', 'Pencari', 'kerja', 'BBPVP', 'Bekasi', 'Penempatan', 'Tenaga', 'Kerja', 'D-017', 'Sen–Kam', '08.00–15.30',
  'é', 'ü', 'ñ', 'Ç', '½', '±', '°', '─', '█', 'ß', 'µ', '’', '“', '…', '€', '中', '😀', ' ', '  ', '-', '\u00a0', '\n', '\t',
  'Informasi-Pasar-Kerja-dan-Penempatan-Tenaga-Kerja-Luar-Negeri', '\u200b', '\u2212', '\u202f', '\u2028', '\r\n', '\u0007', '\u2030',
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((pieces) => pieces.join('')),
  // Around the paper widths, where a line just fits or just wraps.
  fc.string({ unit: fc.constantFrom(' ', 'a', 'B', '-', 'é', '–', '\u00a0'), maxLength: 60 }),
);
const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 160 });
const line: fc.Arbitrary<SlipLine> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text, align: fc.constantFrom('left' as const, 'center' as const, undefined), bold: fc.boolean() }),
  fc.record({ kind: fc.constant('big' as const), text: fc.oneof(fc.constantFrom('A-001', 'PR-123', 'D-017'), text) }),
  fc.constant({ kind: 'rule' as const }),
  fc.constant({ kind: 'blank' as const }),
  fc.constant({ kind: 'logo' as const }),
  fc.record({ kind: fc.constant('qr' as const), data: fc.oneof(ascii, fc.constantFrom('x'.repeat(120), 'é½€')) }),
);
const bitmap: fc.Arbitrary<MonoBitmap> = fc
  .record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 12 }) })
  .chain(({ width, height }) =>
    fc.uint8Array({ minLength: width * height, maxLength: width * height, max: 1 }).map((pixels) => ({ width, height, pixels })),
  );
const options: fc.Arbitrary<EscPosOptions> = fc.record({ paper: fc.constantFrom(...PAPERS), logo: fc.option(bitmap, { nil: undefined }) });

describe('fast ESC/POS encoding', () => {
  it('produces the same bytes as a plain ReceiptPrinterEncoder, for any slip', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), options, (lines, chosen) => {
        const random: Slip = { lines };
        const plain = encodeSlipPlain(random, chosen);
        expect(encodeSlipFast(random, chosen)).toEqual(plain);
        // Again, now from the kept fragments.
        expect(encodeSlipFast(random, chosen)).toEqual(plain);
      }),
      { numRuns: Number(process.env.ESCPOS_PROPERTY_RUNS ?? 1500) },
    );
  }, 120_000);

  it('produces the same bytes as a plain ReceiptPrinterEncoder for real tickets', () => {
    for (const paper of PAPERS) {
      for (const withLogo of [logo, undefined]) {
        const chosen = { paper, ...(withLogo ? { logo: withLogo } : {}) };
        expect(encodeSlipFast(slip, chosen)).toEqual(encodeSlipPlain(slip, chosen));
        expect(encodeSlipAsEscPos(slip, chosen)).toEqual(encodeSlipPlain(slip, chosen));
      }
    }
  });
});

// ————— Decoder —————

const qrFunction = (fn: number, ...parameters: number[]) => {
  const length = 2 + parameters.length;
  return [0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...parameters];
};

describe('ESC/POS decoder', () => {
  it('rejects commands it does not know, so a change in what we send is noticed', () => {
    expect(() => decodeEscPos(Uint8Array.of(0x1b, 0x99, 0x00))).toThrow(EscPosDecodeError);
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x56, 0x07))).toThrow(/invalid cut mode/);
  });

  it('accepts the status requests a ticket printer sends around a job', () => {
    const decoded = decodeEscPos(Uint8Array.of(0x10, 0x04, 0x01, 0x1d, 0x61, 0x0f, 0x41, 0x0a, 0x1d, 0x72, 0x01));
    expect(decoded.commands).toEqual(['real-time-status', 'auto-status-back', 'transmit-status']);
    expect(decoded.text).toBe('A\n');
  });

  it('rejects truncated commands', () => {
    expect(() => decodeEscPos(Uint8Array.of(0x41, 0x1d, 0x21))).toThrow(/truncated/);
    expect(() => decodeEscPos(Uint8Array.of(0x1b))).toThrow(/truncated/);
  });

  it('reads a stored QR payload back when it is printed', () => {
    const data = [...'SK1.A-001'].map((char) => char.charCodeAt(0));
    const bytes = Uint8Array.from([...qrFunction(0x43, 6), ...qrFunction(0x45, 0x31), ...qrFunction(0x50, 0x30, ...data), ...qrFunction(0x51, 0x30), 0x0a]);
    const decoded = decodeEscPos(bytes);
    expect(decoded.qrCodes).toEqual(['SK1.A-001']);
    expect(decoded.qrSymbols[0]).toMatchObject({ moduleSize: 6, errorCorrection: 'M' });
    expect(escPosPreview(bytes)).toBe('[QR: SK1.A-001]\n');
  });

  it('rejects malformed QR commands', () => {
    // Declares more bytes than the job has.
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x28, 0x6b, 0x20, 0x00, 0x31, 0x50, 0x30, 0x41))).toThrow(/truncated 2D symbol/);
    // Store with no data, a size command with a stray byte, a PDF417 function, a print with nothing stored.
    expect(() => decodeEscPos(Uint8Array.from(qrFunction(0x50, 0x30)))).toThrow(/no data/);
    expect(() => decodeEscPos(Uint8Array.from(qrFunction(0x43, 6, 0)))).toThrow(/expected 3/);
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x30, 0x43, 0x03))).toThrow(/cn=48/);
    expect(() => decodeEscPos(Uint8Array.from(qrFunction(0x51, 0x30)))).toThrow(/without data/);
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x28, 0x6b, 0x01, 0x00, 0x31))).toThrow(/too few/);
  });

  it('reads raster images back, joining chunks of one picture', () => {
    const chunk = (rows: number, fill: number) => [0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, rows, 0x00, ...new Array<number>(rows).fill(fill)];
    const decoded = decodeEscPos(Uint8Array.from([...chunk(2, 0x80), ...chunk(1, 0x01), 0x0a, 0x41, 0x0a]));
    expect(decoded.images).toHaveLength(1);
    expect(decoded.images[0]).toMatchObject({ width: 8, height: 3 });
    expect([...(decoded.images[0]?.bitmap.pixels ?? [])]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(decoded.text).toBe('[image 8×3]\nA\n');
  });

  it('rejects truncated and empty raster images', () => {
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xff))).toThrow(/truncated raster/);
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x00, 0x00, 0x02, 0x00))).toThrow(/empty raster/);
  });

  it('tracks size, bold and alignment of the text', () => {
    const decoded = decodeEscPos(Uint8Array.of(0x1b, 0x61, 0x01, 0x1d, 0x21, 0x33, 0x41, 0x1d, 0x21, 0x00, 0x1b, 0x45, 0x01, 0x42, 0x0a, 0x1b, 0x40, 0x43));
    expect(decoded.runs).toEqual([
      { text: 'A', bold: false, width: 4, height: 4, align: 'center' },
      { text: 'B', bold: true, width: 1, height: 1, align: 'center' },
      { text: 'C', bold: false, width: 1, height: 1, align: 'left' },
    ]);
    expect(() => decodeEscPos(Uint8Array.of(0x1d, 0x21, 0x88))).toThrow(/invalid character size/);
  });
});
