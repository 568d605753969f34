import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFrameDecoder, type FrameDecoder } from '../../renderer/src/camera/frameDecoder.js';
import { barcodeFrameSpecs, code128Values, encodeCode128, FRAME_VARIANTS, renderBarcodeFrame, siapkerjaPayloads, type RgbaFrame } from '../support/barcodeFrames.js';

const meanLuminance = (frame: RgbaFrame) => {
  let sum = 0;
  for (let i = 0; i < frame.data.length; i += 4) sum += frame.data[i + 1] as number;
  return sum / (frame.width * frame.height);
};

describe('barcode frame generator', () => {
  it('lists the same frames, with the same payloads, every time', () => {
    const specs = barcodeFrameSpecs();
    expect(specs).toEqual(barcodeFrameSpecs());
    expect(specs).toHaveLength(2 * FRAME_VARIANTS.length * 6);
    expect(new Set(specs.map((spec) => spec.id)).size).toBe(specs.length);
    expect(barcodeFrameSpecs({ seed: 1 }).map((spec) => spec.payload)).not.toEqual(specs.map((spec) => spec.payload));
  });

  it('renders the same bytes for the same spec, and other bytes for another seed', () => {
    const [spec] = barcodeFrameSpecs({ formats: ['qr'], variants: ['low-light'], payloadsPerFormat: 1 });
    if (!spec) throw new Error('no spec');
    const frame = renderBarcodeFrame(spec);
    expect(frame.data).toHaveLength(640 * 480 * 4);
    expect(Buffer.from(renderBarcodeFrame(spec).data).equals(Buffer.from(frame.data))).toBe(true);
    expect(Buffer.from(renderBarcodeFrame({ ...spec, seed: spec.seed + 1 }).data).equals(Buffer.from(frame.data))).toBe(false);
  });

  it('makes SIAPkerja-like payloads: 16-digit NIKs and SIAPKERJA: ids (bare ids in Code 128)', () => {
    const [nik, id] = siapkerjaPayloads(2, 7);
    expect(nik).toMatch(/^\d{16}$/);
    expect(id).toMatch(/^SIAPKERJA:SK\.\d{4}\.\d{8}$/);
    expect(siapkerjaPayloads(2, 7, 'code128')[1]).toMatch(/^SK\.\d{4}\.\d{8}$/);
  });

  it('encodes Code 128 with the standard check symbol, in set C for digit pairs', () => {
    // Start B, P J J 1 2 3 C: (104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7) mod 103 = 55.
    expect(code128Values('PJJ123C')).toEqual([104, 48, 42, 42, 17, 18, 19, 35, 55]);
    expect(code128Values('1234')).toEqual([105, 12, 34, (105 + 12 + 34 * 2) % 103]);
    // 11 modules a symbol, 13 for the stop, starting with a bar and ending with one.
    const modules = encodeCode128('PJJ123C');
    expect(modules).toHaveLength(11 * 9 + 13);
    expect([modules[0], modules.at(-1)]).toEqual([true, true]);
  });

  it('darkens the low-light variant and leaves the clean one well lit', () => {
    const specs = barcodeFrameSpecs({ formats: ['qr'], variants: ['clean', 'low-light'], payloadsPerFormat: 1 });
    const [clean, dark] = specs.map((spec) => meanLuminance(renderBarcodeFrame(spec)));
    expect(clean).toBeGreaterThan(80);
    expect(dark).toBeLessThan(35);
  });
});

describe('the shipped camera decoder (zxing-wasm) under Node', () => {
  let decoder: FrameDecoder;
  beforeAll(async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    decoder = createFrameDecoder({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) });
    await decoder.ready();
  });

  it('reads the clean frames: QR with a NIK and a SIAPKERJA: id, Code 128 in sets C and B', async () => {
    const specs = barcodeFrameSpecs({ variants: ['clean'], payloadsPerFormat: 2 });
    expect(specs.map((spec) => spec.format)).toEqual(['qr', 'qr', 'code128', 'code128']);
    for (const spec of specs) expect(await decoder.decode(renderBarcodeFrame(spec)), spec.id).toBe(spec.payload);
  });

  it('answers null for a frame with no code in it', async () => {
    const frame = { width: 320, height: 240, data: new Uint8ClampedArray(320 * 240 * 4).fill(128) };
    expect(await decoder.decode(frame)).toBeNull();
  });
});
