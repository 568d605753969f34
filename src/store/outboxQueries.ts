import { v7 as uuidv7 } from 'uuid';
import type { CentralEventPayload, CentralEventType } from '../central/events.js';
import type { KioskDatabase } from './kioskDatabase.js';
import { prepared } from './statementCache.js';

/**
 * The outbox: every fact for the central API, written in the same transaction as the fact itself.
 * `seq` (AUTOINCREMENT, never reused) is the per-installation sequence; `event_id` the UUIDv7
 * idempotency key. Functions take the database so callers own transactions.
 */

/** Where personal fields of a payload wait, sealed, until the moment of sending. */
export const SEALED_KEY = '$sealed';

export interface OutboxRow {
  seq: number;
  event_id: string;
  topic: string;
  payload: string;
  occurred_at: string;
  state: 'pending' | 'sent' | 'poison';
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  poisoned_at: string | null;
}

export interface EnqueueOptions {
  /** Personal fields to keep sealed (UU PDP 27/2022) and the cipher that seals them. */
  personal?: { fields: Record<string, unknown>; seal: (plain: string) => string };
}

export function enqueueOutbox<T extends CentralEventType>(
  db: KioskDatabase,
  type: T,
  payload: CentralEventPayload<T>,
  occurredAt: string,
  options: EnqueueOptions = {},
): number {
  const stored: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  if (options.personal) {
    for (const key of Object.keys(options.personal.fields)) delete stored[key];
    stored[SEALED_KEY] = options.personal.seal(JSON.stringify(options.personal.fields));
  }
  const time = Date.parse(occurredAt);
  const result = prepared(db, 'INSERT INTO outbox (event_id, topic, payload, occurred_at) VALUES (?, ?, ?, ?)').run(
    uuidv7(Number.isFinite(time) ? { msecs: time } : undefined),
    type,
    JSON.stringify(stored),
    occurredAt,
  );
  return Number(result.lastInsertRowid);
}

/** Pending events after `afterSeq`, oldest first: the forwarder reads a bounded page at a time. */
export const OUTBOX_PENDING_SQL = "SELECT * FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?";

export function pendingOutbox(db: KioskDatabase, afterSeq: number, limit: number): OutboxRow[] {
  return prepared(db, OUTBOX_PENDING_SQL).all(afterSeq, limit) as OutboxRow[];
}

/** Marks events delivered and drops their sealed personal part: central has it now. */
export function markOutboxSent(db: KioskDatabase, seqs: readonly number[], at: string): void {
  const statement = prepared(
    db,
    `UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL,
       payload = CASE WHEN json_type(payload, '$."${SEALED_KEY}"') IS NULL THEN payload ELSE json_remove(payload, '$."${SEALED_KEY}"') END
     WHERE seq = ? AND state <> 'sent'`,
  );
  db.transaction(() => {
    for (const seq of seqs) statement.run(at, seq);
  }).immediate();
}

export function markOutboxPoison(db: KioskDatabase, seq: number, error: string, at: string): void {
  prepared(db, "UPDATE outbox SET state = 'poison', poisoned_at = ?, last_error = ?, attempts = attempts + 1 WHERE seq = ? AND state = 'pending'").run(
    at,
    error.slice(0, 500),
    seq,
  );
}

export function noteOutboxAttempt(db: KioskDatabase, seqs: readonly number[], error: string): void {
  const statement = prepared(db, "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ? AND state = 'pending'");
  db.transaction(() => {
    for (const seq of seqs) statement.run(error.slice(0, 500), seq);
  }).immediate();
}

/** Puts quarantined events back in line; returns how many. */
export function requeuePoison(db: KioskDatabase, seqs: readonly number[]): number {
  const statement = prepared(db, "UPDATE outbox SET state = 'pending', poisoned_at = NULL WHERE seq = ? AND state = 'poison'");
  let changed = 0;
  db.transaction(() => {
    for (const seq of seqs) changed += statement.run(seq).changes;
  }).immediate();
  return changed;
}

