import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { withoutStatusRequests } from '../../drivers/printer/escposLogo.js';
import { encodeSlipAsEscPos } from '../../drivers/printer/escposSlipEncoder.js';
import { countDleEotRequests } from '../../drivers/printer/escposStatus.js';
import { readPbm, type MonoBitmap } from '../../drivers/printer/monoBitmap.js';

/** A bitmap whose packed rows are `10 04 01 10 04 02 …`: status requests hidden in an image. */
function requestStripes(width: number, height: number): MonoBitmap {
  const pattern = [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04];
  const rowBytes = width / 8;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let b = 0; b < rowBytes; b++) {
      const byte = pattern[(y * rowBytes + b) % pattern.length]!;
      for (let bit = 0; bit < 8; bit++) pixels[y * width + b * 8 + bit] = (byte >> (7 - bit)) & 1;
    }
  }
  return { width, height, pixels };
}

const encodedRequests = (logo: MonoBitmap) => countDleEotRequests(encodeSlipAsEscPos({ lines: [{ kind: 'logo' }] }, { paper: '80mm', logo }));

describe('the ticket logo', () => {
  it('never carries a byte run a printer would answer as a status request', () => {
    const striped = requestStripes(96, 24);
    expect(encodedRequests(striped)).toBeGreaterThan(0);
    const cleaned = withoutStatusRequests(striped, '80mm');
    expect(encodedRequests(cleaned)).toBe(0);
    // One pixel per run, nothing more.
    const changed = striped.pixels.reduce((count, pixel, index) => count + (pixel !== cleaned.pixels[index] ? 1 : 0), 0);
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(encodedRequests(striped) + 24);
  });

  it('leaves the shipped logo as it is', () => {
    const shipped = readPbm(readFileSync('assets/printer-logo.pbm'));
    expect(withoutStatusRequests(shipped, '80mm')).toBe(shipped);
    expect(withoutStatusRequests(shipped, '58mm')).toBe(shipped);
  });
});
