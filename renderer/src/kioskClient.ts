import { createKioskClient, type KioskClient } from '../../src/contract/client.js';
import { BRIDGE_GLOBAL, type KioskBridge } from '../../src/contract/ipc.js';
import { createHttpTransport } from './transport/httpTransport.js';
import { createIpcTransport } from './transport/ipcTransport.js';

/**
 * The renderer's one way to the host. Inside the Electron kiosk the preload has put a bridge on
 * window; in a browser (stations, headless host) there is none and calls go over HTTP.
 */
export function connectKioskClient(): KioskClient {
  const bridge = kioskBridge();
  return createKioskClient(bridge ? createIpcTransport(bridge) : createHttpTransport(window.location.origin));
}

/** The preload's bridge when this page runs in the Electron kiosk, else undefined. */
export function kioskBridge(): KioskBridge | undefined {
  return (window as unknown as Record<string, KioskBridge | undefined>)[BRIDGE_GLOBAL];
}
