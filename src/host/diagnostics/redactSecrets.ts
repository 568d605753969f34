import { scrubNumber, scrubPersonalData } from '../logger.js';

/**
 * What leaves the kiosk in a diagnostics bundle goes to people outside the site (a vendor's
 * technician, the ministry's helpdesk): no credential, and nothing personal.
 */

export const REDACTED = '[redacted]';

/** Words that make a setting a credential wherever they appear in its name (`apiToken`, `client_secret`). */
const SECRET_WORDS = new Set([
  // Not `keys`: the keyboard button panel's `keys` are the names of the keys it sends (F13–F16).
  'key',
  'apikey',
  'privatekey',
  'token',
  'tokens',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'pass',
  'passphrase',
  'pwd',
  'pin',
  'pins',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'bearer',
  'cookie',
  'cookies',
  'hmac',
  'salt',
  'signature',
  'otp',
]);
/** The same words run together in a lower-case name (`apitoken`, `dbpassword`). */
const SECRET_INFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'apikey', 'privatekey'];

export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const joined = words.join('');
  return SECRET_INFIXES.some((infix) => joined.includes(infix));
}

/** A value that is a credential whatever its setting is called: a PEM key, a bearer header, a JWT. */
function looksLikeSecret(text: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || /^\s*(bearer|basic)\s+\S+/i.test(text) || /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(text.trim());
}

/** A URL without its user:password part, and without the values of credential-like query parameters. */
function redactUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  // Dropped rather than marked: any `name@host` would read as an e-mail address to the scrubber.
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (isSecretName(name)) {
      url.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? url.toString() : text;
}

/**
 * A copy of a JSON-like value fit to leave the kiosk: settings named like credentials replaced by
 * `[redacted]` (an unset one stays `null`, so "not configured" can still be told apart), credential-
 * shaped strings and URL passwords removed, and every string, number and key scrubbed of personal
 * data like a log line. Cycles and non-JSON values cannot break it.
 */
export function redactForBundle(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return looksLikeSecret(value) ? REDACTED : scrubPersonalData(redactUrl(value));
  if (typeof value === 'number' || typeof value === 'bigint') return scrubNumber(value);
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Error) return scrubPersonalData(value.message);
  if (typeof value !== 'object') return null;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactForBundle(item, seen));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const name = scrubPersonalData(key);
      result[name] = isSecretName(key) && item !== null && item !== undefined ? REDACTED : redactForBundle(item, seen);
    }
    return result;
  } finally {
    // Only the path from the root counts as a cycle; the same object twice side by side is fine.
    seen.delete(value);
  }
}
