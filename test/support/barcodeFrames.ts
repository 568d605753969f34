/**
 * A deterministic set of camera-like frames showing SIAPkerja-ID codes, for the camera-fallback
 * bench (scripts/bench/cameraDecode.ts) and its tests. Each frame is an RGBA buffer shaped like
 * DOM ImageData, rendered from the code's module matrix through a perspective camera model, then
 * degraded the way a cheap kiosk webcam degrades it: optics blur, uneven light, sensor noise.
 *
 * Pure TypeScript with one package (uqr, for the QR module matrix); every random choice comes from
 * a seeded PRNG, so the same options always give byte-identical frames.
 */
import { encode } from 'uqr';
import { seededRandom } from '../../src/domain/seededRandom.js';

export type BarcodeFormat = 'qr' | 'code128';

export const FRAME_VARIANTS = ['clean', 'blur-light', 'blur-heavy', 'low-light', 'rotated', 'skewed', 'small'] as const;
export type FrameVariant = (typeof FRAME_VARIANTS)[number];

/** What each variant does to the picture, for tables and test names. */
export function variantLabel(format: BarcodeFormat, variant: FrameVariant): string {
  const qr = format === 'qr';
  switch (variant) {
    case 'clean':
      return `clean (${qr ? '~6.5' : '~3.5'} px per module, sensor noise only)`;
    case 'blur-light':
      return 'out of focus, Gaussian σ 1.5 px';
    case 'blur-heavy':
      return 'out of focus, Gaussian σ 3 px';
    case 'low-light':
      return 'low light (exposure ×0.2, noise σ 7)';
    case 'rotated':
      // A row-scanned 1D symbol a third as tall as it is long cannot lean much further.
      return `rotated ${qr ? '20–25' : '10–15'}° in plane`;
    case 'skewed':
      return 'tilted 30° away + rotated 10° (perspective)';
    case 'small':
      return `small in frame (${qr ? '~2.5' : '~2.2'} px per module)`;
  }
}

/** An image in the shape of DOM ImageData: RGBA, row-major, 4 bytes per pixel. */
export interface RgbaFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface FrameSpec {
  readonly id: string;
  readonly format: BarcodeFormat;
  readonly variant: FrameVariant;
  /** The text the code carries; a decoder succeeds when it returns exactly this. */
  readonly payload: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
}

export interface BarcodeFrame extends FrameSpec, RgbaFrame {}

export interface FrameSetOptions {
  /** Payloads per format; half NIKs, half `SIAPKERJA:` ids. Default 6. */
  readonly payloadsPerFormat?: number;
  readonly formats?: readonly BarcodeFormat[];
  readonly variants?: readonly FrameVariant[];
  readonly width?: number;
  readonly height?: number;
  readonly seed?: number;
}


function gaussianSource(random: () => number): () => number {
  return () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** A 16-digit NIK-shaped number: region code, date of birth (+40 for women), serial. */
export function fakeNik(random: () => number): string {
  const digits = (count: number, min: number, max: number) => String(min + Math.floor(random() * (max - min + 1))).padStart(count, '0');
  const day = 1 + Math.floor(random() * 28) + (random() < 0.5 ? 40 : 0);
  return `${digits(2, 11, 94)}${digits(2, 1, 79)}${digits(2, 1, 40)}${String(day).padStart(2, '0')}${digits(2, 1, 12)}${digits(2, 60, 99)}${digits(4, 1, 9999)}`;
}

/** A `SIAPKERJA:` id as the SIAPkerja app shows it: prefix, year, serial. */
export function fakeSiapkerjaId(random: () => number): string {
  const year = 2019 + Math.floor(random() * 7);
  const serial = String(Math.floor(random() * 1e8)).padStart(8, '0');
  return `SIAPKERJA:SK.${year}.${serial}`;
}

/**
 * Alternating NIKs and SIAPkerja ids. A card's Code 128 strip carries the bare id: with the
 * `SIAPKERJA:` prefix it would be ~340 modules long, 1.5 px each across a 640-px frame, below what
 * any decoder can resolve.
 */
export function siapkerjaPayloads(count: number, seed: number, format: BarcodeFormat = 'qr'): string[] {
  const random = seededRandom(seed);
  const id = () => (format === 'qr' ? fakeSiapkerjaId(random) : fakeSiapkerjaId(random).slice('SIAPKERJA:'.length));
  return Array.from({ length: count }, (_, index) => (index % 2 === 0 ? fakeNik(random) : id()));
}

// ── Code 128 ────────────────────────────────────────────────────────────────────────────────────

/** Bar/space widths of Code 128 symbol values 0–105 (each 11 modules); STOP is separate. */
const CODE128_PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232',
];
const CODE128_STOP = '2331112';
const START_B = 104;
const START_C = 105;

