import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EventsHelloSchema, LAN_EVENTS_PATH, WS_CLOSE_TOO_MANY, WS_CLOSE_UNAUTHENTICATED } from '../contract/api.js';
import type { ApiError } from '../contract/errors.js';
import type { CallContext } from '../host/dispatcher.js';
import type { KioskHost } from '../host/kioskHost.js';
import type { Logger } from '../host/logger.js';
import { callContext, credentialsFromHello, isOwnLoopback, normalizeAddress } from './callerCredentials.js';
import type { EventFanOut } from './eventFanOut.js';
import type { LanLimits } from './lanLimits.js';

/** Close code for a known caller whose roles do not include listening (the 403 of the socket). */
export const WS_CLOSE_FORBIDDEN = 4403;
/** ws waits 30 s for a peer to answer a close; a refused or silent peer gets this long. */
const CLOSE_GRACE_MS = 1_000;

export interface EventsEndpointOptions {
  host: Pick<KioskHost, 'authorizeEvents'>;
  fanOut: EventFanOut;
  limits: Pick<LanLimits, 'maxEventSocketsPerAddress' | 'maxEventSocketsPerStation' | 'helloTimeoutMs'>;
  kioskOnLoopback: boolean;
  /** The kiosk machine's own address in headless mode: exempt from the per-address cap. */
  isKioskAddress(address: string): boolean;
  sendError(reply: FastifyReply, error: ApiError): FastifyReply;
  log: Logger;
}

/**
 * `GET /api/v1/events`: a WebSocket that pushes host events. Browsers cannot set headers on a
 * WebSocket, so the credentials come in the first message, `{"hello":{"station"?,"session"?}}`,
 * which must arrive within the hello timeout. Then the host decides whether this caller may
 * listen (the kiosk screen, or a paired station that was not revoked); only then is the socket
 * added to the fan-out. Sockets are capped per address (from the upgrade on) and per station.
 */
export function registerEventsEndpoint(app: FastifyInstance, options: EventsEndpointOptions): EventsEndpoint {
  const { host, fanOut, limits, kioskOnLoopback, isKioskAddress, sendError, log } = options;
  const perAddress = new Counter();
  const perStation = new Counter();
  /** Stations listening now, with the context they were admitted with. */
  const stations = new Map<WebSocket, CallContext>();

  app.route({
    method: 'GET',
    url: LAN_EVENTS_PATH,
    handler: (_request, reply) => sendError(reply, { code: 'invalid_input', message: 'this endpoint speaks WebSocket only' }),
    wsHandler: (socket: WebSocket, request: FastifyRequest) => {
      // Browsers always send Origin on WebSocket upgrades; a foreign one is a cross-site page.
      const origin = request.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, request)) {
        refuse(socket, 1008, 'origin not allowed');
        return;
      }
      const address = normalizeAddress(request.ip);
      if (!isKioskAddress(address)) {
        if (perAddress.count(address) >= limits.maxEventSocketsPerAddress) {
          refuse(socket, WS_CLOSE_TOO_MANY, 'too many event sockets from this address');
          return;
        }
        perAddress.hold(address, socket);
      }

      // Until the hello, the socket gets no events; anything after it is ignored rather than parsed.
      const helloTimer = setTimeout(() => refuse(socket, WS_CLOSE_UNAUTHENTICATED, 'hello expected'), limits.helloTimeoutMs);
      socket.once('close', () => clearTimeout(helloTimer));
      socket.once('message', (data, isBinary) => {
        clearTimeout(helloTimer);
        socket.on('message', () => undefined);
        const hello = isBinary ? undefined : parseHello(String(data));
        const credentials = hello ? credentialsFromHello(hello) : undefined;
        if (!credentials?.ok) {
          refuse(socket, WS_CLOSE_UNAUTHENTICATED, 'hello expected: {"hello":{"station"?,"session"?}}');
          return;
        }
        const context = callContext(address, credentials.credentials, kioskOnLoopback);
        let verdict: ReturnType<KioskHost['authorizeEvents']>;
        try {
          verdict = host.authorizeEvents(context);
        } catch (error) {
          log.error('events authorisation failed', { error: error instanceof Error ? error.message : String(error) });
          refuse(socket, 1011, 'internal error');
          return;
        }
        if (!verdict.ok) {
          refuse(socket, verdict.code === 'forbidden' ? WS_CLOSE_FORBIDDEN : WS_CLOSE_UNAUTHENTICATED, verdict.message.slice(0, 120));
          return;
        }
        const token = context.stationToken;
        if (token !== undefined) {
          if (perStation.count(token) >= limits.maxEventSocketsPerStation) {
            refuse(socket, WS_CLOSE_TOO_MANY, 'too many event sockets for this station');
            return;
          }
          perStation.hold(token, socket);
          stations.set(socket, context);
          socket.once('close', () => stations.delete(socket));
        }
        // Technician detail only for callers on the kiosk machine itself.
        fanOut.add(socket, isOwnLoopback(address) ? 'local' : 'station');
      });
    },
  });

  return {
    reauthorize() {
      for (const [socket, context] of stations) {
        let verdict: ReturnType<KioskHost['authorizeEvents']>;
        try {
          verdict = host.authorizeEvents(context);
        } catch (error) {
          log.error('events authorisation failed', { error: error instanceof Error ? error.message : String(error) });
          continue;
        }
        if (!verdict.ok) {
          stations.delete(socket);
          refuse(socket, verdict.code === 'forbidden' ? WS_CLOSE_FORBIDDEN : WS_CLOSE_UNAUTHENTICATED, verdict.message.slice(0, 120));
        }
      }
    },
  };
}

export interface EventsEndpoint {
  /**
   * Asks the host again about every listening station and closes those it now refuses, so a
   * revoked station stops receiving events without waiting for it to reconnect.
   */
  reauthorize(): void;
}

/** Open sockets per key; a socket is released when it closes. */
class Counter {
  readonly #counts = new Map<string, number>();

  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  hold(key: string, socket: WebSocket): void {
    this.#counts.set(key, this.count(key) + 1);
    socket.once('close', () => {
      const left = this.count(key) - 1;
      if (left <= 0) this.#counts.delete(key);
      else this.#counts.set(key, left);
    });
  }
}

function parseHello(text: string): { station?: string | undefined; session?: string | undefined } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = EventsHelloSchema.safeParse(value);
  return parsed.success ? parsed.data.hello : undefined;
}

/** Close with a code the client can act on, and cut the socket if the peer does not answer. */
function refuse(socket: WebSocket, code: number, reason: string): void {
  if (socket.readyState === socket.CLOSED) return;
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
}

function sameOrigin(origin: string, request: FastifyRequest): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
