import type { KioskTransport } from '../../../src/contract/client.js';
import type { KioskBridge } from '../../../src/contract/ipc.js';
import type { ConnectionState, HttpCredentials, HttpTransport } from './httpTransport.js';

/** Calls travel through the preload's bridge to Electron's main process. */
export function createIpcTransport(bridge: KioskBridge): KioskTransport {
  return {
    call: (method, input) => bridge.call(method, input),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

/**
 * A station page in the Electron app (the `screen` setting): the kiosk itself, so no station
 * token, but a staff login's session travels with each call. The IPC channel cannot drop, so the
 * connection is `open` while anyone listens; `reconnect()` (after a login) announces `open` again
 * so pages take a fresh snapshot, as they do after a WebSocket reconnect.
 */
export function createIpcStationTransport(bridge: KioskBridge, credentials: () => HttpCredentials): HttpTransport {
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'idle';
  let subscribers = 0;
  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };
  return {
    call: (method, input) => bridge.call(method, input, credentials().sessionToken),
    subscribe(listener) {
      const stop = bridge.onEvent(listener);
      subscribers += 1;
      if (subscribers === 1) setState('open');
      return () => {
        stop();
        subscribers -= 1;
        if (subscribers === 0) setState('idle');
      };
    },
    get connectionState() {
      return state;
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    reconnect() {
      if (subscribers > 0) setState('open');
    },
  };
}
