import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { RENDERER_CSP } from '../../src/lan/lanServer.js';
import { barcodeFrameSpecs, renderBarcodeFrame, type RgbaFrame } from '../support/barcodeFrames.js';
import { CHROMIUM_PATH } from '../support/chromium.js';

/**
 * The camera fallback in a real Chromium: the shipped CameraScanner and decodeFrame, mounted alone
 * by a dev-only page (test/e2e/fixtures/camera) built with Vite as the app is, served from
 * loopback under the app's CSP, with Chromium's fake camera playing a generated frame.
 */
const FIXTURE = 'test/e2e/fixtures/camera';
const STRICT_CSP = RENDERER_CSP.replace(" 'wasm-unsafe-eval'", '');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

const work = mkdtempSync(join(tmpdir(), 'kiosk-camera-e2e-'));
const site = join(work, 'site');
let server: Server;
let origin: string;
const browsers: Browser[] = [];

/** Serves the built fixture; `?csp=strict` on the page drops 'wasm-unsafe-eval' from its policy. */
function serve(root: string): Promise<Server> {
  const http = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // Chromium asks for one on its own; an empty answer keeps 404s out of the console checks.
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = normalize(join(root, url.pathname === '/' ? 'index.html' : url.pathname));
    const inside = relative(root, file);
    let body: Buffer;
    try {
      if (inside.startsWith('..')) throw new Error('outside');
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': url.searchParams.get('csp') === 'strict' ? STRICT_CSP : RENDERER_CSP,
      'x-content-type-options': 'nosniff',
    });
    response.end(body);
  });
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(http)));
}

/** RGBA → one I420 (BT.601, full range) frame of a YUV4MPEG2 file, as Chromium's fake camera reads. */
function y4m(frame: RgbaFrame, frames = 1): Buffer {
  const { width, height, data } = frame;
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 4;
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
      y[row * width + col] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      if (row % 2 === 0 && col % 2 === 0) {
        const c = (row / 2) * (width / 2) + col / 2;
        u[c] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
        v[c] = Math.max(0, Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)));
      }
    }
  }
  const picture = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => picture)]);
}

/** Chromium with a fake camera (and auto-accepted permission prompts), off the network. */
async function launchWithCamera(videoFile?: string): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...(videoFile ? [`--use-file-for-fake-video-capture=${videoFile}`] : []),
    ],
  });
  browsers.push(browser);
  return browser;
}

interface OpenPage {
  page: Page;
  /** Every URL the page asked for: all must be the fixture's own origin. */
  requests: string[];
  problems: string[];
}

