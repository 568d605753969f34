import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PBM_SIDE, PbmError, readPbm } from '../../drivers/printer/monoBitmap.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

describe('readPbm', () => {
  it('reads binary P4, most significant bit first, ignoring the padding bits of each row', () => {
    // 10 pixels wide: two bytes a row, the last 6 bits of the second byte are padding.
    const image = readPbm(bytes('P4\n# a comment\n10 2\n', [0b10000001, 0b01111111, 0b00000000, 0b11000000]));
    expect(image.width).toBe(10);
    expect(image.height).toBe(2);
    expect([...image.pixels]).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('reads plain P1, with comments and with or without spaces between the digits', () => {
    const image = readPbm(bytes('P1\n# logo\n3 2 # size\n1 0 1\n010\n'));
    expect(image).toEqual({ width: 3, height: 2, pixels: Uint8Array.of(1, 0, 1, 0, 1, 0) });
  });

  it('takes a comment after the height of a P4 file as the end of the header', () => {
    expect(readPbm(bytes('P4 8 1# made by hand\n', [0xf0])).pixels).toEqual(Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0));
  });

  it('reads the ticket logo shipped in assets/', () => {
    const logo = readPbm(readFileSync(new URL('../../assets/printer-logo.pbm', import.meta.url)));
    // Narrower than 58 mm paper (384 dots), so it is never scaled on the way to the printer.
    expect(logo.width).toBeLessThanOrEqual(384);
    expect(logo.pixels).toHaveLength(logo.width * logo.height);
    const black = logo.pixels.reduce((sum, pixel) => sum + pixel, 0);
    expect(black).toBeGreaterThan(0);
    expect(black).toBeLessThan(logo.pixels.length);
  });

  it('rejects truncated files, naming what is missing', () => {
    expect(() => readPbm(bytes('P4\n16 2\n', [0xff, 0xff, 0xff]))).toThrow(/truncated P4 raster: 16×2 needs 4 bytes, the file has 3/);
    expect(() => readPbm(bytes('P1\n2 2\n1 0 1'))).toThrow(/truncated P1 raster: 2×2 needs 4 pixels, the file has 3/);
    expect(() => readPbm(bytes('P4\n16'))).toThrow(/truncated header: no height/);
    expect(() => readPbm(bytes('P4\n16 2'))).toThrow(/truncated header: no raster/);
    expect(() => readPbm(bytes('P4'))).toThrow(PbmError);
  });

  it('rejects other formats by their magic number', () => {
    expect(() => readPbm(bytes('P5\n2 2\n255\n', [0, 0, 0, 0]))).toThrow(/not a black-and-white PBM file: expected "P1" or "P4", found bytes 50 35/);
    expect(() => readPbm(bytes([0x89, 0x50, 0x4e, 0x47]))).toThrow(/found bytes 89 50/);
    expect(() => readPbm(new Uint8Array())).toThrow(/found bytes \(none\)/);
  });

  it('rejects sizes no logo has, before allocating anything', () => {
    expect(() => readPbm(bytes(`P4\n${MAX_PBM_SIDE + 1} 1\n`))).toThrow(/width 4097 exceeds 4096 pixels/);
    expect(() => readPbm(bytes('P1\n1 99999999999999999999\n'))).toThrow(/height 99999999999999999999 exceeds/);
    expect(() => readPbm(bytes('P1\n0 5\n'))).toThrow(/width is 0/);
  });

  it('rejects malformed headers and data', () => {
    expect(() => readPbm(bytes('P4\n8x1\n', [0]))).toThrow(/invalid width/);
    expect(() => readPbm(bytes('P4\n-8 1\n', [0]))).toThrow(/invalid width/);
    expect(() => readPbm(bytes('P1\n2 1\n1 2\n'))).toThrow(/invalid P1 pixel/);
    expect(() => readPbm(bytes('P1\n2 1\n1 0 1\n'))).toThrow(/unexpected data after the 2×1 P1 raster/);
    expect(() => readPbm(bytes('P4\n8 1\n', [0, 0]))).toThrow(/1 unexpected byte after the 8×1 P4 raster/);
  });
});
