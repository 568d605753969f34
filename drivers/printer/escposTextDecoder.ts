/**
 * Parser half of the protocol, the other way round: ESC/POS bytes back to what a printer would put
 * on paper. The simulator writes its text preview, and tests read tickets through it: text with its
 * style, QR codes (the payload stored with `GS ( k`), raster images (`GS v 0`) and the cut. It never
 * touches a port. Unknown commands and malformed lengths are errors, so a change in what we send
 * is noticed rather than previewed as something else.
 */
import type { MonoBitmap } from './monoBitmap.js';

export interface DecodedEscPos {
  /**
   * The paper as text: lines as printed (centring is spaces on the line), a QR code as
   * `[QR: <payload>]`, an image as `[image 200×80]`, each on a line of its own.
   */
  text: string;
  /** Names of the commands met, in order (e.g. `init`, `bold`, `size`, `qr-print`, `cut`). */
  commands: string[];
  cut: boolean;
  /** Payloads of the QR codes printed, in order. */
  qrCodes: string[];
  /** The same QR codes with the settings they were printed with. */
  qrSymbols: DecodedQrSymbol[];
  images: DecodedImage[];
  /** The printed text in runs of one style; a line break ends a run. */
  runs: DecodedTextRun[];
}

export interface DecodedQrSymbol {
  data: string;
  model: 1 | 2;
  /** Dots per module. */
  moduleSize: number;
  errorCorrection: 'L' | 'M' | 'Q' | 'H';
}

export interface DecodedImage {
  /** Dots, including the white padding to a whole byte the raster format requires. */
  width: number;
  height: number;
  bitmap: MonoBitmap;
}

export interface DecodedTextRun {
  text: string;
  bold: boolean;
  /** Character magnification, 1–8, from `GS !` (or `ESC !` double width and height). */
  width: number;
  height: number;
  align: 'left' | 'center' | 'right';
}

export class EscPosDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EscPosDecodeError';
  }
}

/** The simulator's preview of an ESC/POS job. */
export function escPosPreview(bytes: Uint8Array): string {
  return decodeEscPos(bytes).text;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

// Fixed-length commands without effect on the decoded content: prefix, command → [name, length].
const FIXED: Record<number, Record<number, [string, number]>> = {
  [ESC]: {
    0x2d: ['underline', 3],
    0x32: ['line-spacing-default', 2],
    0x33: ['line-spacing', 3],
    0x47: ['double-strike', 3],
    0x4a: ['feed-dots', 3],
    0x4d: ['font', 3],
    0x64: ['feed-lines', 3],
    0x70: ['pulse', 5],
    0x7b: ['upside-down', 3],
  },
  [GS]: {
    0x42: ['invert', 3],
    // Status requests the ticket printer may send around a job (see escposStatus.ts); they print nothing.
    0x61: ['auto-status-back', 3],
    0x72: ['transmit-status', 3],
    0x48: ['barcode-text', 3],
    0x66: ['barcode-font', 3],
    0x68: ['barcode-height', 3],
    0x77: ['barcode-width', 3],
  },
  [FS]: {
    0x2e: ['kanji-off', 2],
  },
  [DLE]: {
    0x04: ['real-time-status', 3],
  },
};

// Code page 437 upper half, the printer default and the one the encoder picks for Indonesian text;
// 0xFF is the non-breaking space.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const ALIGNMENTS = ['left', 'center', 'right'] as const;
const ERROR_LEVELS = ['L', 'M', 'Q', 'H'] as const;
/** The most a QR code (version 40, level L, byte mode) can hold. */
const QR_MAX_DATA = 2953;

interface Style {
  bold: boolean;
  width: number;
  height: number;
  align: 'left' | 'center' | 'right';
}

const DEFAULT_STYLE: Style = { bold: false, width: 1, height: 1, align: 'left' };

export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  return new Decoder(bytes).run();
}

