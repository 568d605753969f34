import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../main/electron/appOrigin.js';
import { isAllowedNavigation, isAllowedPermissionCheck, isBlockedShortcut, kioskWindowOptions, type KeyInput } from '../../main/electron/windowPolicy.js';

/**
 * The Electron shell's rules, Electron-free (the binary cannot run on our build machines): the
 * window's options, navigation, shortcuts, permission checks, and the fuses packaging flips.
 */

const key = (value: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: value, control: false, meta: false, alt: false, shift: false, ...modifiers });

describe('the kiosk window', () => {
  it('is locked down in a packaged build: kiosk mode, sandbox, isolation, no Node, no DevTools, no webviews', () => {
    const options = kioskWindowOptions({ packaged: true, preloadPath: '/app/preload.cjs' });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    // A developer's unpackaged run keeps a normal window and DevTools, with the same protections.
    const development = kioskWindowOptions({ packaged: false, preloadPath: 'p' });
    expect(development).toMatchObject({ kiosk: false, webPreferences: { devTools: true, sandbox: true, contextIsolation: true } });
  });

  it('navigates, redirects and frames only inside the app', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/`)).toBe(true);
    expect(isAllowedNavigation(`${APP_ORIGIN}/admin`)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://kiosk.evil/', 'app://kiosk', 'javascript:alert(1)', 'http://127.0.0.1:8080/', 'about:blank']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('swallows reload, DevTools, zoom, print, close and history keys in a packaged build only', () => {
    for (const input of [key('F5'), key('r', { control: true }), key('R', { control: true, shift: true }), key('F12'), key('I', { control: true, shift: true }), key('=', { control: true }), key('-', { control: true }), key('0', { control: true }), key('p', { control: true }), key('w', { control: true }), key('q', { meta: true }), key('F4', { alt: true }), key('ArrowLeft', { alt: true }), key('F11')]) {
      expect(isBlockedShortcut(input, true), JSON.stringify(input)).toBe(true);
      expect(isBlockedShortcut(input, false)).toBe(false);
    }
    // Typing stays typing: letters, digits, the wedge scanner's Enter, the panel's F13–F16.
    for (const input of [key('a'), key('A', { shift: true }), key('7'), key('Enter'), key('Backspace'), key('F13'), key('F16'), key('/')]) {
      expect(isBlockedShortcut(input, true), JSON.stringify(input)).toBe(false);
    }
    expect(isBlockedShortcut({ ...key('F5'), type: 'keyUp' }, true)).toBe(false);
  });

  it('answers permission checks for the camera (video) of its own pages only', () => {
    expect(isAllowedPermissionCheck('media', APP_ORIGIN, 'video')).toBe(true);
    expect(isAllowedPermissionCheck('media', APP_ORIGIN, undefined)).toBe(true);
    expect(isAllowedPermissionCheck('media', APP_ORIGIN, 'audio')).toBe(false);
    expect(isAllowedPermissionCheck('media', 'app://kiosk.evil', 'video')).toBe(false);
    expect(isAllowedPermissionCheck('media', 'https://evil.example', 'video')).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'midi', 'hid', 'serial', 'usb', 'openExternal']) {
      expect(isAllowedPermissionCheck(permission, APP_ORIGIN, undefined), permission).toBe(false);
    }
  });
});

describe('packaging (electron-builder.yml)', () => {
  const config = load(readFileSync('electron-builder.yml', 'utf8')) as { asar?: boolean; npmRebuild?: boolean; electronFuses?: Record<string, boolean> };

  it('flips the Electron fuses that turn the kiosk binary into something else', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('never rebuilds native modules (the prebuilt binaries serve Electron as they are)', () => {
    expect(config.npmRebuild).toBe(false);
  });
});

describe('recovery of the kiosk page', () => {
  it('reloads a crashed or killed page, ignores a clean exit, and relaunches the app when crashes pile up', async () => {
    const { RendererRecovery } = await import('../../main/electron/rendererRecovery.js');
    let now = 0;
    const recovery = new RendererRecovery(() => now, { maxReloads: 3, windowMs: 60_000, hangMs: 15_000 });
    expect(recovery.onGone('clean-exit')).toBe('ignore');
    expect(recovery.onGone('crashed')).toBe('reload');
    now += 10_000;
    expect(recovery.onGone('killed')).toBe('reload');
    now += 10_000;
    expect(recovery.onGone('oom')).toBe('reload');
    now += 10_000;
    // A fourth within the minute: reloading is not helping.
    expect(recovery.onGone('crashed')).toBe('relaunch');
    // Once the earlier crashes are out of the window, a reload is tried again.
    now += 60_000;
    expect(recovery.onGone('crashed')).toBe('reload');
    expect(recovery.onGone('integrity-failure')).toBe('relaunch');
    expect(recovery.hangMs).toBe(15_000);
  });
});
