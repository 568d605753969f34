import type { KioskTransport } from '../../../src/contract/client.js';
import type { KioskBridge } from '../../../src/contract/ipc.js';

/** Calls travel through the preload's bridge to Electron's main process. */
export function createIpcTransport(bridge: KioskBridge): KioskTransport {
  return {
    call: (method, input) => bridge.call(method, input),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
