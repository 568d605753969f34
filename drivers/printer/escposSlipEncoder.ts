/*
 * Upstream problem, for the maintainers of @point-of-sale/receipt-printer-encoder 4.0.1 and
 * @point-of-sale/codepage-encoder 3.0.2. `encode()` turns every text run of a receipt into bytes
 * with `CodepageEncoder.encode(value, codepage)` (`#encodeText`, receipt-printer-encoder.mjs around
 * line 6524), and `LanguageEscPos#qrcode()` its data with `CodepageEncoder.encode(value,
 * 'iso8859-1')` (around line 310). `CodepageEncoder.encode()` starts with `getEncoding()`, which
 * returns `structuredClone(definitions[codepage])` (codepage-encoder.mjs around line 645): a deep
 * copy of the whole code page definition, its 256 code points in a sparse array, on every call;
 * then it finds each character with a linear `findIndex` over those 256 entries. `autoEncode()`
 * (the 'auto' code page) even calls `getEncoding()` per character and candidate page. Measured on
 * our kiosk ticket (Node 22, x64): 25–36 µs per copy, ~28 copies per ticket, ~940 µs of the
 * ~1000 µs per ticket, where node-thermal-printer needs ~110–125 µs and escpos ~25–29 µs for the
 * same content (scripts/bench/escposEncode.ts). A fix upstream: resolve each definition once into
 * a frozen table, or a Map from code point to byte, and return that instead of a fresh copy.
 *
 * What we do meanwhile, without touching the library: ReceiptPrinterEncoder still lays out every
 * line (wrapping, centring, styles, the QR and image commands; read through its public
 * `commands()`), but each distinct line is laid out once and its bytes are kept; a line that fits
 * as it is, and a QR payload, are laid out once per length, and their characters are written in
 * per slip through a code page table learnt from the library itself, one probe per character not
 * seen before. ~17 µs per ticket on 80 mm paper. The bytes are those of a plain
 * ReceiptPrinterEncoder rendering (`encodeSlipPlain`), which test/unit/escpos.test.ts proves on
 * random slips; if an upgrade changes what the fast path relies on, that test fails, and in
 * production the slip falls back to the plain rendering (with a warning).
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Slip, SlipLine } from '../../src/domain/ticketSlip.js';
import type { MonoBitmap } from './monoBitmap.js';

export type PaperWidth = '80mm' | '58mm';

export interface EscPosOptions {
  paper: PaperWidth;
  /**
   * Printed centred where the slip has a `logo` line; without it those lines print nothing. Its
   * bytes are kept per bitmap object: pass the same object for every slip, and never change it.
   */
  logo?: MonoBitmap;
}

interface PaperLayout {
  /** Characters per line in font A (12 dots wide). */
  columns: 32 | 48;
  /** Dots across the printable width, as the encoder computes it. */
  dots: number;
  /** QR module size in dots: large modules scan better off thermal paper, which blurs and fades. */
  qrModule: number;
}

const PAPER: Record<PaperWidth, PaperLayout> = {
  '80mm': { columns: 48, dots: 576, qrModule: 6 },
  '58mm': { columns: 32, dots: 384, qrModule: 5 },
};

export const PAPER_COLUMNS: Readonly<Record<PaperWidth, number>> = { '80mm': PAPER['80mm'].columns, '58mm': PAPER['58mm'].columns };

/** Character size of the ticket number: 5× font A is 15 mm tall, readable across a waiting room. */
const BIG_SIZE = 5;

/** Lines fed before the cut: the distance from the print head to the cutter on common printers. */
const FEED_BEFORE_CUT = 4;

/**
 * Protocol half of the ticket printer: a slip in, ESC/POS bytes out. The bytes of
 * `encodeSlipPlain`, some fifty times faster (see the note at the top of this file).
 */
export function encodeSlipAsEscPos(slip: Slip, options: EscPosOptions): Uint8Array {
  if (fastPathBroken === undefined) {
    try {
      return encodeSlipFast(slip, options);
    } catch (error) {
      if (!(error instanceof EscPosLayoutChanged)) throw error;
      fastPathBroken = error;
      console.warn(`escpos: fast slip encoding disabled, using plain ReceiptPrinterEncoder: ${error.message}`);
    }
  }
  return encodeSlipPlain(slip, options);
}

let fastPathBroken: EscPosLayoutChanged | undefined;

