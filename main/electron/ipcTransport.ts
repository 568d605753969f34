import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import type { Envelope } from '../../src/contract/api.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src/contract/ipc.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import { APP_ORIGIN } from './appProtocol.js';

/**
 * The IPC transport of the contract: one invoke channel for calls, one push channel for events.
 * Calls from any frame not served by our own app:// origin are refused before they reach the host.
 */
export function registerIpcTransport(host: KioskHost, window: BrowserWindow): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Envelope> => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'forbidden', message: 'sender not allowed' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'method must be a string' } };
    }
    return host.dispatch(method, input, { channel: 'kiosk' });
  });
  const unsubscribe = host.events.subscribe((message) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}

function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}
