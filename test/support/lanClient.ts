import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { SESSION_HEADER } from '../../src/contract/api.js';

/**
 * Clients of the LAN server for tests on loopback. Linux routes all of 127/8 to `lo`, so a client
 * bound to 127.0.0.2…127.0.0.254 reaches a server on 127.0.0.1 from another source address: a
 * station on the LAN as far as the server can tell. Only 127.0.0.1 is the kiosk's own screen.
 */

export const KIOSK_ADDRESS = '127.0.0.1';
/** The `n`-th stand-in for a LAN station's address (n = 2…254). */
export const lanAddress = (n: number): string => `127.0.0.${n}`;

export interface Credentials {
  /** Source address; 127.0.0.1 (the kiosk screen in headless mode) unless given. */
  from?: string;
  station?: string;
  session?: string;
}

export interface LanAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  json: unknown;
}

/** `POST /api/v1/<method>` from a chosen source address, one connection per call. */
export function lanCall(url: string, method: string, input: unknown, credentials: Credentials = {}, timeoutMs = 15_000): Promise<LanAnswer> {
  const target = new URL(url);
  const body = JSON.stringify(input ?? {});
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: `/api/v1/${method}`,
        method: 'POST',
        localAddress: credentials.from ?? KIOSK_ADDRESS,
        agent: false,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(credentials.station !== undefined ? { authorization: `Bearer ${credentials.station}` } : {}),
          ...(credentials.session !== undefined ? { [SESSION_HEADER]: credentials.session } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, json });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} got no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export interface EventsClient {
  socket: WebSocket;
  /** Text of every message received so far. */
  messages: string[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first message for which `match` holds. */
  next(match: (message: { event: string; payload: unknown }) => boolean, timeoutMs?: number): Promise<{ event: string; payload: unknown }>;
}

/**
 * An events WebSocket from a chosen address. `hello` is sent as soon as the socket opens: an
 * object is sent as JSON, a string as it is, `undefined` sends nothing (a client that never says
 * hello).
 */
export async function openEvents(url: string, options: { from?: string; hello?: unknown; origin?: string } = {}): Promise<EventsClient> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/events`, {
    localAddress: options.from ?? KIOSK_ADDRESS,
    ...(options.origin ? { origin: options.origin } : {}),
  });
  onTestFinished(() => socket.terminate());
  const messages: string[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(String(data));
    for (const waiter of waiters) waiter();
  });
  // Errors surface through `closed` (and the open promise below); keep them from being unhandled.
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)));
    socket.once('close', (code) => reject(new Error(`socket closed (${code}) before it opened`)));
  });
  if (options.hello !== undefined) socket.send(typeof options.hello === 'string' ? options.hello : JSON.stringify(options.hello));
  return {
    socket,
    messages,
    closed,
    next(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const text of messages) {
            const message = JSON.parse(text) as { event: string; payload: unknown };
            if (match(message)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(message);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${messages.length} messages`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Resolves true if the socket is closed by the peer within `ms`, false if it is still open. */
export function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off('close', onClose);
      resolve(false);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('close', onClose);
  });
}

/**
 * A raw TCP connection from `from` that sends `firstBytes` (e.g. half a request head) and then
 * nothing, reading and ignoring whatever comes back. Resolves once connected; destroyed when the
 * test ends. Rejects if the connection cannot be made at all.
 */
export function rawConnection(url: string, from: string, firstBytes = ''): Promise<Socket> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.hostname, port: Number(target.port), localAddress: from });
    onTestFinished(() => {
      socket.destroy();
    });
    socket.on('data', () => undefined);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      // The server may reset it later; that is what the tests look for, not an error.
      socket.on('error', () => undefined);
      if (firstBytes) socket.write(firstBytes);
      resolve(socket);
    });
  });
}

/** The start of a request whose head never ends. */
export function halfRequest(url: string): string {
  return `POST /api/v1/tickets.issue HTTP/1.1\r\nHost: ${new URL(url).host}\r\nContent-Type: application/json\r\n`;
}