/** The slip through one plain ReceiptPrinterEncoder: the definition of the bytes we send. */
export function encodeSlipPlain(slip: Slip, options: EscPosOptions): Uint8Array {
  const paper = PAPER[options.paper];
  const encoder = newEncoder(paper);
  encoder.initialize().codepage('cp437');
  for (const line of slip.lines) layOut(encoder, line, paper, options.logo);
  layOutEnd(encoder);
  return encoder.encode();
}

/**
 * The fast path alone, throwing EscPosLayoutChanged where ReceiptPrinterEncoder's output is not
 * what it was built for. Exported for the test that proves it equal to `encodeSlipPlain`.
 */
export function encodeSlipFast(slip: Slip, options: EscPosOptions): Uint8Array {
  let fragments = fragmentsByPaper.get(options.paper);
  if (!fragments) {
    fragments = new SlipFragments(PAPER[options.paper]);
    fragmentsByPaper.set(options.paper, fragments);
  }
  return fragments.encode(slip, options.logo);
}

/** ReceiptPrinterEncoder produced something the fast path does not know how to reuse. */
export class EscPosLayoutChanged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EscPosLayoutChanged';
  }
}

// ————— Layout: the one description of a slip on paper, shared by both paths —————

function newEncoder(paper: PaperLayout): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({ language: 'esc-pos', columns: paper.columns });
}

/**
 * Every line is back to the default style (not bold, size 1) before its line feed, so the encoder
 * carries nothing into the next line: what a line prints does not depend on the lines before it,
 * which is what lets the fast path lay out each line on its own. (Reset after the line feed, the
 * style would be restored at the start of the next line, and change how it merges padding and
 * text, and so where the code page command goes.)
 */
function layOut(encoder: ReceiptPrinterEncoder, line: SlipLine, paper: PaperLayout, logo: MonoBitmap | undefined): void {
  switch (line.kind) {
    case 'text':
      encoder.align(line.align ?? 'left').bold(line.bold ?? false).text(printable(line.text)).bold(false).newline();
      break;
    case 'big': {
      const text = printable(line.text);
      const size = bigSize(text, paper);
      encoder.align('center').size(size, size).text(text).size(1, 1).newline();
      break;
    }
    case 'rule':
      encoder.rule();
      break;
    case 'blank':
      encoder.newline();
      break;
    case 'logo':
      if (logo) encoder.align('center').image(rgbaOf(logo), { mode: 'raster' });
      break;
    case 'qr':
      encoder.align('center').qrcode(line.data, { model: 2, size: qrModuleSize(line.data.length, paper), errorlevel: 'm' });
      break;
  }
}

function layOutEnd(encoder: ReceiptPrinterEncoder): void {
  // Feed past the cutter before cutting, or the last lines stay inside the printer.
  encoder.newline(FEED_BEFORE_CUT).cut('partial');
}

/** As large as BIG_SIZE allows while the whole number stays on one line of the paper. */
function bigSize(text: string, paper: PaperLayout): number {
  return Math.max(1, Math.min(BIG_SIZE, Math.floor(paper.columns / Math.max(1, text.length))));
}

// Byte-mode capacity of QR versions 1–40 at error correction M: the printer picks the version, and
// byte mode is the largest it can need, so the symbol is never wider than this predicts.
const QR_BYTES_AT_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997,
  1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

/** The paper's module size, smaller only when a long payload would not fit with its quiet zone. */
function qrModuleSize(byteLength: number, paper: PaperLayout): number {
  const index = QR_BYTES_AT_M.findIndex((capacity) => capacity >= byteLength);
  const version = index < 0 ? 40 : index + 1;
  const modules = 17 + 4 * version + 8; // the symbol plus a quiet zone of 4 modules each side
  return Math.max(1, Math.min(paper.qrModule, Math.floor(paper.dots / modules)));
}

function rgbaOf(bitmap: MonoBitmap): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let i = 0; i < bitmap.pixels.length; i++) {
    const level = bitmap.pixels[i] === 1 ? 0 : 255;
    data[i * 4] = level;
    data[i * 4 + 1] = level;
    data[i * 4 + 2] = level;
    data[i * 4 + 3] = 255;
  }
  return { width: bitmap.width, height: bitmap.height, data };
}

const TYPOGRAPHY = new Map<number, string>([
  [0x2010, '-'], [0x2011, '-'], [0x2012, '-'], [0x2013, '-'], [0x2014, '-'], [0x2015, '-'], [0x2212, '-'],
  [0x2018, "'"], [0x2019, "'"], [0x201a, "'"], [0x201b, "'"], [0x2032, "'"],
  [0x201c, '"'], [0x201d, '"'], [0x201e, '"'], [0x201f, '"'], [0x2033, '"'],
  [0x2026, '...'],
]);

