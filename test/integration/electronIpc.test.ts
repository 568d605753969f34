import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../main/electron/appOrigin.js';
import { createIpcCallHandler } from '../../main/electron/ipcCallHandler.js';
import { createTestHost } from '../support/testHost.js';
import { tempDir } from '../support/tempDir.js';

/** The Electron shell's rules, exercised under Node against the real host (no Electron binary here). */
describe('IPC call handling', () => {
  it('serves calls from the kiosk window origin', async () => {
    const handle = createIpcCallHandler(createTestHost(tempDir()));
    await expect(handle('app://kiosk/index.html', 'tickets.issue', { deskId: 1 })).resolves.toMatchObject({
      ok: true,
      value: { number: 'A-001' },
    });
  });

  it.each([
    ['a web page', 'https://example.com/'],
    ['a local file', 'file:///etc/passwd'],
    ['another app host', 'app://other/index.html'],
    ['no frame', undefined],
    ['garbage', 'not a url'],
  ])('refuses calls from %s', async (_name, senderUrl) => {
    const handle = createIpcCallHandler(createTestHost(tempDir()));
    await expect(handle(senderUrl, 'tickets.issue', { deskId: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('validates method and input like every transport', async () => {
    const handle = createIpcCallHandler(createTestHost(tempDir()));
    await expect(handle('app://kiosk/', 42, {})).resolves.toMatchObject({ error: { code: 'invalid_input' } });
    await expect(handle('app://kiosk/', 'tickets.issue', { deskId: 'x' })).resolves.toMatchObject({
      error: { code: 'invalid_input' },
    });
  });
});

describe('app:// protocol file mapping', () => {
  const root = '/opt/kiosk/dist/renderer';

  it('maps the app origin to files of the renderer build', () => {
    expect(resolveRendererFile(root, 'app://kiosk/')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://kiosk/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'));
  });

  it('serves every station page as the one index.html, and voice clips from the shipped set only', () => {
    for (const page of ['desk', 'reception', 'display', 'admin']) {
      expect(resolveRendererFile(root, `app://kiosk/${page}`)).toBe(join(root, 'index.html'));
    }
    const voice = '/opt/kiosk/dist/voice';
    expect(resolveRendererFile(root, 'app://kiosk/voice/nomor-antrean', voice)).toBe(join(voice, 'id', 'nomor-antrean.wav'));
    const traversal = resolveRendererFile(root, 'app://kiosk/voice/..%2f..%2fetc%2fpasswd', voice);
    if (traversal !== undefined) expect(traversal.startsWith(`${root}/`)).toBe(true);
  });

  it.each([
    'app://kiosk/../../../etc/passwd',
    'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
    'app://kiosk/assets/..%2f..%2f..%2fetc/passwd',
    'app://kiosk/assets/..%5c..%5c..%5cetc/passwd',
  ])('never maps %s outside the renderer build', (url) => {
    const file = resolveRendererFile(root, url);
    if (file !== undefined) expect(file.startsWith(`${root}/`)).toBe(true);
  });

  it.each([
    'app://kiosk/%00index.html',
    'app://kiosk/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeUndefined();
  });
});