async function open(browser: Browser, query = ''): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${origin}/${query}`);
  return { page, requests, problems };
}

/** What the fixture page puts on its window (the Node-side typecheck has no DOM types). */
interface FixtureWindow {
  cameraStreams: Array<{ getTracks(): Array<{ readyState: string }> }>;
  decodeFrame(width: number, height: number, rgbaBase64: string): Promise<string | null>;
}

const scannerState = (page: Page) => page.getByTestId('camera-scanner').getAttribute('data-state');
const liveTracks = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as FixtureWindow).cameraStreams.flatMap((stream) => stream.getTracks()).filter((track) => track.readyState === 'live').length);
const openedStreams = (page: Page) => page.evaluate(() => (globalThis as unknown as FixtureWindow).cameraStreams.length);

const [qrSpec, code128Spec] = [barcodeFrameSpecs({ formats: ['qr'], variants: ['clean'], payloadsPerFormat: 2 })[1], barcodeFrameSpecs({ formats: ['code128'], variants: ['clean'], payloadsPerFormat: 1 })[0]];
if (!qrSpec || !code128Spec) throw new Error('frame set is empty');

beforeAll(async () => {
  // The app's own Vite config (plugins, asset handling), pointed at the fixture page.
  await build({ configFile: 'vite.config.ts', root: FIXTURE, mode: 'production', logLevel: 'error', build: { outDir: site, emptyOutDir: true } });
  server = await serve(site);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

describe('camera fallback for the SIAPkerja-ID scanner', () => {
  it('the fixture page runs under the same CSP as the app', () => {
    const policy = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const app = policy(readFileSync('renderer/index.html', 'utf8'));
    expect(app).toContain("'wasm-unsafe-eval'");
    expect(policy(readFileSync(join(FIXTURE, 'index.html'), 'utf8'))).toBe(app);
    // The LAN server's header says the same, plus what only a header can say.
    expect(RENDERER_CSP).toBe(`${app}; frame-ancestors 'none'`);
  });

  it('reads a SIAPkerja QR held up to the camera, then turns the camera off', async () => {
    const videoFile = join(work, 'qr.y4m');
    writeFileSync(videoFile, y4m(renderBarcodeFrame(qrSpec), 2));
    const browser = await launchWithCamera(videoFile);
    const { page, requests, problems } = await open(browser);

    await expect.poll(() => page.getByTestId('scan-result').textContent().catch(() => null), { timeout: 20_000 }).toBe(qrSpec.payload);
    expect(await openedStreams(page)).toBeGreaterThan(0);
    expect(await liveTracks(page)).toBe(0);
    // The wasm came from the page's own origin; nothing else was asked of anyone.
    expect(requests.some((url) => url.endsWith('.wasm'))).toBe(true);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('Batal / Cancel turns the camera off and hands control back', async () => {
    // Chromium's own fake picture: a moving test pattern with no code in it.
    const browser = await launchWithCamera();
    const { page, problems } = await open(browser);
    await expect.poll(() => scannerState(page), { timeout: 20_000 }).toBe('scanning');
    expect(await liveTracks(page)).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('camera-scanner-message').textContent()).toContain('Mencari kode');

    const cancel = page.getByTestId('camera-scanner-cancel');
    expect(await cancel.textContent()).toMatch(/^Batal\s*Cancel$/);
    expect((await cancel.boundingBox())?.height).toBeGreaterThanOrEqual(64);
    await cancel.click();
    await page.getByTestId('cancelled').waitFor();
    expect(await liveTracks(page)).toBe(0);
    expect(problems).toEqual([]);
  });

  it('says so when camera permission is refused, or there is no camera', async () => {
    const browser = await launchWithCamera();
    for (const [camera, state, text] of [
      ['denied', 'denied', 'Akses kamera ditolak'],
      ['none', 'no-camera', 'Kamera tidak ditemukan'],
    ] as const) {
      const { page } = await open(browser, `?camera=${camera}`);
      await expect.poll(() => scannerState(page)).toBe(state);
      const message = page.getByTestId('camera-scanner-message');
      expect(await message.getAttribute('role')).toBe('alert');
      expect(await message.textContent()).toContain(text);
      await page.getByTestId('camera-scanner-cancel').click();
      await page.getByTestId('cancelled').waitFor();
    }
  });

  it('without wasm-unsafe-eval in the CSP the reader cannot load, and the visitor is told', async () => {
    const browser = await launchWithCamera();
    const { page } = await open(browser, '?csp=strict');
    await expect.poll(() => scannerState(page), { timeout: 20_000 }).toBe('decoder-failed');
    expect(await liveTracks(page)).toBe(0);
  });

  it('the shipped decoder reads QR and Code 128 frames in the page', async () => {
    const browser = await launchWithCamera();
    const { page, problems } = await open(browser);
    for (const spec of [qrSpec, code128Spec, ...barcodeFrameSpecs({ formats: ['qr'], variants: ['blur-heavy', 'low-light', 'skewed'], payloadsPerFormat: 1 })]) {
      const frame = renderBarcodeFrame(spec);
      const text = await page.evaluate(
        ([width, height, rgba]) => (globalThis as unknown as FixtureWindow).decodeFrame(width, height, rgba),
        [frame.width, frame.height, Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength).toString('base64')] as const,
      );
      expect(text, spec.id).toBe(spec.payload);
    }
    expect(problems).toEqual([]);
  });
});