/**
 * Text as code page 437 can print it. Bahasa Indonesia is plain Latin, but the texts carry
 * typographic dashes and quotes (`Senin–Kamis`) that cp437 lacks and would print as `?`; they
 * become their ASCII forms, typographic spaces plain or non-breaking ones. Control and format
 * characters other than the line break would drive the printer or print as `?`, so they go, and a
 * character outside the BMP becomes one `?` instead of two (the library counts UTF-16 units).
 */
function printable(text: string): string {
  let folds = false;
  for (let i = 0; i < text.length && !folds; i++) folds = needsFolding(text.charCodeAt(i));
  if (!folds) return text;
  let result = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (!needsFolding(unit)) result += text.charAt(i);
    else if (unit === 0x0d && next === 0x0a) continue;
    else if (unit === 0x09 || (unit >= 0x2000 && unit <= 0x200a)) result += ' ';
    else if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      result += '?';
      i += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) result += '?';
    else if (TYPOGRAPHY.has(unit)) result += TYPOGRAPHY.get(unit);
    else if (unit === 0x2028 || unit === 0x2029) result += '\n';
    else if (unit === 0x202f) result += '\u00a0';
    else if (unit < 0xa0 || (unit >= 0x200b && unit <= 0x200f) || (unit >= 0x202a && unit <= 0x202e) || unit >= 0x2060) continue;
    else result += text.charAt(i);
  }
  return result;
}

/** Controls but the line feed, the General Punctuation block, U+2212 minus, surrogates, the BOM. */
function needsFolding(unit: number): boolean {
  return (unit < 0x20 && unit !== 0x0a) || (unit >= 0x7f && unit < 0xa0) || (unit >= 0x2000 && unit <= 0x206f) || unit === 0x2212 || (unit >= 0xd800 && unit <= 0xdfff) || unit === 0xfeff;
}

// ————— Fast path —————

/** The part of ReceiptPrinterEncoder's `commands()` output the fast path reads. */
interface LibraryItem {
  type: string;
  property?: string;
  value?: unknown;
  codepage?: string | null;
  payload?: number[];
}

/**
 * A slip line's bytes as the library lays it out, kept for every later slip with the same line.
 * A line of text that fits on one line is laid out with a placeholder of its length, and its own
 * characters are written in per slip; so is a QR code's payload.
 */
interface Fragment {
  readonly bytes: Uint8Array;
  /** Where the job's code page command goes if no text came before this fragment; -1: no text. */
  readonly codepageAt: number;
  /** Where the slip's own text or QR payload goes; -1 for a line kept whole. */
  readonly fillAt: number;
  readonly fill: 'text' | 'qr' | undefined;
}

// Item types that only change printer state: a line of nothing else is not followed by a line feed.
// The same list as ReceiptPrinterEncoder's own; the equality test notices if it changes.
const STATE_TYPES = new Set(['style', 'align', 'font', 'initialize', 'character-mode', 'codepage', 'line-spacing', 'motion-unit', 'print-mode', 'raw']);
// Items whose bytes the library computes while laying out, and the fast path copies as they are.
const COPIED_TYPES = new Set(['initialize', 'character-mode', 'font', 'align', 'qrcode', 'image', 'cut']);
const NEWLINE = [0x0a, 0x0d];
/** Fragments kept per paper and generation: wrapped lines and layouts by length are few a day. */
const FRAGMENT_CACHE_SIZE = 500;
const PLACEHOLDER = 'X';

/**
 * Whether the library puts `text` on one line exactly as it is: then where it wraps, the words and
 * the spaces between them cannot matter, only the length. Leading and trailing spaces, which the
 * wrapper treats specially, and line breaks keep a line out of the templates.
 */
function fitsAsIs(text: string, width: number, paper: PaperLayout): boolean {
  return text.length > 0 && text.length * width <= paper.columns && !text.includes('\n') && !text.startsWith(' ') && !text.endsWith(' ');
}

const fragmentsByPaper = new Map<PaperWidth, SlipFragments>();

class SlipFragments {
  readonly #paper: PaperLayout;
  /** One encoder reused for every miss: `initialize()` resets it to exactly a new one's state. */
  #encoder: ReceiptPrinterEncoder | undefined;
  readonly #start: Fragment;
  readonly #end: Fragment;
  readonly #lines = new GenerationalCache<Fragment>(FRAGMENT_CACHE_SIZE);
  readonly #logos = new WeakMap<MonoBitmap, Fragment>();

