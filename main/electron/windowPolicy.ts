import { APP_ORIGIN } from './appOrigin.js';

/**
 * What the kiosk window may and may not do, as plain data and decisions with no Electron import,
 * so every rule is unit-tested under Node (the Electron binary cannot run on our build machines).
 * `electron-main.ts` only hands these to Electron.
 */

export interface KioskWindowSetup {
  /** A packaged build on a kiosk: full-screen kiosk mode, no DevTools, no reload shortcuts. */
  packaged: boolean;
  preloadPath: string;
}

/** The BrowserWindow options (a subset of Electron's `BrowserWindowConstructorOptions`). */
export function kioskWindowOptions(setup: KioskWindowSetup) {
  return {
    width: 1080,
    height: 1920,
    kiosk: setup.packaged,
    fullscreen: setup.packaged,
    autoHideMenuBar: true,
    backgroundColor: '#0b3c78',
    webPreferences: {
      preload: setup.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // DevTools only where a developer runs the unpackaged app; a kiosk never opens them.
      devTools: !setup.packaged,
    },
  } as const;
}

/** Navigation, redirects and frame navigation stay inside the app's own origin. */
export function isAllowedNavigation(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/** The subset of Electron's `Input` the shortcut rule reads. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Keys that would reload the page, open DevTools, zoom, print, close the window or leave the app.
 * With no application menu most of these are gone already; this also covers what Chromium handles
 * itself. A packaged kiosk swallows them; a developer's unpackaged run keeps them.
 */
export function isBlockedShortcut(input: KeyInput, packaged: boolean): boolean {
  if (!packaged || input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh', 'browserhome'].includes(key)) return true;
  if (input.alt && ['f4', 'arrowleft', 'arrowright', 'home'].includes(key)) return true;
  if (command && ['r', 'w', 'q', 'p', 's', 'o', 'n', 't', 'u', 'f', 'g', 'h', 'j', '+', '=', '-', '_', '0'].includes(key)) return true;
  if (command && input.shift && ['i', 'j', 'c', 'delete', 'r'].includes(key)) return true;
  return false;
}

/**
 * Permission *checks* (Electron asks before some features even try): the camera, video only, for
 * the app's own pages; nothing else.
 */
export function isAllowedPermissionCheck(permission: string, requestingOrigin: string, mediaType: string | undefined): boolean {
  if (permission !== 'media') return false;
  if (mediaType !== undefined && mediaType !== 'video') return false;
  return `${requestingOrigin}/`.startsWith(`${APP_ORIGIN}/`);
}
