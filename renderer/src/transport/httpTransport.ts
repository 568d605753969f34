import { LAN_EVENTS_PATH, SESSION_HEADER, lanMethodPath, type EventsHello } from '../../../src/contract/api.js';
import type { KioskTransport } from '../../../src/contract/client.js';

const MAX_RECONNECT_DELAY_MS = 10_000;
const FIRST_RECONNECT_DELAY_MS = 500;

/** What a station presents: its pairing token and, when someone is logged in, the session token. */
export interface HttpCredentials {
  stationToken?: string | undefined;
  sessionToken?: string | undefined;
}

export interface HttpTransportOptions {
  /** Read on every call and on every (re)connect of the events socket, so changes apply at once. */
  credentials?: () => HttpCredentials;
}

/**
 * The events socket's state as pages need it: `open` fires on every (re)connect after the hello
 * was sent — the page must then take a fresh snapshot, because events sent while it was away are
 * not replayed. `rejected` means the host closed the socket as unauthenticated; `idle` that nothing
 * listens to events, so no socket is open.
 */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed' | 'rejected';

export interface HttpTransport extends KioskTransport {
  /** Current state, and a listener for every change; returns a function that stops listening. */
  readonly connectionState: ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Drops and reopens the events socket, e.g. after a login changed the credentials. */
  reconnect(): void;
}

/** Close code the events endpoint uses for a caller it does not know (see WS_CLOSE_UNAUTHENTICATED). */
const CLOSE_UNAUTHENTICATED = 4401;

/**
 * Calls as `POST /api/v1/<method>`, events over one shared WebSocket that reconnects with
 * backoff, so a station survives the kiosk restarting. Credentials go as `Authorization: Bearer`
 * and the session header on calls, and as the first message (`{"hello":{…}}`) on the socket,
 * because browsers cannot set headers on a WebSocket.
 */
export function createHttpTransport(origin: string, options: HttpTransportOptions = {}): HttpTransport {
  const credentials = options.credentials ?? ((): HttpCredentials => ({}));
  const listeners = new Set<(message: unknown) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'idle';
  let socket: WebSocket | undefined;
  let reconnectDelay = FIRST_RECONNECT_DELAY_MS;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const scheduleReconnect = () => {
    if (listeners.size === 0 || reconnectTimer !== undefined) return;
    reconnectTimer = setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
  };

  const connect = () => {
    reconnectTimer = undefined;
    const url = new URL(LAN_EVENTS_PATH, origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    setState('connecting');
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      const { stationToken, sessionToken } = credentials();
      const hello: EventsHello = {
        hello: { ...(stationToken ? { station: stationToken } : {}), ...(sessionToken ? { session: sessionToken } : {}) },
      };
      current.send(JSON.stringify(hello));
      reconnectDelay = FIRST_RECONNECT_DELAY_MS;
      setState('open');
    };
    current.onmessage = (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      for (const listener of listeners) listener(message);
    };
    current.onclose = (event) => {
      if (socket !== current) return; // replaced by reconnect()
      socket = undefined;
      if (event.code === CLOSE_UNAUTHENTICATED) {
        setState('rejected');
        // A revoked station learns it from its next call; keep trying slowly in case it was a race.
        reconnectDelay = MAX_RECONNECT_DELAY_MS;
      } else {
        setState('closed');
      }
      scheduleReconnect();
    };
  };

  const headers = (): Record<string, string> => {
    const { stationToken, sessionToken } = credentials();
    return {
      'content-type': 'application/json',
      ...(stationToken ? { authorization: `Bearer ${stationToken}` } : {}),
      ...(sessionToken ? { [SESSION_HEADER]: sessionToken } : {}),
    };
  };

  return {
    async call(method, input) {
      const response = await fetch(new URL(lanMethodPath(method), origin), {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify(input ?? {}),
      });
      // Error envelopes come with 4xx/5xx statuses; the body is the answer either way.
      return response.json() as Promise<unknown>;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket && reconnectTimer === undefined) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearTimeout(reconnectTimer);
          reconnectTimer = undefined;
          const closing = socket;
          socket = undefined;
          closing?.close();
          setState('idle');
        }
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
      if (listeners.size === 0) return;
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const closing = socket;
      socket = undefined;
      closing?.close();
      reconnectDelay = FIRST_RECONNECT_DELAY_MS;
      connect();
    },
  };
}
