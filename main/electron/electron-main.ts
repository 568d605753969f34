import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, powerSaveBlocker, session } from 'electron';
import { createKioskHost, type KioskHost } from '../../src/host/kioskHost.js';
import { loadKioskConfig } from '../../src/host/loadKioskConfig.js';
import { createKioskLogger } from '../../src/host/logger.js';
import { startLanServer, type LanServer } from '../../src/lan/lanServer.js';
import { createKioskDevices } from '../node/createDevices.js';
import { attachKeyboardDevices } from './keyboardDevices.js';
import { APP_ORIGIN, isAllowedPermission } from './appOrigin.js';
import { registerAppScheme, serveRenderer } from './appProtocol.js';
import { registerIpcTransport } from './ipcTransport.js';
import { RendererRecovery } from './rendererRecovery.js';
import { isAllowedNavigation, isAllowedPermissionCheck, isBlockedShortcut, kioskWindowOptions } from './windowPolicy.js';
import { safeStorageCredentialStore } from './safeStorageCredentials.js';

/**
 * Composition root of the Electron kiosk. It only wires: the host (all behaviour), the IPC
 * transport for the kiosk window, and the LAN server when stations are enabled.
 */
const here = dirname(fileURLToPath(import.meta.url));
/** Longest a quit waits for tickets in flight before it goes anyway. */
const DRAIN_TIMEOUT_MS = 10_000;
const log = createKioskLogger(join(app.getPath('userData'), 'logs'));
let host: KioskHost | undefined;
let lan: LanServer | undefined;
let kioskWindow: BrowserWindow | undefined;
let drained = false;

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl, 'mediaTypes' in details ? details.mediaTypes : [])),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isAllowedPermissionCheck(permission, requestingOrigin, details.mediaType),
  );
  // No menu: its accelerators (reload, DevTools, zoom, quit) would be a visitor's way out.
  Menu.setApplicationMenu(null);
  // A kiosk's screen must not blank or sleep while it waits for the next visitor.
  powerSaveBlocker.start('prevent-display-sleep');

  const dataDir = app.getPath('userData');
  const config = loadKioskConfig(dataDir);
  const kioskDevices = createKioskDevices(config, dataDir, { logoFile: join(here, '..', 'printer-logo.pbm'), log });
  host = createKioskHost({ dataDir, config, ...kioskDevices.devices, deviceFactory: kioskDevices.factory, log, credentials: safeStorageCredentialStore(dataDir) });
  serveRenderer(join(here, '..', 'renderer'), join(here, '..', 'voice'));

  const window = (kioskWindow = new BrowserWindow(kioskWindowOptions({ packaged: app.isPackaged, preloadPath: join(here, 'preload.cjs') })));
  const packaged = app.isPackaged;
  window.webContents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, packaged)) event.preventDefault();
  });
  if (config.screen === 'kiosk') {
    // A visitor's screen: no pinch-zoom and no context menu.
    void window.webContents.setVisualZoomLevelLimits(1, 1);
    window.webContents.on('context-menu', (event) => event.preventDefault());
  }
  registerIpcTransport(host, window);
  watchRenderer(window, `${APP_ORIGIN}${config.screen === 'kiosk' ? '/' : `/${config.screen}`}`);
  // A keyboard-wedge scanner and a keyboard button panel type into this window: their keys go to
  // the device drivers first, whatever has focus.
  attachKeyboardDevices(window.webContents, kioskDevices.keyboard);
  // The kiosk's own screen is the visitor page unless the site runs this PC as a station.
  await window.loadURL(`${APP_ORIGIN}${config.screen === 'kiosk' ? '/' : `/${config.screen}`}`);

  if (config.lan.enabled) {
    // Stations are secondary: if their server cannot start (port taken), the visitor-facing
    // kiosk keeps running and the log says why.
    try {
      lan = await startLanServer({
        host,
        bindAddress: '0.0.0.0',
        port: config.lan.port,
        staticDir: join(here, '..', 'renderer'),
        voice: { assetsDir: join(here, '..', 'voice'), overrideDir: join(dataDir, 'voice') },
        allowedHostnames: config.lan.hostnames,
        log,
      });
      log.info('LAN stations enabled', { url: lan.url });
    } catch (error) {
      log.error('LAN stations unavailable', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/**
 * A crashed or hung page comes back on its welcome screen (the visitor's half-made choices with it
 * are gone, as after the idle wipe); a page that keeps crashing relaunches the app instead.
 */
function watchRenderer(window: BrowserWindow, homeUrl: string): void {
  const recovery = new RendererRecovery(() => Date.now());
  let hang: NodeJS.Timeout | undefined;
  const act = (action: ReturnType<RendererRecovery['onGone']>, why: string) => {
    if (action === 'ignore' || window.isDestroyed()) return;
    log.error('kiosk page recovered', { reason: why, state: action });
    if (action === 'relaunch') {
      app.relaunch();
      app.exit(1);
      return;
    }
    void window.loadURL(homeUrl);
  };
  window.webContents.on('render-process-gone', (_event, details) => act(recovery.onGone(details.reason), details.reason));
  window.on('unresponsive', () => {
    clearTimeout(hang);
    hang = setTimeout(() => {
      if (window.isDestroyed()) return;
      log.error('kiosk page hung; restarting it', { ms: recovery.hangMs });
      // Its 'render-process-gone' (killed) then brings the welcome screen back, counted like a crash.
      window.webContents.forcefullyCrashRenderer();
    }, recovery.hangMs);
  });
  window.on('responsive', () => clearTimeout(hang));
}

/** Everything a running kiosk registers; only the first instance on a machine gets this far. */
function runKiosk(): void {
  registerAppScheme();
  // Windows: start with the user's session (Linux uses the systemd user unit in packaging/linux).
  if (app.isPackaged && process.platform === 'win32') app.setLoginItemSettings({ openAtLogin: true });
  app.enableSandbox();
  // A second launch (a double-click on the icon) brings this kiosk forward instead.
  app.on('second-instance', () => {
    if (kioskWindow && !kioskWindow.isDestroyed()) {
      if (kioskWindow.isMinimized()) kioskWindow.restore();
      kioskWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    // The kiosk window never leaves its own origin and never opens another window.
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAllowedNavigation(event.url)) event.preventDefault();
    });
    // No window, not even the system browser: either would take a visitor out of the kiosk.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const started = start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error('cannot start', { error: message });
    // On a kiosk nobody reads stderr: show the technician why (damaged database, bad configuration).
    dialog.showErrorBox('Kios SIAPkerja tidak dapat dimulai / cannot start', message);
    app.exit(1);
  });

  // Finish tickets being issued before the process goes: nothing half-written on quit. A drain
  // that hangs (a stuck printer) must not make the kiosk impossible to quit, hence the time limit.
  app.on('before-quit', (event) => {
    if (drained) return;
    event.preventDefault();
    void (async () => {
      try {
        const outcome = await Promise.race([
          (async () => {
            await started;
            // Side by side: stations being dropped must not hold up finishing the tickets in flight.
            const results = await Promise.allSettled([lan?.close(), host?.close()]);
            for (const result of results) {
              if (result.status === 'rejected') log.error('shutdown incomplete', { error: String(result.reason) });
            }
            return 'drained' as const;
          })(),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), DRAIN_TIMEOUT_MS)),
        ]);
        if (outcome === 'timeout') log.error('shutdown incomplete', { error: `drain took over ${DRAIN_TIMEOUT_MS} ms` });
      } finally {
        drained = true;
        app.quit();
      }
    })();
  });

  app.on('window-all-closed', () => app.quit());
}

// One kiosk per machine: a second instance would open the same database and printer twice.
if (app.requestSingleInstanceLock()) {
  runKiosk();
} else {
  app.exit(0);
}
