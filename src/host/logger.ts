import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Structured log lines. Callers pass only operational fields (ticket numbers, desk ids, error
 * codes): never NIK, names, phone numbers or e-mail addresses (UU PDP 27/2022). As a second line
 * of defence every line is scrubbed of anything shaped like one before it is written.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Sink = (line: string) => void;

const SCRUBBERS: Array<[RegExp, string]> = [
  // NIK: 16 digits (Dukcapil). Checked before phones, which are shorter.
  [/(?<!\d)\d{16}(?!\d)/g, '[NIK]'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  // Indonesian mobile numbers: +62 8…, 62 8…, 08…, with optional separators; not digits inside a
  // longer token such as a timestamp (20261123T080000000Z).
  [/(?<![\w+])(\+?62|0)[\s-]?8\d{1,3}[\s-]?\d{3,4}[\s-]?\d{3,5}(?![\w])/g, '[phone]'],
];

export function scrubPersonalData(text: string): string {
  return SCRUBBERS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * Scrubs each string as it is encoded (after toJSON, so dates stay ISO strings), never the encoded
 * text, so the line stays valid JSON.
 */
function scrubbingReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return scrubPersonalData(value);
  if (value instanceof Error) return scrubPersonalData(value.message);
  return value;
}

function createLogger(sinks: Sink[]): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, scrubbingReplacer);
    for (const sink of sinks) sink(`${line}\n`);
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
