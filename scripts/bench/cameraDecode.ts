// The camera fallback's decoder, chosen by measurement: zxing-wasm (ZXing-C++ compiled to
// WebAssembly) against @zxing/library (the pure-TypeScript port), each given the very same
// camera-like frames (test/support/barcodeFrames.ts) under Node.
//
// Standalone (prints a table; `--json` adds the rows as one JSON line at the end):
//   scripts/node22 node_modules/.bin/esbuild scripts/bench/cameraDecode.ts --bundle --platform=node \
//     --format=esm --packages=external --outfile=dist/bench/cameraDecode.mjs --log-level=error
//   scripts/node22 node dist/bench/cameraDecode.mjs
// CommonJS under Node, whose named exports Node cannot detect: take them from the default export.
import zxingLibraryModule from '@zxing/library';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createFrameDecoder } from '../../renderer/src/camera/frameDecoder.js';
import { barcodeFrameSpecs, FRAME_VARIANTS, renderBarcodeFrame, variantLabel, type BarcodeFormat as FrameFormat, type FrameVariant, type RgbaFrame } from '../../test/support/barcodeFrames.js';

const require = createRequire(import.meta.url);
const { BarcodeFormat, BinaryBitmap, ChecksumException, DecodeHintType, FormatException, HybridBinarizer, MultiFormatReader, NotFoundException, RGBLuminanceSource } = zxingLibraryModule;

interface Decoder {
  readonly name: string;
  /** Whatever must happen before the first frame (compiling the wasm); timed as cold start. */
  init(): Promise<void>;
  decode(frame: RgbaFrame): Promise<string | null>;
}

/** zxing-wasm exactly as the renderer ships it, with the .wasm read from node_modules. */
function zxingWasm(): Decoder {
  const wasmBinary = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  const decoder = createFrameDecoder({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) });
  return { name: 'zxing-wasm', init: () => decoder.ready(), decode: (frame) => decoder.decode(frame) };
}

/**
 * @zxing/library set up the way @zxing/browser scans a canvas: luminance with the same integer
 * weights, hybrid binarizer, TRY_HARDER, the two formats SIAPkerja cards and phones show.
 */
function zxingLibrary(): Decoder {
  const reader = new MultiFormatReader();
  const hints = new Map<(typeof DecodeHintType)[keyof typeof DecodeHintType], unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  reader.setHints(hints);
  return {
    name: '@zxing/library',
    init: async () => undefined,
    decode: async (frame) => {
      const { width, height, data } = frame;
      const luminance = new Uint8ClampedArray(width * height);
      for (let i = 0; i < luminance.length; i++) {
        luminance[i] = (306 * (data[i * 4] as number) + 601 * (data[i * 4 + 1] as number) + 117 * (data[i * 4 + 2] as number) + 0x200) >> 10;
      }
      const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
      // Each reader that misses logs a stack trace through console.warn (0.23 cannot tell its own
      // exceptions apart); hush it while decoding so the table stays readable.
      const warn = console.warn;
      console.warn = () => undefined;
      try {
        return reader.decodeWithState(bitmap).getText();
      } catch (error) {
        if (error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException) return null;
        throw error;
      } finally {
        console.warn = warn;
      }
    },
  };
}

