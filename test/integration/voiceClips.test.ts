import { request } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { VOICE_CLIP_IDS } from '../../src/domain/announcement.js';
import { registerVoiceRoutes, type VoiceRoutesOptions } from '../../src/lan/voiceClips.js';
import { tempDir } from '../support/tempDir.js';

const ASSETS_DIR = join(import.meta.dirname, '../../assets/voice');

async function startVoiceServer(options: Partial<VoiceRoutesOptions> = {}): Promise<string> {
  const app = Fastify({ logger: false });
  registerVoiceRoutes(app, { assetsDir: ASSETS_DIR, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  onTestFinished(() => app.close());
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** A request whose path is sent exactly as written: fetch would resolve "..", hiding the attempt. */
async function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: Number(port), path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function shipped(clip: string): Buffer {
  return readFileSync(join(ASSETS_DIR, 'id', `${clip}.wav`));
}

describe('voice clips over HTTP', () => {
  it('lists every clip id in /voice/manifest', async () => {
    const url = await startVoiceServer();
    const response = await fetch(`${url}/voice/manifest`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ clips: [...VOICE_CLIP_IDS] });
  });

  it('serves the shipped WAV of every clip, revalidated on each use', async () => {
    const url = await startVoiceServer();
    for (const clip of VOICE_CLIP_IDS) {
      const response = await fetch(`${url}/voice/${clip}`);
      expect(response.status, clip).toBe(200);
      expect(response.headers.get('content-type')).toBe('audio/wav');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(shipped(clip)), clip).toBe(true);
      expect(body.subarray(0, 4).toString('latin1')).toBe('RIFF');
    }
  });

  it("serves a site's own recording instead of the shipped one, in any of the three formats", async () => {
    const overrides = tempDir();
    writeFileSync(join(overrides, 'huruf-a.wav'), 'RIFF-site-recording-a');
    writeFileSync(join(overrides, 'loket.mp3'), 'ID3-site-recording-loket');
    writeFileSync(join(overrides, 'chime.ogg'), 'OggS-site-chime');
    const url = await startVoiceServer({ overrideDir: overrides });

    for (const [clip, type, body] of [
      ['huruf-a', 'audio/wav', 'RIFF-site-recording-a'],
      ['loket', 'audio/mpeg', 'ID3-site-recording-loket'],
      ['chime', 'audio/ogg', 'OggS-site-chime'],
    ] as const) {
      const response = await fetch(`${url}/voice/${clip}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(body);
    }
    // Clips the site did not record still come from the shipped set.
    const other = await fetch(`${url}/voice/huruf-b`);
    expect(Buffer.from(await other.arrayBuffer()).equals(shipped('huruf-b'))).toBe(true);
  });

  it('picks up a recording added or replaced while running, and answers 304 while unchanged', async () => {
    const overrides = tempDir();
    const url = await startVoiceServer({ overrideDir: overrides });

    const before = await fetch(`${url}/voice/tiga`);
    const etag = before.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(Buffer.from(await before.arrayBuffer()).equals(shipped('tiga'))).toBe(true);
    const unchanged = await fetch(`${url}/voice/tiga`, { headers: { 'if-none-match': etag ?? '' } });
    expect(unchanged.status).toBe(304);

    writeFileSync(join(overrides, 'tiga.wav'), 'RIFF-new-tiga');
    const after = await fetch(`${url}/voice/tiga`, { headers: { 'if-none-match': etag ?? '' } });
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('RIFF-new-tiga');
  });

  it('ignores an empty override file and a folder named like a clip', async () => {
    const overrides = tempDir();
    writeFileSync(join(overrides, 'dua.wav'), '');
    mkdirSync(join(overrides, 'empat.wav'));
    const url = await startVoiceServer({ overrideDir: overrides });
    for (const clip of ['dua', 'empat']) {
      const response = await fetch(`${url}/voice/${clip}`);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(shipped(clip))).toBe(true);
    }
  });

  it('answers a clip the kiosk has no recording for with unavailable, not a crash', async () => {
    const url = await startVoiceServer({ assetsDir: tempDir() });
    const response = await fetch(`${url}/voice/nol`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it.each([
    ['an unknown clip', '/voice/huruf-aa'],
    ['a clip with its extension', '/voice/huruf-a.wav'],
    ['an upper-case id', '/voice/HURUF-A'],
    ['an encoded traversal', '/voice/..%2F..%2Fpackage.json'],
    ['an encoded traversal to a shipped name', '/voice/..%2Fid%2Fhuruf-a'],
    ['a double-encoded traversal', '/voice/%252e%252e%252fpackage.json'],
    ['a backslash traversal', '/voice/..%5C..%5Cpackage.json'],
    ['a dot-segment path', '/voice/huruf-a.wav/../x'],
    ['a dot-segment path to a real file', '/voice/../../package.json'],
    ['a deeper path', '/voice/id/huruf-a'],
    ['a NUL byte', '/voice/huruf-a%00.wav'],
    ['an empty id', '/voice/'],
  ])('answers %s with 404 unknown_method', async (_name, path) => {
    const overrides = tempDir();
    writeFileSync(join(overrides, 'x.wav'), 'RIFF-not-a-clip');
    const url = await startVoiceServer({ overrideDir: overrides });
    const { status, body } = await rawGet(url, path);
    expect(status).toBe(404);
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'unknown_method', message: expect.any(String) } });
    expect(body).not.toContain('RIFF');
  });
});
