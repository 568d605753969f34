import { lstatSync, openSync, readdirSync, readSync, closeSync, statSync } from 'node:fs';
import { arch, platform, release, uptime as systemUptime } from 'node:os';
import { join } from 'node:path';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import type { KioskConfig } from '../kioskConfig.js';
import { scrubPersonalData } from '../logger.js';
import { databaseShape, outboxSummary, recentAuditRows } from '../../store/diagnosticsQueries.js';
import { packTarGz, type ArchiveFile } from './packTarGz.js';
import { redactForBundle } from './redactSecrets.js';

/**
 * The technician's diagnostics bundle (`diagnostics.bundle`): one `.tar.gz` a site can send to
 * the helpdesk when something is wrong, holding what a remote person needs to see how the kiosk
 * is doing, and nothing a visitor or a credential could be read from (UU PDP 27/2022):
 *
 * - `manifest.json`  version, when, Node and OS, uptimes, schema version, database size, rows per table
 * - `config.json`    the configuration, credential-like settings redacted (LAN hostnames kept)
 * - `health.json`, `devices.json`  as the host reports them
 * - `outbox.json`    counts by state and topic, the oldest waiting event's time; no payload
 * - `audit.json`     the newest 500 audit rows: action, time, staff, station, desk, channel; no detail
 * - `logs/`          the newest 7 daily logs, each at most its last 2 MiB, scrubbed again line by line
 *
 * Never read: tickets' sealed columns, referrals, survey answers and suggestions, `secrets/`.
 * Every JSON file goes through the same scrubber as the log lines, as a second line of defence.
 */

export interface DiagnosticsDeps {
  dataDir: string;
  config: KioskConfig;
  /** The host's health (`/healthz` with details); a promise is awaited. */
  health: () => unknown;
  /** The devices as the technician's screen sees them; a promise is awaited. */
  devices: () => unknown;
  db: KioskDatabase;
  clock: () => Date;
  version: string;
}

export interface DiagnosticsBundle {
  filename: string;
  mimeType: string;
  base64: string;
}

export const DIAGNOSTICS_LOG_FILES = 7;
export const DIAGNOSTICS_LOG_BYTES = 2 * 1024 * 1024;
export const DIAGNOSTICS_AUDIT_ROWS = 500;
const LOG_FILE = /^kiosk-\d{4}-\d{2}-\d{2}\.log$/;

export async function buildDiagnosticsBundle(deps: DiagnosticsDeps): Promise<DiagnosticsBundle> {
  const created = deps.clock();
  const problems: string[] = [];
  /** One part that fails (a device that throws, a table missing) leaves a note, not a missing bundle. */
  const attempt = async <T>(part: string, read: () => T | Promise<T>): Promise<T | { error: string }> => {
    try {
      return await read();
    } catch (error) {
      const message = scrubPersonalData(error instanceof Error ? error.message : String(error));
      problems.push(`${part}: ${message}`);
      return { error: message };
    }
  };

  // Devices first: asking them may record a change of health, which the counts then include.
  const health = await attempt('health', deps.health);
  const devices = await attempt('devices', deps.devices);
  const database = await attempt('database', () => databaseShape(deps.db));
  const outbox = await attempt('outbox', () => outboxSummary(deps.db));
  const audit = await attempt('audit', () => recentAuditRows(deps.db, DIAGNOSTICS_AUDIT_ROWS));
  const logs = await attempt('logs', () => newestLogs(join(deps.dataDir, 'logs')));
  const logFiles = Array.isArray(logs) ? logs : [];

  const manifest = {
    kind: 'kios-siapkerja-diagnostics',
    version: deps.version,
    created: created.toISOString(),
    node: process.version,
    platform: { os: platform(), release: release(), arch: arch() },
    uptimeSeconds: { process: Math.round(process.uptime()), system: Math.round(systemUptime()) },
    database: 'error' in database ? database : { ...database, files: databaseFiles(deps.db.name) },
    logs: logFiles.map(({ name, size, truncated }) => ({ name, size, truncated })),
    problems,
    excluded: 'tickets’ sealed data, referrals, survey answers and suggestions, secrets/, outbox payloads, audit details',
  };

  const json = (path: string, value: unknown): ArchiveFile => ({ path, body: Buffer.from(`${JSON.stringify(redactForBundle(value), null, 2)}\n`) });
  const files: ArchiveFile[] = [
    json('manifest.json', manifest),
    json('config.json', deps.config),
    json('health.json', health),
    json('devices.json', devices),
    json('outbox.json', outbox),
    json('audit.json', Array.isArray(audit) ? { newestFirst: true, limit: DIAGNOSTICS_AUDIT_ROWS, rows: audit } : audit),
    ...logFiles.map(({ name, body }) => ({ path: `logs/${name}`, body })),
  ];
  const bytes = await packTarGz(files, created);
  return {
    filename: `kios-diagnostik-${siteSlug(deps.config)}-${utcStamp(created)}.tar.gz`,
    mimeType: 'application/gzip',
    base64: bytes.toString('base64'),
  };
}

/** `kementerian-ketenagakerjaan-ri`: the site code the ministry assigned if there is one, else the site's name. */
export function siteSlug(config: KioskConfig): string {
  const slug = (config.central.site?.code ?? config.siteName)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'kios';
}

/** `20261123T020304`, UTC. */
function utcStamp(time: Date): string {
  return time.toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function databaseFiles(file: string): Record<string, number | null> {
  const sizes: Record<string, number | null> = {};
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      sizes[`kiosk.sqlite${suffix}`] = statSync(`${file}${suffix}`).size;
    } catch {
      sizes[`kiosk.sqlite${suffix}`] = null;
    }
  }
  return sizes;
}

interface LogTail {
  name: string;
  size: number;
  truncated: boolean;
  body: Buffer;
}

/** The newest daily log files (by their UTC date), oldest of them first, each scrubbed and capped. */
function newestLogs(dir: string): LogTail[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => LOG_FILE.test(name))
    .sort()
    .slice(-DIAGNOSTICS_LOG_FILES)
    .flatMap((name) => {
      const path = join(dir, name);
      // A link named like a log could point anywhere (secrets/ included): regular files only.
      const stat = lstatSync(path);
      if (!stat.isFile()) return [];
      const { text, truncated } = readTail(path, stat.size, DIAGNOSTICS_LOG_BYTES);
      const body = Buffer.from(text.split('\n').map(scrubPersonalData).join('\n'));
      return [{ name, size: stat.size, truncated, body }];
    });
}

/** At most the last `limit` bytes of a file, starting at a whole line. */
function readTail(path: string, size: number, limit: number): { text: string; truncated: boolean } {
  const length = Math.min(size, limit);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  let read = 0;
  try {
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, size - length + read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  const bytes = buffer.subarray(0, read);
  if (size <= limit) return { text: bytes.toString('utf8'), truncated: false };
  // The cut lands mid-line (maybe mid-character): drop that partial first line.
  const newline = bytes.indexOf(0x0a);
  return { text: newline === -1 ? '' : bytes.subarray(newline + 1).toString('utf8'), truncated: true };
}