  constructor(paper: PaperLayout) {
    this.#paper = paper;
    this.#start = compile(this.#layOut(() => undefined, false));
    this.#end = compile(this.#layOut(layOutEnd));
  }

  encode(slip: Slip, logo: MonoBitmap | undefined): Uint8Array {
    const fragments: Fragment[] = [this.#start];
    const fills: (string | undefined)[] = [undefined];
    for (const line of slip.lines) {
      if (line.kind === 'logo' && !logo) continue;
      this.#add(line, logo, fragments, fills);
    }
    fragments.push(this.#end);
    fills.push(undefined);

    const tables = codePageTables();
    const codepage = tables.codepageCommand;
    let length = 0;
    let codepageIn = -1;
    for (let index = 0; index < fragments.length; index++) {
      const fragment = fragments[index] as Fragment;
      length += fragment.bytes.length;
      if (codepageIn < 0 && fragment.codepageAt >= 0) codepageIn = index;
    }
    if (codepageIn >= 0) length += codepage.length;

    const out = new Uint8Array(length);
    let at = 0;
    for (let index = 0; index < fragments.length; index++) {
      const fragment = fragments[index] as Fragment;
      const start = at;
      let shift = 0;
      if (index === codepageIn) {
        // The library sends the code page once, just before the first text of the job.
        out.set(fragment.bytes.subarray(0, fragment.codepageAt), at);
        out.set(codepage, at + fragment.codepageAt);
        out.set(fragment.bytes.subarray(fragment.codepageAt), at + fragment.codepageAt + codepage.length);
        shift = codepage.length;
      } else {
        out.set(fragment.bytes, at);
      }
      at += fragment.bytes.length + shift;
      const fill = fills[index];
      if (fill !== undefined) {
        const fillAt = start + fragment.fillAt + (fragment.codepageAt <= fragment.fillAt ? shift : 0);
        (fragment.fill === 'qr' ? tables.qrData : tables.text).encodeInto(fill, out, fillAt);
      }
    }
    return out;
  }

  #add(line: SlipLine, logo: MonoBitmap | undefined, fragments: Fragment[], fills: (string | undefined)[]): void {
    const paper = this.#paper;
    // With a fill, the line is laid out once per length and style, with a placeholder standing in
    // for the fill, which is written into the bytes per slip.
    let fill: string | undefined;
    let key: string;
    switch (line.kind) {
      case 'text': {
        const text = printable(line.text);
        const shape = `${line.align === 'center' ? 'c' : 'l'}${line.bold ? 'b' : 'n'}`;
        if (fitsAsIs(text, 1, paper)) fill = text;
        key = fill === undefined ? `t${shape}${line.text}` : `T${shape}${text.length}`;
        break;
      }
      case 'big': {
        const text = printable(line.text);
        if (fitsAsIs(text, bigSize(text, paper), paper)) fill = text;
        key = fill === undefined ? `g${line.text}` : `G${text.length}`;
        break;
      }
      case 'rule':
      case 'blank':
        key = line.kind;
        break;
      case 'qr':
        // QR commands depend on the payload's length only.
        fill = line.data;
        key = `q${line.data.length}`;
        break;
      case 'logo': {
        const image = logo as MonoBitmap;
        let fragment = this.#logos.get(image);
        if (!fragment) {
          fragment = compile(this.#layOut((encoder) => layOut(encoder, line, paper, image)));
          this.#logos.set(image, fragment);
        }
        fragments.push(fragment);
        fills.push(undefined);
        return;
      }
    }
    fragments.push(this.#lines.get(key) ?? this.#miss(key, line, fill));
    fills.push(fill);
  }

  #miss(key: string, line: SlipLine, fill: string | undefined): Fragment {
    let fragment: Fragment;
    if (fill === undefined) {
      fragment = compile(this.#layOut((encoder) => layOut(encoder, line, this.#paper, undefined)));
    } else {
      const placeholder = PLACEHOLDER.repeat(fill.length);
      const template: SlipLine = line.kind === 'qr' ? { ...line, data: placeholder } : { ...(line as { kind: 'text' | 'big' }), text: placeholder };
      fragment = compile(
        this.#layOut((encoder) => layOut(encoder, template, this.#paper, undefined)),
        line.kind === 'qr' ? 'qr' : 'text',
        placeholder,
      );
    }
    this.#lines.set(key, fragment);
    return fragment;
  }

  /** The library's command lines for one slip line, laid out on a freshly initialised encoder. */
  #layOut(render: (encoder: ReceiptPrinterEncoder) => void, dropStart = true): LibraryItem[][] {
    const encoder = this.#encoder ?? newEncoder(this.#paper);
    this.#encoder = undefined;
    encoder.initialize().codepage('cp437');
    render(encoder);
    const lines = encoder.commands().map((line) => line.commands as LibraryItem[]);
    // Kept only after a clean run: an encoder left half-way through a line cannot be initialised.
    this.#encoder = encoder;
    if (!dropStart) return lines;
    const start = lines.shift();
    if (start?.[0]?.type !== 'initialize') throw new EscPosLayoutChanged('initialize() no longer forms a line of its own');
    return lines;
  }
}

/**
 * Keeps the entries used in this generation and the last: a lookup never walks the Map, unlike an
 * LRU built on delete and re-insert, whose deleted slots V8 keeps scanning until it rehashes.
 */
class GenerationalCache<T> {
  readonly #limit: number;
  #current = new Map<string, T>();
  #previous = new Map<string, T>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: string): T | undefined {
    const current = this.#current.get(key);
    if (current !== undefined) return current;
    const previous = this.#previous.get(key);
    if (previous !== undefined) this.set(key, previous);
    return previous;
  }

  set(key: string, value: T): void {
    this.#current.set(key, value);
    if (this.#current.size < this.#limit) return;
    this.#previous = this.#current;
    this.#current = new Map();
  }
}

/** Bytes of command lines, as ReceiptPrinterEncoder's `encode()` would produce them. */
function compile(lines: LibraryItem[][], fill?: 'text' | 'qr', placeholder?: string): Fragment {
  const tables = codePageTables();
  const bytes: number[] = [];
  let codepageAt = -1;
  let fillAt = -1;
  const found = (at: number) => {
    if (fillAt >= 0) throw new EscPosLayoutChanged('the placeholder of a line appears twice');
    fillAt = at;
  };
  for (const line of lines) {
    for (const item of line) {
      if (item.type === 'text') {
        if (typeof item.value !== 'string') throw new EscPosLayoutChanged('text item without a string value');
        if (item.codepage === 'cp437') {
          if (codepageAt < 0) codepageAt = bytes.length;
          if (fill === 'text' && placeholder !== undefined && item.value.includes(placeholder)) found(bytes.length + item.value.indexOf(placeholder));
          const encoded = new Uint8Array(item.value.length);
          tables.text.encodeInto(item.value, encoded, 0);
          for (const byte of encoded) bytes.push(byte);
        } else if (item.codepage === null && /^ *$/.test(item.value)) {
          // Alignment padding, in ASCII: the library does not switch code pages for it.
          for (let i = 0; i < item.value.length; i++) bytes.push(0x20);
        } else {
          throw new EscPosLayoutChanged(`text in code page ${String(item.codepage)}`);
        }
      } else if (item.type === 'style') {
        bytes.push(...styleBytes(item));
      } else if (COPIED_TYPES.has(item.type) && Array.isArray(item.payload)) {
        // GS ( k pL pH cn fn m, then the data.
        if (fill === 'qr' && item.type === 'qrcode' && item.property === 'data') found(bytes.length + 8);
        bytes.push(...item.payload);
      } else if (item.type !== 'empty') {
        throw new EscPosLayoutChanged(`unexpected ${item.type} item`);
      }
    }
    if (line.some((item) => !STATE_TYPES.has(item.type))) bytes.push(...NEWLINE);
  }
  if (fill !== undefined && fillAt < 0) throw new EscPosLayoutChanged(`the ${fill} of a line is not where it was laid out`);
  return { bytes: Uint8Array.from(bytes), codepageAt, fillAt, fill };
}

function styleBytes(item: LibraryItem): number[] {
  if (item.property === 'bold' && typeof item.value === 'boolean') return [0x1b, 0x45, item.value ? 1 : 0];
  if (item.property === 'size' && typeof item.value === 'object' && item.value !== null) {
    const { width, height } = item.value as { width: number; height: number };
    return [0x1d, 0x21, ((width - 1) << 4) | (height - 1)];
  }
  throw new EscPosLayoutChanged(`unexpected ${String(item.property)} style`);
}

// ————— Code pages, learnt from the library —————

/**
 * A code page as a table from UTF-16 unit to byte, filled by asking ReceiptPrinterEncoder how it
 * encodes the units not seen yet (a batch per probe, so one slow `getEncoding()` per batch rather
 * than per text run). Learning from the library instead of reading the tables ourselves keeps
 * every detail of its encoding (first match wins, `?` for what the page lacks) by construction,
 * and needs no import of @point-of-sale/codepage-encoder, which is not our dependency but its.
 */
class LearntCodePage {
  /** Byte per UTF-16 unit; -1 where not learnt yet. A flat table: lookups are in the hot path. */
  readonly #bytes = new Int16Array(0x10000).fill(-1);
  readonly #probe: (units: string[]) => number[];

  /** `probe` answers one byte per unit, in the order asked. */
  constructor(probe: (units: string[]) => number[]) {
    this.#probe = probe;
  }

  /** Writes one byte per UTF-16 unit of `text` into `out` from `at`. */
  encodeInto(text: string, out: Uint8Array, at: number): void {
    let missing: Set<string> | undefined;
    for (let i = 0; i < text.length; i++) {
      const byte = this.#bytes[text.charCodeAt(i)] as number;
      if (byte < 0) (missing ??= new Set()).add(text.charAt(i));
      else out[at + i] = byte;
    }
    if (!missing) return;
    const units = [...missing];
    const learnt = this.#probe(units);
    if (learnt.length !== units.length) throw new EscPosLayoutChanged(`probing ${units.length} characters gave ${learnt.length} bytes`);
    units.forEach((unit, index) => (this.#bytes[unit.charCodeAt(0)] = learnt[index] as number));
    this.encodeInto(text, out, at);
  }
}

interface CodePageTables {
  text: LearntCodePage;
  qrData: LearntCodePage;
  /** The command selecting code page 437, which the library sends before the first text. */
  codepageCommand: Uint8Array;
}

let tables: CodePageTables | undefined;

/** Printable ASCII: learnt in one probe up front rather than a few characters per new line. */
const ASCII = Array.from({ length: 0x5f }, (_, index) => String.fromCharCode(0x20 + index)).join('');

function codePageTables(): CodePageTables {
  if (tables) return tables;
  const text = new LearntCodePage(probeText);
  const qrData = new LearntCodePage(probeQrData);
  text.encodeInto(`${ASCII}─±`, new Uint8Array(ASCII.length + 2), 0);
  qrData.encodeInto(ASCII, new Uint8Array(ASCII.length), 0);
  tables = { text, qrData, codepageCommand: probeCodepageCommand() };
  return tables;
}

function probeEncoder(): ReceiptPrinterEncoder {
  return newEncoder(PAPER['80mm']).initialize().codepage('cp437');
}

const textPayloads = (lines: LibraryItem[][]) => lines.flat().flatMap((item) => (item.type === 'text' ? (item.payload ?? []) : []));

/**
 * The library wraps text at spaces, tabs, form feeds and vertical tabs and may drop them there, so
 * each of those is probed on a line of its own; all other units go in one run, which may wrap
 * anywhere without losing a character.
 */
function probeText(units: string[]): number[] {
  const isSeparator = (unit: string) => /^[ \t\f\v]$/.test(unit);
  const words = units.filter((unit) => !isSeparator(unit));
  const separators = units.filter(isSeparator);
  const encoder = probeEncoder();
  if (words.length > 0) encoder.text(words.join('')).newline();
  for (const separator of separators) encoder.text(separator).newline();
  const bytes = textPayloads(encoder.encode('lines') as LibraryItem[][]);
  if (bytes.length !== units.length) return bytes;
  const byUnit = new Map([...words, ...separators].map((unit, index) => [unit, bytes[index] as number]));
  return units.map((unit) => byUnit.get(unit) as number);
}

function probeQrData(units: string[]): number[] {
  const encoder = probeEncoder().qrcode(units.join(''), { model: 2, size: 1, errorlevel: 'm' });
  const data = encoder
    .commands()
    .flatMap((line) => line.commands as LibraryItem[])
    .find((item) => item.type === 'qrcode' && item.property === 'data');
  // GS ( k pL pH cn fn m, then the data.
  return data?.payload?.slice(8) ?? [];
}

function probeCodepageCommand(): Uint8Array {
  const lines = probeEncoder().text('A').encode('lines') as LibraryItem[][];
  const item = lines.flat().find((candidate) => candidate.type === 'codepage');
  if (!item?.payload) throw new EscPosLayoutChanged('no code page command before the first text');
  return Uint8Array.from(item.payload);
}
