/**
 * A black-and-white picture as a thermal printer sees it: one byte per pixel, 1 = black (a dot the
 * head burns), row-major from the top-left corner. One byte per pixel rather than packed bits,
 * because the images are small (a logo) and code that reads them stays obvious.
 */
export interface MonoBitmap {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Larger than any receipt printer's head (576 dots on 80 mm paper) by far; beyond it the file is wrong. */
export const MAX_PBM_SIDE = 4096;

export class PbmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PbmError';
  }
}

/**
 * Reads a PBM file: binary `P4` (what `scripts/make-printer-logo.mjs` writes) or plain `P1`.
 * Anything else, a header that does not parse, a size beyond MAX_PBM_SIDE or fewer pixels than the
 * header promises is a PbmError naming the problem, so a bad logo file fails at start-up, not as
 * garbage on paper.
 */
export function readPbm(bytes: Uint8Array): MonoBitmap {
  const reader = new PbmTokens(bytes);
  const magic = reader.magic();
  const width = reader.dimension('width');
  const height = reader.dimension('height');
  const pixels = new Uint8Array(width * height);
  if (magic === 'P4') readBinaryRaster(bytes, reader.rasterStart(), width, height, pixels);
  else readPlainRaster(reader, width, height, pixels);
  return { width, height, pixels };
}

function readBinaryRaster(bytes: Uint8Array, start: number, width: number, height: number, pixels: Uint8Array): void {
  const rowBytes = Math.ceil(width / 8);
  const expected = rowBytes * height;
  const available = bytes.length - start;
  if (available < expected) {
    throw new PbmError(`truncated P4 raster: ${width}×${height} needs ${expected} bytes, the file has ${available}`);
  }
  if (available > expected) {
    // Netpbm allows several images in one file; a logo is one, so extra bytes mean a wrong header.
    const extra = available - expected;
    throw new PbmError(`${extra} unexpected byte${extra === 1 ? '' : 's'} after the ${width}×${height} P4 raster`);
  }
  for (let y = 0; y < height; y++) {
    const row = start + y * rowBytes;
    for (let x = 0; x < width; x++) {
      // Bits beyond the width in a row's last byte are padding and ignored, as the format says.
      pixels[y * width + x] = ((bytes[row + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
    }
  }
}

function readPlainRaster(reader: PbmTokens, width: number, height: number, pixels: Uint8Array): void {
  for (let i = 0; i < pixels.length; i++) {
    const bit = reader.plainPixel();
    if (bit === undefined) {
      throw new PbmError(`truncated P1 raster: ${width}×${height} needs ${pixels.length} pixels, the file has ${i}`);
    }
    pixels[i] = bit;
  }
  if (!reader.atEnd()) throw new PbmError(`unexpected data after the ${width}×${height} P1 raster`);
}

const isSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/** Walks the header and a P1 body, where whitespace and `#` comments may sit between any tokens. */
class PbmTokens {
  readonly #bytes: Uint8Array;
  #at = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  magic(): 'P1' | 'P4' {
    const first = this.#bytes[0];
    const second = this.#bytes[1];
    if (first !== 0x50 || (second !== 0x31 && second !== 0x34)) {
      const seen = Array.from(this.#bytes.subarray(0, 2), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
      throw new PbmError(`not a black-and-white PBM file: expected "P1" or "P4", found bytes ${seen || '(none)'}`);
    }
    this.#at = 2;
    return second === 0x31 ? 'P1' : 'P4';
  }

  dimension(name: 'width' | 'height'): number {
    this.#skipSpaceAndComments();
    const start = this.#at;
    while (this.#at < this.#bytes.length && this.#isDigit(this.#bytes[this.#at] as number)) this.#at += 1;
    if (this.#at === start) {
      throw new PbmError(this.#at >= this.#bytes.length ? `truncated header: no ${name}` : `invalid ${name} at byte ${start}`);
    }
    const digits = new TextDecoder().decode(this.#bytes.subarray(start, this.#at));
    const value = Number(digits);
    if (value === 0) throw new PbmError(`${name} is 0`);
    if (digits.length > 6 || value > MAX_PBM_SIDE) throw new PbmError(`${name} ${digits} exceeds ${MAX_PBM_SIDE} pixels`);
    const next = this.#bytes[this.#at];
    if (next !== undefined && !isSpace(next) && next !== 0x23) throw new PbmError(`invalid ${name} at byte ${start}`);
    return value;
  }

  /**
   * P4: exactly one whitespace byte separates the height from the raster, which may start with any
   * byte; a comment there counts as its line end, as Netpbm's own reader has it.
   */
  rasterStart(): number {
    if (this.#bytes[this.#at] === 0x23) {
      while (this.#at < this.#bytes.length && this.#bytes[this.#at] !== 0x0a && this.#bytes[this.#at] !== 0x0d) this.#at += 1;
    }
    const separator = this.#bytes[this.#at];
    if (separator === undefined) throw new PbmError('truncated header: no raster after the height');
    if (!isSpace(separator)) throw new PbmError(`invalid header: byte ${this.#at} after the height is not whitespace`);
    return this.#at + 1;
  }

  /** P1: the next `0` or `1`; digits need no whitespace between them. */
  plainPixel(): number | undefined {
    this.#skipSpaceAndComments();
    const byte = this.#bytes[this.#at];
    if (byte === undefined) return undefined;
    if (byte !== 0x30 && byte !== 0x31) throw new PbmError(`invalid P1 pixel at byte ${this.#at}: only 0 and 1 are allowed`);
    this.#at += 1;
    return byte - 0x30;
  }

  atEnd(): boolean {
    this.#skipSpaceAndComments();
    return this.#at >= this.#bytes.length;
  }

  #isDigit(byte: number): boolean {
    return byte >= 0x30 && byte <= 0x39;
  }

  #skipSpaceAndComments(): void {
    while (this.#at < this.#bytes.length) {
      const byte = this.#bytes[this.#at] as number;
      if (isSpace(byte)) this.#at += 1;
      else if (byte === 0x23) {
        while (this.#at < this.#bytes.length && this.#bytes[this.#at] !== 0x0a && this.#bytes[this.#at] !== 0x0d) this.#at += 1;
      } else return;
    }
  }
}
