import { encodeSlipAsEscPos, type PaperWidth } from './escposSlipEncoder.js';
import { countDleEotRequests } from './escposStatus.js';
import type { MonoBitmap } from './monoBitmap.js';

const DLE = 0x10;
const EOT = 0x04;
/** Enough for any logo: each round clears every sequence the packed rows show. */
const MAX_ROUNDS = 16;

/**
 * The logo with no byte run in its raster data that a printer would take for a real-time status
 * request (`DLE EOT 1–4`). Epson printers answer those even inside image data, and the answers
 * cannot be told from the answers to our own query after a job — so a logo holding one would let
 * a stalled printer look as if it had confirmed the job. Each such run is broken by turning one
 * pixel white (bit 2 of the `EOT` byte), which nobody can see on a 200-pixel logo.
 *
 * Checked against the real encoder's bytes, so a change in how it lays out images cannot slip by;
 * throws if the runs cannot be removed (then the caller prints without a logo).
 */
export function withoutStatusRequests(logo: MonoBitmap, paper: PaperWidth): MonoBitmap {
  let bitmap = logo;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (countDleEotRequests(encodeSlipAsEscPos({ lines: [{ kind: 'logo' }] }, { paper, logo: bitmap })) === 0) return bitmap;
    bitmap = clearRequestRuns(bitmap);
  }
  throw new Error('the logo keeps forming printer status requests in its image data; print without it or change the image');
}

/** Rows packed as GS v 0 sends them: most significant bit first, each row padded to whole bytes. */
function clearRequestRuns(bitmap: MonoBitmap): MonoBitmap {
  const rowBytes = Math.ceil(bitmap.width / 8);
  const packed = new Uint8Array(rowBytes * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.pixels[y * bitmap.width + x]) packed[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const pixels = Uint8Array.from(bitmap.pixels);
  for (let i = 0; i + 2 < packed.length; i++) {
    if (packed[i] === DLE && packed[i + 1] === EOT && packed[i + 2]! >= 1 && packed[i + 2]! <= 4) {
      const at = i + 1;
      // Bit 2 of a byte is the sixth pixel of its eight.
      const x = (at % rowBytes) * 8 + 5;
      const y = Math.floor(at / rowBytes);
      if (x < bitmap.width) pixels[y * bitmap.width + x] = 0;
      packed[at] = 0;
    }
  }
  return { width: bitmap.width, height: bitmap.height, pixels };
}