class Decoder {
  readonly #bytes: Uint8Array;
  #at = 0;
  #text = '';
  readonly #commands: string[] = [];
  #cut = false;
  readonly #qrSymbols: DecodedQrSymbol[] = [];
  readonly #images: DecodedImage[] = [];
  readonly #runs: DecodedTextRun[] = [];
  #style: Style = { ...DEFAULT_STYLE };
  #codepage = 0;
  #qr = { model: 2 as 1 | 2, moduleSize: 3, errorCorrection: 'L' as DecodedQrSymbol['errorCorrection'], data: undefined as string | undefined };
  /** A block (QR, image) ends its line; text right after it starts a new one. */
  #afterBlock = false;
  /** The next character starts a run: at a line start, or after a block. */
  #runBreak = true;
  /** The image just printed, with where its placeholder starts: the next raster chunk may continue it. */
  #lastImage: { image: DecodedImage; textAt: number } | undefined;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  run(): DecodedEscPos {
    while (this.#at < this.#bytes.length) {
      const byte = this.#bytes[this.#at] as number;
      if (byte === ESC || byte === GS || byte === FS || byte === DLE) this.#command(byte);
      else this.#character(byte);
    }
    return {
      text: this.#text,
      commands: this.#commands,
      cut: this.#cut,
      qrCodes: this.#qrSymbols.map((symbol) => symbol.data),
      qrSymbols: this.#qrSymbols,
      images: this.#images,
      runs: this.#runs,
    };
  }

  #character(byte: number): void {
    const at = this.#at;
    this.#at += 1;
    this.#lastImage = undefined;
    if (byte === 0x0a) {
      this.#text += '\n';
      this.#afterBlock = false;
      this.#runBreak = true;
      return;
    }
    // CR after LF only returns the carriage; it adds nothing to the paper.
    if (byte === 0x0d) return;
    if (byte < 0x20) throw new EscPosDecodeError(`unexpected control byte 0x${byte.toString(16)} at byte ${at}`);
    const char = byte < 0x80 ? String.fromCharCode(byte) : this.#codepage === 0 ? (CP437_HIGH[byte - 0x80] as string) : '?';
    this.#print(char);
  }

  #print(char: string): void {
    if (this.#afterBlock) {
      this.#text += '\n';
      this.#afterBlock = false;
    }
    this.#text += char;
    const last = this.#runs.at(-1);
    const style = this.#style;
    const continues =
      !this.#runBreak &&
      last !== undefined &&
      last.bold === style.bold &&
      last.width === style.width &&
      last.height === style.height &&
      last.align === style.align;
    if (continues) last.text += char;
    else this.#runs.push({ text: char, ...style });
    this.#runBreak = false;
  }

  /** Puts a block's placeholder on a line of its own; answers where in the text it starts. */
  #block(placeholder: string): number {
    if (this.#text.length > 0 && !this.#text.endsWith('\n')) this.#text += '\n';
    const start = this.#text.length;
    this.#text += placeholder;
    this.#afterBlock = true;
    this.#runBreak = true;
    return start;
  }

  #need(count: number, name: string): void {
    if (this.#at + count > this.#bytes.length) throw new EscPosDecodeError(`truncated ${name} at byte ${this.#at}`);
  }

  #byte(offset: number): number {
    return this.#bytes[this.#at + offset] as number;
  }

  #command(prefix: number): void {
    this.#need(2, 'command');
    const command = this.#byte(1);
    const at = this.#at;
    if (prefix !== GS || command !== 0x76) this.#lastImage = undefined;
    if (prefix === ESC && command === 0x40) return this.#fixed('init', 2, () => this.#reset());
    if (prefix === ESC && command === 0x45) return this.#fixed('bold', 3, (n) => (this.#style.bold = (n & 1) === 1));
    if (prefix === ESC && command === 0x21) {
      return this.#fixed('mode', 3, (n) => {
        this.#style.bold = (n & 0x08) !== 0;
        this.#style.height = n & 0x10 ? 2 : 1;
        this.#style.width = n & 0x20 ? 2 : 1;
      });
    }
    if (prefix === ESC && command === 0x61) {
      return this.#fixed('align', 3, (n) => {
        const align = ALIGNMENTS[n >= 0x30 ? n - 0x30 : n];
        if (!align) throw new EscPosDecodeError(`invalid alignment ${n} at byte ${at}`);
        this.#style.align = align;
      });
    }
    if (prefix === ESC && command === 0x74) return this.#fixed('codepage', 3, (n) => (this.#codepage = n));
    if (prefix === GS && command === 0x21) {
      return this.#fixed('size', 3, (n) => {
        if (n & 0x88) throw new EscPosDecodeError(`invalid character size 0x${n.toString(16)} at byte ${at}`);
        this.#style.width = ((n >> 4) & 7) + 1;
        this.#style.height = (n & 7) + 1;
      });
    }
    if (prefix === GS && command === 0x56) return this.#cutCommand();
    if (prefix === GS && command === 0x28) return this.#symbol();
    if (prefix === GS && command === 0x76) return this.#rasterImage();
    const known = FIXED[prefix]?.[command];
    if (!known) throw new EscPosDecodeError(`unknown command 0x${prefix.toString(16)} 0x${command.toString(16)} at byte ${at}`);
    this.#fixed(known[0], known[1], () => undefined);
  }

  #fixed(name: string, length: number, apply: (argument: number) => void): void {
    this.#need(length, name);
    apply(this.#byte(length - 1));
    this.#commands.push(name);
    this.#at += length;
  }

  #reset(): void {
    this.#style = { ...DEFAULT_STYLE };
    this.#codepage = 0;
    this.#qr = { model: 2, moduleSize: 3, errorCorrection: 'L', data: undefined };
  }

  /** GS V m, and GS V m n for the modes that feed n before cutting. */
  #cutCommand(): void {
    this.#need(3, 'cut');
    const mode = this.#byte(2);
    let length: number;
    if (mode === 0 || mode === 1 || mode === 48 || mode === 49) length = 3;
    else if (mode === 65 || mode === 66 || mode === 97 || mode === 98 || mode === 103 || mode === 104) length = 4;
    else throw new EscPosDecodeError(`invalid cut mode ${mode} at byte ${this.#at}`);
    this.#need(length, 'cut');
    this.#commands.push('cut');
    this.#cut = true;
    this.#at += length;
  }

  /** GS ( k pL pH cn fn …: a 2D symbol function. Only QR codes (cn 49) are sent by the kiosk. */
  #symbol(): void {
    const at = this.#at;
    this.#need(5, 'GS ( command');
    if (this.#byte(2) !== 0x6b) throw new EscPosDecodeError(`unknown command 0x1d 0x28 0x${this.#byte(2).toString(16)} at byte ${at}`);
    const length = this.#byte(3) + this.#byte(4) * 256;
    if (at + 5 + length > this.#bytes.length) {
      throw new EscPosDecodeError(`truncated 2D symbol command at byte ${at}: ${length} bytes declared, ${this.#bytes.length - at - 5} left`);
    }
    if (length < 2) throw new EscPosDecodeError(`2D symbol command at byte ${at} declares ${length} bytes, too few for cn and fn`);
    const cn = this.#byte(5);
    const fn = this.#byte(6);
    if (cn !== 49) throw new EscPosDecodeError(`unsupported 2D symbol cn=${cn} at byte ${at} (only QR codes, cn=49)`);
    const parameter = (index: number) => this.#byte(7 + index);
    const expectLength = (expected: number, name: string) => {
      if (length !== expected) throw new EscPosDecodeError(`${name} at byte ${at} declares ${length} bytes, expected ${expected}`);
    };
    switch (fn) {
      case 65: {
        expectLength(4, 'QR model');
        const model = parameter(0);
        if ((model !== 49 && model !== 50) || parameter(1) !== 0) throw new EscPosDecodeError(`invalid QR model ${model} at byte ${at}`);
        this.#qr.model = model === 49 ? 1 : 2;
        this.#commands.push('qr-model');
        break;
      }
      case 67: {
        expectLength(3, 'QR module size');
        const size = parameter(0);
        if (size < 1 || size > 16) throw new EscPosDecodeError(`invalid QR module size ${size} at byte ${at}`);
        this.#qr.moduleSize = size;
        this.#commands.push('qr-size');
        break;
      }
      case 69: {
        expectLength(3, 'QR error correction');
        const level = ERROR_LEVELS[parameter(0) - 48];
        if (!level) throw new EscPosDecodeError(`invalid QR error correction ${parameter(0)} at byte ${at}`);
        this.#qr.errorCorrection = level;
        this.#commands.push('qr-error-correction');
        break;
      }
      case 80: {
        // Function 180: cn fn m, then the data; the data length is what remains of pL pH.
        const dataLength = length - 3;
        if (dataLength < 1) throw new EscPosDecodeError(`QR data at byte ${at} declares ${length} bytes: no data`);
        if (dataLength > QR_MAX_DATA) throw new EscPosDecodeError(`QR data at byte ${at} declares ${dataLength} bytes, more than a QR code holds`);
        if (parameter(0) !== 48) throw new EscPosDecodeError(`invalid QR store parameter ${parameter(0)} at byte ${at}`);
        this.#qr.data = String.fromCharCode(...this.#bytes.subarray(at + 8, at + 5 + length));
        this.#commands.push('qr-store');
        break;
      }
      case 81: {
        expectLength(3, 'QR print');
        if (parameter(0) !== 48) throw new EscPosDecodeError(`invalid QR print parameter ${parameter(0)} at byte ${at}`);
        const data = this.#qr.data;
        if (data === undefined) throw new EscPosDecodeError(`QR print at byte ${at} without data stored`);
        this.#qrSymbols.push({ data, model: this.#qr.model, moduleSize: this.#qr.moduleSize, errorCorrection: this.#qr.errorCorrection });
        this.#commands.push('qr-print');
        this.#block(`[QR: ${data}]`);
        break;
      }
      default:
        throw new EscPosDecodeError(`unsupported QR function fn=${fn} at byte ${at}`);
    }
    this.#at += 5 + length;
  }

  /** GS v 0 m xL xH yL yH d…: a raster image, xL + xH·256 bytes wide, yL + yH·256 rows high. */
  #rasterImage(): void {
    const at = this.#at;
    this.#need(8, 'raster image');
    if (this.#byte(2) !== 0x30) throw new EscPosDecodeError(`unknown command 0x1d 0x76 0x${this.#byte(2).toString(16)} at byte ${at}`);
    const mode = this.#byte(3);
    if (mode > 3 && (mode < 48 || mode > 51)) throw new EscPosDecodeError(`invalid raster mode ${mode} at byte ${at}`);
    const rowBytes = this.#byte(4) + this.#byte(5) * 256;
    const rows = this.#byte(6) + this.#byte(7) * 256;
    if (rowBytes === 0 || rows === 0) throw new EscPosDecodeError(`empty raster image at byte ${at}`);
    const dataLength = rowBytes * rows;
    if (at + 8 + dataLength > this.#bytes.length) {
      throw new EscPosDecodeError(`truncated raster image at byte ${at}: ${rowBytes}×${rows} bytes declared, ${this.#bytes.length - at - 8} left`);
    }
    const width = rowBytes * 8;
    const pixels = new Uint8Array(width * rows);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < width; x++) {
        pixels[y * width + x] = ((this.#bytes[at + 8 + y * rowBytes + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
      }
    }
    this.#commands.push('raster-image');
    this.#at += 8 + dataLength;

    // Encoders split tall images into chunks (firmware reads only a byte of the row count); a
    // chunk right after one of the same width continues the same picture on paper.
    const previous = this.#lastImage;
    if (previous && previous.image.width === width) {
      const joined = new Uint8Array(previous.image.bitmap.pixels.length + pixels.length);
      joined.set(previous.image.bitmap.pixels);
      joined.set(pixels, previous.image.bitmap.pixels.length);
      const height = previous.image.height + rows;
      previous.image.height = height;
      previous.image.bitmap = { width, height, pixels: joined };
      this.#text = `${this.#text.slice(0, previous.textAt)}${imagePlaceholder(width, height)}`;
      return;
    }
    const image: DecodedImage = { width, height: rows, bitmap: { width, height: rows, pixels } };
    this.#images.push(image);
    this.#lastImage = { image, textAt: this.#block(imagePlaceholder(width, rows)) };
  }
}

const imagePlaceholder = (width: number, height: number) => `[image ${width}×${height}]`;