export function poisonedOutbox(db: KioskDatabase, limit: number): OutboxRow[] {
  return prepared(db, "SELECT * FROM outbox WHERE state = 'poison' ORDER BY seq LIMIT ?").all(limit) as OutboxRow[];
}

export interface OutboxStats {
  backlog: number;
  poisoned: number;
  oldestPendingAt: string | null;
}

export function outboxStats(db: KioskDatabase): OutboxStats {
  const row = prepared(
    db,
    `SELECT (SELECT COUNT(*) FROM outbox WHERE state = 'pending') AS backlog,
            (SELECT COUNT(*) FROM outbox WHERE state = 'poison') AS poisoned,
            (SELECT occurred_at FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1) AS oldest`,
  ).get() as { backlog: number; poisoned: number; oldest: string | null };
  return { backlog: row.backlog, poisoned: row.poisoned, oldestPendingAt: row.oldest };
}

export const OUTBOX_BACKLOG_SQL = "SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'";

export function outboxBacklog(db: KioskDatabase): number {
  return (prepared(db, OUTBOX_BACKLOG_SQL).get() as { n: number }).n;
}

/** Delivered rows are kept a while for the technician, then deleted (their seq is never reused). */
export function purgeSentOutbox(db: KioskDatabase, sentBefore: string): number {
  return prepared(db, "DELETE FROM outbox WHERE state = 'sent' AND sent_at < ?").run(sentBefore).changes;
}

// ── central_state: small key/value bookkeeping ─────────────────────────────────────────────

export function centralState(db: KioskDatabase, key: string): string | undefined {
  return (prepared(db, 'SELECT value FROM central_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setCentralState(db: KioskDatabase, key: string, value: string | null): void {
  if (value === null) prepared(db, 'DELETE FROM central_state WHERE key = ?').run(key);
  else prepared(db, 'INSERT INTO central_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function installationId(db: KioskDatabase): string {
  const id = centralState(db, 'installation_id');
  if (!id) throw new Error('the database has no installation id (migration 0007 missing)');
  return id;
}

// ── central_cache: the last good copy of each pulled resource ──────────────────────────────

export interface CentralCacheRow {
  resource: string;
  etag: string | null;
  body: string | null;
  fetched_at: string | null;
  checked_at: string | null;
  last_error: string | null;
}

export function cachedResource(db: KioskDatabase, resource: string): CentralCacheRow | undefined {
  return prepared(db, 'SELECT * FROM central_cache WHERE resource = ?').get(resource) as CentralCacheRow | undefined;
}

/** Only what tells one stored copy from another: cheap enough to ask on every screen's call. */
export function cachedResourceStamp(db: KioskDatabase, resource: string): { etag: string | null; fetched_at: string | null; has_body: number } | undefined {
  return prepared(db, 'SELECT etag, fetched_at, body IS NOT NULL AS has_body FROM central_cache WHERE resource = ?').get(resource) as
    | { etag: string | null; fetched_at: string | null; has_body: number }
    | undefined;
}

export function storeResource(db: KioskDatabase, resource: string, etag: string | null, body: string, at: string): void {
  prepared(
    db,
    `INSERT INTO central_cache (resource, etag, body, fetched_at, checked_at, last_error) VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT (resource) DO UPDATE SET etag = excluded.etag, body = excluded.body, fetched_at = excluded.fetched_at,
       checked_at = excluded.checked_at, last_error = NULL`,
  ).run(resource, etag, body, at, at);
}

/** A check that found nothing new (304), or failed: the last good copy stays. */
export function noteResourceCheck(db: KioskDatabase, resource: string, at: string, error: string | null): void {
  prepared(
    db,
    `INSERT INTO central_cache (resource, checked_at, last_error) VALUES (?, ?, ?)
     ON CONFLICT (resource) DO UPDATE SET checked_at = excluded.checked_at, last_error = excluded.last_error`,
  ).run(resource, at, error === null ? null : error.slice(0, 300));
}
