import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedPermission, resolveRendererFile } from '../../main/electron/appOrigin.js';
import { createIpcCallHandler } from '../../main/electron/ipcCallHandler.js';
import { createIpcStationTransport } from '../../renderer/src/transport/ipcTransport.js';
import { createKioskClient } from '../../src/contract/client.js';
import type { KioskBridge } from '../../src/contract/ipc.js';
import { loginAs } from '../support/queueDriver.js';
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

describe('a station page in the Electron app (screen: desk)', () => {
  it('logs in and works over IPC with the session token, and refuses a forged one', async () => {
    const host = createTestHost(tempDir());
    await loginAs(host, 'officer', 'siti');
    const handle = createIpcCallHandler(host);
    // The preload's bridge, minus Electron: the same handler main registers, the host's events.
    const bridge: KioskBridge = {
      call: (method, input, sessionToken) => handle('app://kiosk/desk', method, input, sessionToken),
      onEvent: (listener) => host.events.subscribe(listener),
    };
    let session: string | undefined;
    const transport = createIpcStationTransport(bridge, () => ({ sessionToken: session }));
    const client = createKioskClient(transport);
    const states: string[] = [];
    transport.onConnection((state) => states.push(state));
    const stop = transport.subscribe(() => undefined);

    await expect(client.call('counters.open', { deskId: 1, counterNumber: 1 })).rejects.toMatchObject({ code: 'unauthenticated' });
    session = (await client.call('auth.login', { username: 'siti', pin: '246810' })).sessionToken;
    transport.reconnect();
    await expect(client.call('counters.open', { deskId: 1, counterNumber: 1 })).resolves.toMatchObject({ state: 'open' });
    expect(states).toEqual(['open', 'open']);

    session = 'forged-session-token';
    await expect(client.call('queue.callNext', {})).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(handle('app://kiosk/desk', 'auth.whoami', {}, { not: 'a string' })).resolves.toMatchObject({ error: { code: 'invalid_input' } });
    stop();
    expect(states.at(-1)).toBe('idle');
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

describe('Electron permissions', () => {
  it('grant the camera alone, and only to the app\'s own pages (the scanner\'s camera fallback)', () => {
    expect(isAllowedPermission('media', 'app://kiosk/', ['video'])).toBe(true);
    expect(isAllowedPermission('media', 'app://kiosk/admin', undefined)).toBe(true);
    // The microphone, with or without the camera, is never granted.
    expect(isAllowedPermission('media', 'app://kiosk/', ['audio'])).toBe(false);
    expect(isAllowedPermission('media', 'app://kiosk/', ['video', 'audio'])).toBe(false);
    expect(isAllowedPermission('media', 'app://kiosk/', [])).toBe(false);
    // Another origin, including one that merely starts with the same letters.
    expect(isAllowedPermission('media', 'https://kemnaker.go.id/', ['video'])).toBe(false);
    expect(isAllowedPermission('media', 'app://kiosk.evil/', ['video'])).toBe(false);
    expect(isAllowedPermission('media', 'file:///etc/passwd', ['video'])).toBe(false);
    // Every other permission.
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal']) {
      expect(isAllowedPermission(permission, 'app://kiosk/', ['video'])).toBe(false);
    }
  });
});
