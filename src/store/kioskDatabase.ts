import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
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
export function openKioskDatabase(file: string, options: { busyTimeoutMs?: number } = {}): OpenedDatabase {
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
    checkIntegrity(db, file);
    const { to } = migrate(db, MIGRATIONS);
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
