import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { migrate } from './migrate.js';
import { StoreError } from './storeError.js';

export type KioskDatabase = Database.Database;

export interface OpenedDatabase {
  db: KioskDatabase;
  schemaVersion: number;
}

/**
 * The only place that opens the kiosk's SQLite file. WAL lets stations read while the kiosk
 * writes; synchronous=FULL because a kiosk loses power without warning and a ticket number,
 * once shown, must never be issued again.
 */
export interface OpenOptions {
  busyTimeoutMs?: number;
  /** The schema history; tests pass their own to exercise upgrades. */
  migrations?: readonly Migration[];
  clock?: () => Date;
}

export function openKioskDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  let db: KioskDatabase;
  try {
    db = new Database(file);
  } catch (cause) {
    throw new StoreError('unopenable', `cannot open database ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    // First, so that a file briefly locked by a backup or a second reader is waited for.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Purged personal data (UU PDP 27/2022) is overwritten, not left readable in free pages.
    db.pragma('secure_delete = ON');
    checkIntegrity(db, file);
    const migrations = options.migrations ?? MIGRATIONS;
    backUpBeforeUpgrade(db, file, migrations, options.clock ?? (() => new Date()));
    const { to } = migrate(db, migrations);
    return { db, schemaVersion: to };
  } catch (cause) {
    db.close();
    if (cause instanceof StoreError) throw cause;
    const code = (cause as { code?: unknown }).code;
    // SQLITE_NOTADB / SQLITE_CORRUPT surface on the first statement, not on open.
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      throw corrupt(file, (cause as Error).message, cause);
    }
    // Anything else (locked, read-only, disk full, I/O error) is not damage: moving the file aside
    // would restart the day's numbering and reuse numbers already handed out.
    throw new StoreError(
      'unopenable',
      `cannot use database ${file}: ${(cause as Error).message}. Do not move or delete it: another ` +
        'program may be using it, or the disk may be full or read-only.',
      { cause },
    );
  }
}

/**
 * A copy of the database as it was, taken before an upgrade changes its schema: if a new build's
 * migration goes wrong on a site, the day's tickets are still there to restore.
 */
function backUpBeforeUpgrade(db: KioskDatabase, file: string, migrations: readonly Migration[], clock: () => Date): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (version === 0 || version >= newest) return;
  const stamp = clock().toISOString().replace(/[-:.]/g, '');
  db.prepare('VACUUM INTO ?').run(`${file}.v${version}-${stamp}.bak`);
}

function checkIntegrity(db: KioskDatabase, file: string): void {
  // quick_check finds the damage a power cut causes at a fraction of integrity_check's cost.
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
  if (problems.length > 0) throw corrupt(file, problems.slice(0, 3).join('; '));
}

function corrupt(file: string, detail: string, cause?: unknown): StoreError {
  return new StoreError(
    'corrupt',
    `database ${file} failed its integrity check (${detail}). The kiosk will not start on a damaged ` +
      'database: move the file aside (keep it for the central office) and restart, or restore a backup.',
    { cause },
  );
}
