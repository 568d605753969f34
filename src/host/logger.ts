import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Structured log lines. A line is a constant message and fields from an allow-list of operational
 * names (ticket numbers, desk ids, device states, error texts): the logger takes no free-form
 * record a NIK, a name or a contact could ride in on (UU PDP 27/2022). A field off the list is not
 * written. As a second line of defence every string, number and key is scrubbed of anything shaped
 * like a NIK, an e-mail address or a phone number. Logging never throws.
 */
export const LOG_FIELDS = [
  'error',
  'code',
  'method',
  'number',
  'deskId',
  'channel',
  'reason',
  'device',
  'state',
  'kind',
  'ok',
  'signal',
  'serviceDate',
  'url',
  'refused',
  'address',
  'fromAddress',
  'open',
  'at',
  'ms',
  'attempt',
  'count',
] as const;
export type LogField = (typeof LOG_FIELDS)[number];
type LogValue = string | number | boolean | bigint | null | undefined | Date | Error | readonly (string | number | boolean | null)[];
export type LogFields = Partial<Record<LogField, LogValue>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type Sink = (line: string) => void;

const ALLOWED = new Set<string>(LOG_FIELDS);
const SEPARATOR = String.raw`[\s.\-–]?`;

const SCRUBBERS: Array<[RegExp, string]> = [
  // NIK: 16 digits (Dukcapil), also written in groups (3201 0123 4567 8901, 320101.450190.0001).
  // Checked before phones, which are shorter.
  [new RegExp(String.raw`(?<!\d)(?:\d${SEPARATOR}){15}\d(?!\d)`, 'g'), '[NIK]'],
  // E-mail addresses, internationalised ones included (budi@surat.indonésie.id, 田中@例え.jp).
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[email]'],
  // Indonesian mobile numbers: +62 8…, 62 8…, (0812) …, 08…, separated by spaces, dots or dashes,
  // and glued to a prefix (hp0812…, wa:+62812…); not digits inside a longer number.
  [
    new RegExp(String.raw`(?<![\d+])\(?(?:\+?62|0)\)?${SEPARATOR}\(?8\d{1,3}\)?(?:${SEPARATOR}\d{2,5}){2,3}(?!\d)`, 'g'),
    '[phone]',
  ],
];

/** A mobile number has 9 to 12 digits after its 0 or 62; fewer is a time or a count (T080000000Z). */
function isMobileLength(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  const national = digits.startsWith('62') ? digits.slice(2) : digits.slice(1);
  return national.length >= 9 && national.length <= 12;
}

export function scrubPersonalData(text: string): string {
  return SCRUBBERS.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, (match) => (replacement === '[phone]' && !isMobileLength(match) ? match : replacement)),
    text,
  );
}

const MAX_DEPTH = 4;
const MAX_ITEMS = 50;

/**
 * A field's value as it may be written: strings scrubbed, numbers that read as personal data turned
 * into their scrubbed text, BigInts as text, dates as ISO strings, errors as their scrubbed message;
 * keys scrubbed too; bounded in depth and length, and safe from cycles.
 */
function sanitize(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubPersonalData(value);
  if (typeof value === 'number') {
    const text = String(value);
    const scrubbed = scrubPersonalData(text);
    return scrubbed === text ? value : scrubbed;
  }
  if (typeof value === 'bigint') return scrubPersonalData(value.toString());
  if (value === null || typeof value === 'boolean' || value === undefined) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) return scrubPersonalData(value.message);
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (depth >= MAX_DEPTH) return '[deep]';
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => sanitize(item, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, MAX_ITEMS)
      .map(([key, item]) => [scrubPersonalData(key), sanitize(item, depth + 1, seen)]),
  );
}

/** One JSON line; whatever the fields hold, a line comes out and nothing is thrown. */
export function formatLogLine(level: string, message: string, fields: Record<string, unknown> | undefined, time: Date): string {
  try {
    const entry: Record<string, unknown> = { time: time.toISOString(), level, message: scrubPersonalData(String(message)) };
    const refused: string[] = [];
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (ALLOWED.has(key)) entry[key] = sanitize(value);
      else refused.push(scrubPersonalData(key));
    }
    // Said, not written: a developer sees which field to rename or drop.
    if (refused.length > 0) entry.fieldsNotLogged = refused;
    return JSON.stringify(entry);
  } catch {
    return JSON.stringify({ time: new Date().toISOString(), level, message: 'log line could not be written' });
  }
}

function createLogger(sinks: Sink[]): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) => {
    const line = formatLogLine(level, message, fields, new Date());
    for (const sink of sinks) {
      try {
        sink(`${line}\n`);
      } catch {
        // A broken sink (closed stderr) must not stop the kiosk; the other sinks still get the line.
      }
    }
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export function createStderrLogger(write: Sink = (line) => process.stderr.write(line)): Logger {
  return createLogger([write]);
}

/** How many daily log files a kiosk keeps; older ones are deleted at start-up. */
export const LOG_RETENTION_DAYS = 30;

/**
 * The kiosk's log: one JSON line per event, to stderr and to `<dir>/kiosk-YYYY-MM-DD.log` (UTC
 * dates, like the timestamps inside), so a technician can read what happened on a machine where
 * nobody watched the console. Old files are pruned at start-up and whenever the date changes.
 */
export function createKioskLogger(
  dir: string,
  now: () => Date = () => new Date(),
  echo: Sink = (line) => process.stderr.write(line),
): Logger {
  mkdirSync(dir, { recursive: true });
  let currentDay = now().toISOString().slice(0, 10);
  pruneOldLogs(dir, now());
  const fileSink: Sink = (line) => {
    try {
      const day = now().toISOString().slice(0, 10);
      if (day !== currentDay) {
        currentDay = day;
        pruneOldLogs(dir, now());
      }
      appendFileSync(join(dir, `kiosk-${day}.log`), line);
    } catch {
      // A full disk must not stop the kiosk from serving visitors; stderr still has the line.
    }
  };
  return createLogger([echo, fileSink]);
}

function pruneOldLogs(dir: string, today: Date): void {
  const cutoff = new Date(today.getTime() - LOG_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  for (const name of readdirSync(dir)) {
    const match = /^kiosk-(\d{4}-\d{2}-\d{2})\.log$/.exec(name);
    if (match?.[1] && match[1] < cutoff) rmSync(join(dir, name), { force: true });
  }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
