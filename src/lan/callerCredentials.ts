import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_HEADER } from '../contract/api.js';
import type { CallContext } from '../host/dispatcher.js';

/**
 * Tokens are base64url/hex strings made by the host; anything longer or outside printable ASCII
 * cannot be one, and is refused before it reaches a hash function, a log line or a rate-limit key.
 * The length matches the events hello's schema.
 */
const CREDENTIAL = /^[\x21-\x7e]{1,100}$/;
const BEARER = /^Bearer ([\x21-\x7e]{1,100})$/;

export interface Credentials {
  stationToken?: string;
  sessionToken?: string;
}

export type CredentialsResult = { ok: true; credentials: Credentials } | { ok: false; message: string };

/**
 * `Authorization: Bearer <token>` and the session header of a call. A malformed credential is an
 * error rather than "no credential": otherwise a loopback caller with a garbled token would be
 * taken for the kiosk's own screen.
 */
export function credentialsFromHeaders(headers: IncomingHttpHeaders): CredentialsResult {
  const credentials: Credentials = {};
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) return { ok: false, message: 'Authorization must be "Bearer <station token>"' };
    credentials.stationToken = match[1];
  }
  const session = headers[SESSION_HEADER];
  if (session !== undefined) {
    // Node joins repeated custom headers with ", ", which the pattern refuses too.
    if (typeof session !== 'string' || !CREDENTIAL.test(session)) return { ok: false, message: `malformed ${SESSION_HEADER} header` };
    credentials.sessionToken = session;
  }
  return { ok: true, credentials };
}

/** The events socket's hello carries the same two credentials, checked the same way. */
export function credentialsFromHello(hello: { station?: string | undefined; session?: string | undefined }): CredentialsResult {
  const credentials: Credentials = {};
  if (hello.station !== undefined) {
    if (!CREDENTIAL.test(hello.station)) return { ok: false, message: 'malformed station token' };
    credentials.stationToken = hello.station;
  }
  if (hello.session !== undefined) {
    if (!CREDENTIAL.test(hello.session)) return { ok: false, message: 'malformed session token' };
    credentials.sessionToken = hello.session;
  }
  return { ok: true, credentials };
}

/** The kiosk machine's own address: callers from here see technician detail. */
export function isOwnLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * Who the transport says is calling. In headless mode the kiosk screen is a browser on this
 * machine, so an own-loopback caller without a station token is the kiosk (channel `kiosk`); with a
 * token it is that station and the host decides by the token. Other 127.x.y.z addresses are not
 * the kiosk: only 127.0.0.1 (and ::1) is.
 */
export function callContext(address: string, credentials: Credentials, kioskOnLoopback: boolean): CallContext {
  const kioskScreen = kioskOnLoopback && isOwnLoopback(address) && credentials.stationToken === undefined;
  const context: CallContext = { channel: kioskScreen ? 'kiosk' : 'lan', address };
  if (credentials.stationToken !== undefined) context.stationToken = credentials.stationToken;
  if (credentials.sessionToken !== undefined) context.sessionToken = credentials.sessionToken;
  return context;
}

/** IPv4 callers of a dual-stack socket appear as `::ffff:a.b.c.d`; count them as `a.b.c.d`. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