/**
 * Code 128 symbol values for `text`: set C (digit pairs) for an even run of digits such as a NIK,
 * set B otherwise; printable ASCII only. Includes start and check symbols, not the stop.
 */
export function code128Values(text: string): number[] {
  const values: number[] = [];
  if (/^(\d\d)+$/.test(text)) {
    values.push(START_C);
    for (let i = 0; i < text.length; i += 2) values.push(Number(text.slice(i, i + 2)));
  } else {
    values.push(START_B);
    for (const char of text) {
      const code = char.charCodeAt(0);
      if (code < 32 || code > 126) throw new Error(`Code 128 set B cannot carry ${JSON.stringify(char)}`);
      values.push(code - 32);
    }
  }
  const check = values.reduce((sum, value, index) => sum + value * Math.max(1, index), 0) % 103;
  values.push(check);
  return values;
}

/** Modules of a Code 128 symbol, quiet zones excluded: true = bar. */
export function encodeCode128(text: string): boolean[] {
  const widths = code128Values(text).map((value) => CODE128_PATTERNS[value] as string).join('') + CODE128_STOP;
  const modules: boolean[] = [];
  [...widths].forEach((width, index) => {
    for (let i = 0; i < Number(width); i++) modules.push(index % 2 === 0);
  });
  return modules;
}

// ── Geometry ────────────────────────────────────────────────────────────────────────────────────

type Point = readonly [number, number];
/** 3×3 homography, row-major, h[8] = 1. */
type Homography = readonly number[];

/** The homography taking each `from[i]` to `to[i]` (four point pairs, no three collinear). */
function homography(from: readonly Point[], to: readonly Point[]): Homography {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i] as Point;
    const [u, v] = to[i] as Point;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let row = col + 1; row < 8; row++) if (Math.abs((rows[row] as number[])[col] as number) > Math.abs((rows[pivot] as number[])[col] as number)) pivot = row;
    [rows[col], rows[pivot]] = [rows[pivot] as number[], rows[col] as number[]];
    const top = rows[col] as number[];
    for (let row = 0; row < 8; row++) {
      if (row === col) continue;
      const current = rows[row] as number[];
      const factor = (current[col] as number) / (top[col] as number);
      for (let k = col; k < 9; k++) current[k] = (current[k] as number) - factor * (top[k] as number);
    }
  }
  const h = rows.map((row, index) => (row[8] as number) / (row[index] as number));
  return [...h, 1];
}

function apply(h: Homography, x: number, y: number): Point {
  const w = (h[6] as number) * x + (h[7] as number) * y + 1;
  return [((h[0] as number) * x + (h[1] as number) * y + (h[2] as number)) / w, ((h[3] as number) * x + (h[4] as number) * y + (h[5] as number)) / w];
}

interface Pose {
  /** Width of the symbol including quiet zones, as a fraction of the frame width (before tilt). */
  span: number;
  /** In-plane rotation, degrees. */
  rotation: number;
  /** Tilt of the card away from the camera around its vertical axis, degrees. */
  tilt: number;
  /** Centre offset from the frame centre, as fractions of width and height. */
  offset: Point;
}

/**
 * Where the corners of a `planeWidth`×`planeHeight` card land in the frame: the card is rotated
 * in its plane, tilted, and seen by a pinhole camera with a ~60° horizontal field of view.
 */
