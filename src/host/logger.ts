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
/**
 * Between the groups of a written number: nothing, one space (any kind, the no-break one included),
 * or a dot or dash, with a space either side allowed ("0812 - 3456 - 7890").
 */
const SEPARATOR = String.raw`(?:\s?[.\-–—]\s?|\s)?`;
const ISO_DATE = String.raw`(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])`;

// NIK: 16 digits (Dukcapil), also written in groups (3201 0123 4567 8901, 320101.450190.0001).
// Checked before phones, which are shorter.
const NIK = new RegExp(String.raw`(?<!\d)(?:\d${SEPARATOR}){15}\d(?!\d)`, 'g');
/** Two dates side by side (a report period, 2026-11-01-2026-11-30) also make 16 digits; no NIK is written so. */
const TWO_DATES = new RegExp(String.raw`^${ISO_DATE}${SEPARATOR}${ISO_DATE}$`);

/**
 * Whether 16 grouped digits are a NIK. Digits that add up to 16 only across different separators
 * and short groups are neighbouring values — a date and an IP address (2026-11-23 192.168.10.20),
 * two dates — while a NIK is grouped with one separator (32.01.01.450190.0001) or in long groups
 * (3201-0123 4567 8901).
 */
function isNik(match: string): boolean {
  if (TWO_DATES.test(match)) return false;
  const separators = new Set(match.split(/\d+/).filter(Boolean).map((separator) => separator.trim() || ' '));
  return separators.size <= 1 || match.split(/\D+/).every((group) => group.length >= 4);
}
// E-mail addresses, internationalised ones included (budi@surat.indonésie.id, 田中@例え.jp, and
// scripts written with combining marks: राम@उदाहरण.भारत); an apostrophe inside (o'brien@…).
// Parts are bounded as in RFC 5321 (64 before the @, labels of 63), which also keeps a long run of
// digits or letters without an @ from costing quadratic time.
const EMAIL = /[\p{L}\p{M}\p{N}_%+-][\p{L}\p{M}\p{N}._%+'-]{0,63}@[\p{L}\p{M}\p{N}-]{1,63}(?:\.[\p{L}\p{M}\p{N}-]{1,63}){1,8}/gu;
// Indonesian mobile numbers: +62 8…, 62 8…, (+62) 8…, +62 (0) 8…, (0812) …, 08…, separated by spaces,
// dots or dashes, and glued to a prefix (hp0812…, wa:+62812…); not digits inside a longer number.
// Operators' prefixes are 081x–089x: 080x is toll-free, and a ticket's A-080 is not a phone.
const PHONE = new RegExp(
  String.raw`(?<![\d+])\(?(?:\+?62${SEPARATOR}\(0\)|\+?62|0)\)?${SEPARATOR}\(?8[1-9]\d{0,2}\)?(?:${SEPARATOR}\d{2,5}){2,3}(?!\d)`,
  'g',
);
/** A ticket number (a desk's letter and three digits) just before the match: D-081 2026-11-23… is no phone. */
const TICKET_BEFORE = /(?:^|[^\p{L}\p{N}])\p{Lu}-$/u;
/** The last group of a written number, after an explicit separator. */
const LAST_GROUP = new RegExp(String.raw`(?:\s?[.\-–—]\s?|\s)\d{2,5}$`);
/** A mobile number that lost its leading 0 on the way (stored as a JSON number): 8 and 8 to 11 digits. */
const BARE_MOBILE = /^8[1-9]\d{7,10}$/;

/** Digits of a mobile number after its 0, 62 or 62 (0): 9 to 12; fewer is a time or a count (T080000000Z). */
function nationalDigits(match: string): number {
  const digits = match.replace(/\D/g, '');
  const national = digits.startsWith('62') ? digits.slice(2) : digits.slice(1);
  return (national.startsWith('0') ? national.slice(1) : national).length;
}

/**
 * A phone-shaped match, scrubbed if it has a mobile number's length. Too long, it may be a number
 * followed by another ("0812 3456 7890 24 jam"): the trailing groups are given back one at a time.
 */
function scrubPhone(match: string, index: number, text: string): string | undefined {
  if (/^0\d\d(?!\d)/.test(match) && TICKET_BEFORE.test(text.slice(Math.max(0, index - 3), index))) return undefined;
  let head = match;
  let tail = '';
  while (nationalDigits(head) > 12) {
    const group = LAST_GROUP.exec(head);
    if (!group) return undefined;
    head = head.slice(0, group.index);
    tail = group[0] + tail;
  }
  return nationalDigits(head) >= 9 ? `[phone]${tail}` : undefined;
}

/**
 * Replaces each match `replace` accepts. A match it turns down (undefined) is looked at again from
 * its next character, so digits that only look like a NIK cannot hide one that starts inside them
 * (2026-11-23 3201 0123 4567 8901).
 */
function replaceAccepted(text: string, pattern: RegExp, replace: (match: string, index: number, text: string) => string | undefined): string {
  let result = '';
  let done = 0;
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    const replacement = replace(found[0], found.index, text);
    if (replacement === undefined) {
      pattern.lastIndex = found.index + 1;
      continue;
    }
    result += text.slice(done, found.index) + replacement;
    done = found.index + found[0].length;
  }
  return result + text.slice(done);
}

export function scrubPersonalData(text: string): string {
  const withoutNik = replaceAccepted(text, NIK, (match) => (isNik(match) ? '[NIK]' : undefined));
  return replaceAccepted(withoutNik.replace(EMAIL, '[email]'), PHONE, scrubPhone);
}

/** A number as it may be logged: as is, or scrubbed text when its digits read as a NIK or a phone. */
export function scrubNumber(value: number | bigint): number | string {
  const text = value.toString();
  if (BARE_MOBILE.test(text)) return '[phone]';
  const scrubbed = scrubPersonalData(text);
  return scrubbed !== text || typeof value === 'bigint' ? scrubbed : value;
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
  if (typeof value === 'number' || typeof value === 'bigint') return scrubNumber(value);
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
