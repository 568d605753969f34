import { LAN_EVENTS_PATH, lanMethodPath } from '../../../src/contract/api.js';
import type { KioskTransport } from '../../../src/contract/client.js';

const MAX_RECONNECT_DELAY_MS = 10_000;

/**
 * Calls as `POST /api/v1/<method>`, events over one shared WebSocket that reconnects with
 * backoff, so a station survives the kiosk restarting.
 */
export function createHttpTransport(origin: string): KioskTransport {
  const listeners = new Set<(message: unknown) => void>();
  let socket: WebSocket | undefined;
  let reconnectDelay = 500;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    reconnectTimer = undefined;
    const url = new URL(LAN_EVENTS_PATH, origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onopen = () => {
      reconnectDelay = 500;
    };
    socket.onmessage = (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      for (const listener of listeners) listener(message);
    };
    socket.onclose = () => {
      socket = undefined;
      if (listeners.size === 0) return;
      reconnectTimer = setTimeout(connect, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
    };
  };

  return {
    async call(method, input) {
      const response = await fetch(new URL(lanMethodPath(method), origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      // Error envelopes come with 4xx/5xx statuses; the body is the answer either way.
      return response.json() as Promise<unknown>;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket && !reconnectTimer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearTimeout(reconnectTimer);
          reconnectTimer = undefined;
          socket?.close();
        }
      };
    },
  };
}