function projectCorners(planeWidth: number, planeHeight: number, pose: Pose, width: number, height: number, symbolWidth: number): Point[] {
  const focal = width / (2 * Math.tan((30 * Math.PI) / 180));
  // Distance at which the symbol spans `span` of the frame width when seen face-on.
  const distance = (focal * symbolWidth) / (pose.span * width);
  const rot = (pose.rotation * Math.PI) / 180;
  const tilt = (pose.tilt * Math.PI) / 180;
  const cx = width / 2 + pose.offset[0] * width;
  const cy = height / 2 + pose.offset[1] * height;
  const corners: Point[] = [
    [-planeWidth / 2, -planeHeight / 2],
    [planeWidth / 2, -planeHeight / 2],
    [planeWidth / 2, planeHeight / 2],
    [-planeWidth / 2, planeHeight / 2],
  ];
  return corners.map(([x, y]) => {
    const rx = x * Math.cos(rot) - y * Math.sin(rot);
    const ry = x * Math.sin(rot) + y * Math.cos(rot);
    const X = rx * Math.cos(tilt);
    const Z = distance + rx * Math.sin(tilt);
    return [cx + (focal * X) / Z, cy + (focal * ry) / Z];
  });
}

// ── Rendering ───────────────────────────────────────────────────────────────────────────────────

interface Degradation {
  /** Gaussian blur σ in pixels (added in quadrature to the lens's own 0.6 px). */
  blur: number;
  /** Multiplies every pixel value: 1 for a lit kiosk, ~0.2 for a dim corner. */
  exposure: number;
  /** Sensor noise σ in 8-bit levels, per channel. */
  noise: number;
}

const LENS_BLUR = 0.6;
const PAPER = 228;
const INK = 28;

interface Symbol2d {
  /** Module grid including quiet zones; true = dark. */
  dark(u: number, v: number): boolean;
  modulesWide: number;
  modulesHigh: number;
}

function qrSymbol(payload: string): Symbol2d {
  const quiet = 4;
  const { data, size } = encode(payload, { ecc: 'M', border: 0 });
  const total = size + 2 * quiet;
  return {
    modulesWide: total,
    modulesHigh: total,
    dark: (u, v) => {
      const col = Math.floor(u) - quiet;
      const row = Math.floor(v) - quiet;
      return row >= 0 && row < size && col >= 0 && col < size && (data[row]?.[col] ?? false);
    },
  };
}

function code128Symbol(payload: string): Symbol2d {
  const quiet = 10;
  const bars = encodeCode128(payload);
  const total = bars.length + 2 * quiet;
  // Bars about a quarter as tall as the symbol is long, like the strip on an ID card.
  const high = Math.max(24, Math.round(total * 0.25));
  return {
    modulesWide: total,
    modulesHigh: high,
    dark: (u, v) => {
      const index = Math.floor(u) - quiet;
      return v >= 2 && v < high - 2 && index >= 0 && index < bars.length && (bars[index] ?? false);
    },
  };
}

function poseFor(format: BarcodeFormat, variant: FrameVariant, random: () => number): Pose {
  const jitter = (amount: number) => (random() * 2 - 1) * amount;
  const base: Pose = {
    span: format === 'qr' ? 0.35 : 0.8,
    rotation: jitter(3),
    tilt: jitter(4),
    offset: [jitter(0.08), jitter(0.08)],
  };
  switch (variant) {
    case 'rotated':
      return { ...base, rotation: (random() < 0.5 ? -1 : 1) * (format === 'qr' ? 20 + random() * 5 : 10 + random() * 5) };
    case 'skewed':
      return { ...base, rotation: 10 + jitter(2), tilt: (random() < 0.5 ? -1 : 1) * 30, span: base.span * 0.9 };
    case 'small':
      return { ...base, span: format === 'qr' ? 0.13 : 0.5, offset: [jitter(0.25), jitter(0.2)] };
    default:
      return base;
  }
}

function degradationFor(variant: FrameVariant): Degradation {
  switch (variant) {
    case 'blur-light':
      return { blur: 1.5, exposure: 1, noise: 2 };
    case 'blur-heavy':
      return { blur: 3, exposure: 1, noise: 2 };
    case 'low-light':
      return { blur: 0.5, exposure: 0.2, noise: 7 };
    default:
      return { blur: 0, exposure: 1, noise: 2 };
  }
}

