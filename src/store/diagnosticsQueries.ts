import type { KioskDatabase } from './kioskDatabase.js';

/**
 * What the diagnostics bundle reads from the database: shapes and counts, never a row's content.
 * Each query names its columns, so a column added later (a sealed field, a note) cannot slip in.
 */

export interface DatabaseShape {
  /** Migrations applied (`PRAGMA user_version`). */
  userVersion: number;
  pageSize: number;
  pageCount: number;
  /** Pages freed by deletes and not yet reused. */
  freelistCount: number;
  journalMode: string;
  /** Rows per table, `sqlite_*` internals left out. */
  rowCounts: Record<string, number>;
}

export function databaseShape(db: KioskDatabase): DatabaseShape {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  const rowCounts: Record<string, number> = {};
  for (const table of tables) {
    rowCounts[table] = db.prepare(`SELECT COUNT(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number;
  }
  return {
    userVersion: db.pragma('user_version', { simple: true }) as number,
    pageSize: db.pragma('page_size', { simple: true }) as number,
    pageCount: db.pragma('page_count', { simple: true }) as number,
    freelistCount: db.pragma('freelist_count', { simple: true }) as number,
    journalMode: db.pragma('journal_mode', { simple: true }) as string,
    rowCounts,
  };
}

export interface OutboxSummary {
  byState: Record<string, number>;
  byTopic: Array<{ topic: string; state: string; count: number; maxAttempts: number }>;
  oldestPendingAt: string | null;
  newestSentAt: string | null;
}

/** The outbox by state and topic, and how old its oldest waiting event is; never a payload or an error text. */
export function outboxSummary(db: KioskDatabase): OutboxSummary {
  const byTopic = db
    .prepare('SELECT topic, state, COUNT(*) AS count, MAX(attempts) AS maxAttempts FROM outbox GROUP BY topic, state ORDER BY topic, state')
    .all() as OutboxSummary['byTopic'];
  const byState: Record<string, number> = {};
  for (const row of byTopic) byState[row.state] = (byState[row.state] ?? 0) + row.count;
  return {
    byState,
    byTopic,
    oldestPendingAt: (db.prepare("SELECT MIN(occurred_at) FROM outbox WHERE state = 'pending'").pluck().get() as string | null) ?? null,
    newestSentAt: (db.prepare("SELECT MAX(sent_at) FROM outbox WHERE state = 'sent'").pluck().get() as string | null) ?? null,
  };
}

export interface AuditSummaryRow {
  id: number;
  at: string;
  action: string;
  staffId: number | null;
  stationId: number | null;
  deskId: number | null;
  channel: string;
}

/** The newest audit rows, newest first, without their `detail` (a transfer note, a pause reason). */
export function recentAuditRows(db: KioskDatabase, limit: number): AuditSummaryRow[] {
  return db
    .prepare(
      'SELECT id, at, action, staff_id AS staffId, station_id AS stationId, desk_id AS deskId, channel FROM audit ORDER BY id DESC LIMIT ?',
    )
    .all(limit) as AuditSummaryRow[];
}
