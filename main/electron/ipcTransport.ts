import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src/contract/ipc.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import { createIpcCallHandler } from './ipcCallHandler.js';

/** The IPC transport of the contract: one invoke channel for calls, one push channel for events. */
export function registerIpcTransport(host: KioskHost, window: BrowserWindow): () => void {
  const handleCall = createIpcCallHandler(host);
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, input: unknown, sessionToken: unknown) =>
    handleCall(event.senderFrame?.url, method, input, sessionToken),
  );
  const unsubscribe = host.events.subscribe((message) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