/** Gzipped bytes each library adds to the renderer, bundled for the browser as Vite would. */
async function rendererCost(): Promise<Record<string, { js: number; wasm: number }>> {
  const bundle = async (contents: string) => {
    const result = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'error',
    });
    return result.outputFiles.reduce((total, file) => total + gzipSync(file.contents, { level: 9 }).length, 0);
  };
  return {
    'zxing-wasm': {
      js: await bundle("import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'; console.log(prepareZXingModule, readBarcodes);"),
      wasm: gzipSync(readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')), { level: 9 }).length,
    },
    '@zxing/library': {
      js: await bundle(
        "import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library'; console.log(BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource);",
      ),
      wasm: 0,
    },
  };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

interface Sample {
  format: FrameFormat;
  variant: FrameVariant;
  ok: boolean;
  ms: number;
}

export interface CameraDecodeOptions {
  payloadsPerFormat?: number;
}

/**
 * Rows `[measure, value, baseline, ratio, samples]` as in scripts/bench.mjs: the value column is
 * the shipped decoder (zxing-wasm), the baseline column @zxing/library on the same frames.
 */
export async function benchCameraDecode(options: CameraDecodeOptions = {}): Promise<string[][]> {
  const specs = barcodeFrameSpecs({ payloadsPerFormat: options.payloadsPerFormat ?? 6 });
  const [shipped, other] = [zxingWasm(), zxingLibrary()];
  const decoders = [shipped, other];
  const cold: Record<string, number> = {};
  const samples: Record<string, Sample[]> = { [shipped.name]: [], [other.name]: [] };

  const warmFrame = renderBarcodeFrame(specs[0] as (typeof specs)[number]);
  for (const decoder of decoders) {
    const started = performance.now();
    await decoder.init();
    await decoder.decode(warmFrame);
    cold[decoder.name] = performance.now() - started;
    // A few more frames so the JIT has seen the hot loops before anything is timed.
    for (let i = 0; i < 3; i++) await decoder.decode(warmFrame);
  }

  for (const [index, spec] of specs.entries()) {
    const frame = renderBarcodeFrame(spec);
    // Alternate who goes first, so neither library always meets a cold cache.
    const order = index % 2 === 0 ? decoders : [...decoders].reverse();
    for (const decoder of order) {
      const started = performance.now();
      const text = await decoder.decode(frame);
      const elapsed = performance.now() - started;
      (samples[decoder.name] as Sample[]).push({ format: spec.format, variant: spec.variant, ok: text === spec.payload, ms: elapsed });
    }
  }

  const rate = (list: readonly Sample[]) => list.filter((sample) => sample.ok).length / list.length;
  const share = (list: readonly Sample[]) => `${list.filter((sample) => sample.ok).length}/${list.length} (${Math.round(rate(list) * 100)}%)`;
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '—' : '∞') : (a / b).toFixed(2));
  const pick = (name: string, format: FrameFormat, variant?: FrameVariant) =>
    (samples[name] as Sample[]).filter((sample) => sample.format === format && (variant === undefined || sample.variant === variant));
  const all = (name: string) => samples[name] as Sample[];

  const rows: string[][] = [];
  for (const format of ['qr', 'code128'] as const) {
    const label = format === 'qr' ? 'QR' : 'Code 128';
    for (const variant of FRAME_VARIANTS) {
      const a = pick(shipped.name, format, variant);
      const b = pick(other.name, format, variant);
      rows.push([`camera ${label}, ${variantLabel(format, variant)}: decoded`, share(a), `${other.name}: ${share(b)}`, ratio(rate(a), rate(b)), `${a.length} frames 640×480`]);
    }
  }
  const a = all(shipped.name);
  const b = all(other.name);
  rows.push(['camera, every frame: decoded', share(a), `${other.name}: ${share(b)}`, ratio(rate(a), rate(b)), `${a.length} frames`]);
  for (const format of ['qr', 'code128'] as const) {
    const fa = pick(shipped.name, format).map((sample) => sample.ms);
    const fb = pick(other.name, format).map((sample) => sample.ms);
    rows.push([`camera ${format === 'qr' ? 'QR' : 'Code 128'} frames: decode time, median`, ms(median(fa)), `${other.name}: ${ms(median(fb))}`, ratio(median(fa), median(fb)), `${fa.length} frames, hits and misses`]);
  }
  const times = (list: readonly Sample[]) => list.map((sample) => sample.ms);
  rows.push(['camera, every frame: decode time, median', ms(median(times(a))), `${other.name}: ${ms(median(times(b)))}`, ratio(median(times(a)), median(times(b))), `${a.length} frames`]);
  rows.push(['camera, every frame: decode time, p90', ms(percentile(times(a), 90)), `${other.name}: ${ms(percentile(times(b), 90))}`, ratio(percentile(times(a), 90), percentile(times(b), 90)), `${a.length} frames`]);
  rows.push(['camera decoder cold start (load + first frame)', ms(cold[shipped.name] as number), `${other.name}: ${ms(cold[other.name] as number)}`, ratio(cold[shipped.name] as number, cold[other.name] as number), '1 run']);
  const cost = await rendererCost();
  const costOf = (name: string) => cost[name] as { js: number; wasm: number };
  const total = (name: string) => costOf(name).js + costOf(name).wasm;
  rows.push([
    'camera decoder added to the renderer (gzip, loaded when the camera opens)',
    `${kib(total(shipped.name))} (JS ${kib(costOf(shipped.name).js)} + wasm ${kib(costOf(shipped.name).wasm)})`,
    `${other.name}: ${kib(total(other.name))} (JS only)`,
    ratio(total(shipped.name), total(other.name)),
    'esbuild, minified',
  ]);
  return rows;
}

async function main(): Promise<void> {
  const rows = await benchCameraDecode();
  console.log('\n| measure | zxing-wasm (shipped) | baseline: @zxing/library, same frames | ratio | samples |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\nFrames: test/support/barcodeFrames.ts (seeded, 640×480 RGBA). Decoding under Node, one frame at a time, same process.');
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