/** Separable Gaussian blur of a single-channel float image, edges clamped. */
function gaussianBlur(pixels: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] = (kernel[i] as number) / sum;
  const pass = (source: Float32Array, horizontal: boolean) => {
    const target = new Float32Array(source.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let k = -radius; k <= radius; k++) {
          const sx = horizontal ? Math.min(width - 1, Math.max(0, x + k)) : x;
          const sy = horizontal ? y : Math.min(height - 1, Math.max(0, y + k));
          acc += (source[sy * width + sx] as number) * (kernel[k + radius] as number);
        }
        target[y * width + x] = acc;
      }
    }
    return target;
  };
  return pass(pass(pixels, true), false);
}

const SUPERSAMPLE = 3;

/** Renders one frame of the set. Same spec, same bytes. */
export function renderBarcodeFrame(spec: FrameSpec): BarcodeFrame {
  const { width, height, format, variant, payload } = spec;
  const random = seededRandom(spec.seed);
  const gaussian = gaussianSource(random);
  const symbol = format === 'qr' ? qrSymbol(payload) : code128Symbol(payload);
  // The card: the symbol with a margin of white plastic around it.
  const margin = format === 'qr' ? 3 : 6;
  const planeWidth = symbol.modulesWide + 2 * margin;
  const planeHeight = symbol.modulesHigh + 2 * margin;
  const pose = poseFor(format, variant, random);
  const corners = projectCorners(planeWidth, planeHeight, pose, width, height, symbol.modulesWide);
  const toPlane = homography(corners, [
    [0, 0],
    [planeWidth, 0],
    [planeWidth, planeHeight],
    [0, planeHeight],
  ]);

  // Background: a dim desk with a soft gradient and a few out-of-focus shapes.
  const backdrop = 70 + random() * 40;
  const blobs = Array.from({ length: 5 }, () => ({ x: random() * width, y: random() * height, r: 30 + random() * 90, level: (random() - 0.5) * 80 }));
  const light = { x: random() * width, y: random() * height * 0.5 };
  const gray = new Float32Array(width * height);
  const step = 1 / SUPERSAMPLE;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      let onCard = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [u, v] = apply(toPlane, x + (sx + 0.5) * step, y + (sy + 0.5) * step);
          if (u >= 0 && u < planeWidth && v >= 0 && v < planeHeight) {
            onCard += 1;
            acc += symbol.dark(u - margin, v - margin) ? INK : PAPER;
          }
        }
      }
      let background = backdrop;
      for (const blob of blobs) {
        const d2 = ((x - blob.x) ** 2 + (y - blob.y) ** 2) / (blob.r * blob.r);
        background += blob.level * Math.exp(-d2);
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const value = (acc + (samples - onCard) * background) / samples;
      // Uneven light: brightest under the ceiling lamp, falling off by a third across the frame.
      const falloff = 1 - 0.33 * Math.min(1, Math.hypot(x - light.x, y - light.y) / Math.hypot(width, height));
      gray[y * width + x] = value * falloff;
    }
  }

  const { blur, exposure, noise } = degradationFor(variant);
  const sigma = Math.hypot(LENS_BLUR, blur);
  const blurred = gaussianBlur(gray, width, height, sigma);
  const data = new Uint8ClampedArray(width * height * 4);
  // A slightly warm white balance, so decoders have to turn colour into luminance.
  const tint = [1.03, 1, 0.92];
  for (let i = 0; i < blurred.length; i++) {
    const level = (blurred[i] as number) * exposure;
    for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(level * (tint[c] as number) + gaussian() * noise);
    data[i * 4 + 3] = 255;
  }
  return { ...spec, data };
}

/** The specs of the whole set, cheap to list; render them one at a time (each 640×480 is 1.2 MB). */
export function barcodeFrameSpecs(options: FrameSetOptions = {}): FrameSpec[] {
  const {
    payloadsPerFormat = 6,
    formats = ['qr', 'code128'],
    variants = FRAME_VARIANTS,
    width = 640,
    height = 480,
    seed = 20_240_917,
  } = options;
  const specs: FrameSpec[] = [];
  const seeds = seededRandom(seed);
  for (const format of formats) {
    const payloads = siapkerjaPayloads(payloadsPerFormat, seed + (format === 'qr' ? 1 : 2), format);
    for (const variant of variants) {
      payloads.forEach((payload, index) => {
        specs.push({ id: `${format}-${variant}-${index}`, format, variant, payload, seed: Math.floor(seeds() * 2 ** 32), width, height });
      });
    }
  }
  return specs;
}
