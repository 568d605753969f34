// Makes the black-and-white logo printed at the head of each ticket, assets/printer-logo.pbm, from
// the app icon assets/icon.png. Run after changing the icon:
//   scripts/node22 node scripts/make-printer-logo.mjs [--width 200] [--in assets/icon.png] [--out assets/printer-logo.pbm]
// Thermal heads print dots, not greys: the icon is scaled down by averaging, laid on white paper,
// and its tones become ordered-dither patterns, so the dark tile prints as a dense screen (less
// heat and a faster print than solid black) and the white letters stay crisp.
import { readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const input = option('in', 'assets/icon.png');
const output = option('out', 'assets/printer-logo.pbm');
const width = Number(option('width', '200'));
if (!Number.isInteger(width) || width < 8 || width > 576) throw new Error('--width must be a whole number of dots from 8 to 576');

/** Decodes an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA) to RGBA. */
function decodePng(file) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, index) => file[index] === byte)) throw new Error(`${input} is not a PNG file`);
  let header;
  const idat = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const data = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], colour: data[9], interlace: data[12] };
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header) throw new Error(`${input}: no IHDR chunk`);
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[header.colour];
  if (header.depth !== 8 || !channels || header.interlace !== 0) {
    throw new Error(`${input}: only 8-bit non-interlaced grey/RGB(A) PNGs are supported (depth ${header.depth}, colour type ${header.colour}, interlace ${header.interlace})`);
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = header.width * channels;
  const pixels = Buffer.alloc(header.height * stride);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[row + x - channels] : 0;
      const up = y > 0 ? pixels[row - stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[row - stride + x - channels] : 0;
      let predicted;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else throw new Error(`${input}: unknown PNG filter ${filter} on row ${y}`);
      pixels[row + x] = (line[x] + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(header.width * header.height * 4);
  for (let i = 0; i < header.width * header.height; i++) {
    const source = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b] = channels >= 3 ? source : [source[0], source[0], source[0]];
    const a = channels === 4 ? source[3] : channels === 2 ? source[1] : 255;
    rgba.set([r, g, b, a], i * 4);
  }
  return { width: header.width, height: header.height, rgba };
}

/** Lightness 0–1 per pixel of the image scaled to `target` dots wide, laid over white paper. */
function scaledLightness(image, target) {
  const height = Math.max(1, Math.round((image.height * target) / image.width));
  const light = new Float64Array(target * height);
  const sx = image.width / target;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < target; x++) {
      // Average every source pixel under this dot (box filter): no aliasing on a 512 → 200 shrink.
      let sum = 0;
      let count = 0;
      for (let v = Math.floor(y * sy); v < Math.ceil((y + 1) * sy); v++) {
        for (let u = Math.floor(x * sx); u < Math.ceil((x + 1) * sx); u++) {
          const i = (v * image.width + u) * 4;
          const alpha = image.rgba[i + 3] / 255;
          const [r, g, b] = [0, 1, 2].map((c) => (image.rgba[i + c] / 255) * alpha + (1 - alpha));
          sum += 0.2126 * r + 0.7152 * g + 0.0722 * b;
          count += 1;
        }
      }
      light[y * target + x] = sum / count;
    }
  }
  return { width: target, height, light };
}

// 4×4 Bayer matrix: thresholds spread evenly, so each tone becomes a fixed regular screen.
const BAYER = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];

function toPbm({ width: w, height: h, light }) {
  const rowBytes = Math.ceil(w / 8);
  const header = Buffer.from(`P4\n# Kios SIAPkerja ticket logo, made by scripts/make-printer-logo.mjs from ${input}\n${w} ${h}\n`, 'latin1');
  const raster = Buffer.alloc(rowBytes * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const threshold = (BAYER[(y % 4) * 4 + (x % 4)] + 0.5) / 16;
      if (light[y * w + x] < threshold) raster[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, raster]);
}

const logo = scaledLightness(decodePng(readFileSync(input)), width);
writeFileSync(output, toPbm(logo));
console.log(`${output}: ${logo.width}×${logo.height} dots`);
