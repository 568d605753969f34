import type { PrintFailureReason, PrintStatus } from '../contract/api.js';
import type { KioskDatabase } from './kioskDatabase.js';
import { prepared } from './statementCache.js';

/** SQL for print jobs. Functions take the database so callers own transactions. */

export interface PrintJobRow {
  id: number;
  ticket_id: number;
  kind: 'issue' | 'reprint';
  status: PrintStatus;
  reason: PrintFailureReason | null;
  detail: string | null;
  created_at: string;
  finished_at: string | null;
}

export function insertPrintJob(db: KioskDatabase, ticketId: number, kind: PrintJobRow['kind'], createdAt: string): PrintJobRow {
  return prepared(db, 'INSERT INTO print_jobs (ticket_id, kind, created_at) VALUES (?, ?, ?) RETURNING *').get(ticketId, kind, createdAt) as PrintJobRow;
}

/**
 * Records how a job ended without its own fsync: the number is already durable, and an outcome
 * lost to a power cut leaves the job `pending`, which start-up turns into `interrupted` — the
 * truth as far as anyone can know. The next FULL commit flushes it with its own frames.
 */
export function finishPrintJob(
  db: KioskDatabase,
  id: number,
  outcome: { status: Exclude<PrintStatus, 'pending'>; reason: PrintFailureReason | null; detail: string | null },
  finishedAt: string,
): void {
  db.pragma('synchronous = NORMAL');
  try {
    prepared(db, "UPDATE print_jobs SET status = ?, reason = ?, detail = ?, finished_at = ? WHERE id = ? AND status = 'pending'").run(
      outcome.status,
      outcome.reason,
      outcome.detail,
      finishedAt,
      id,
    );
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/** Jobs a crash left unfinished. Called at start-up, before any new job exists. */
export function interruptPendingPrintJobs(db: KioskDatabase, at: string): PrintJobRow[] {
  return prepared(
    db,
    "UPDATE print_jobs SET status = 'interrupted', detail = 'the kiosk stopped before the printer answered', finished_at = ? WHERE status = 'pending' RETURNING *",
  ).all(at) as PrintJobRow[];
}

export function latestPrintJob(db: KioskDatabase, ticketId: number): PrintJobRow | undefined {
  return prepared(db, 'SELECT * FROM print_jobs WHERE ticket_id = ? ORDER BY id DESC LIMIT 1').get(ticketId) as PrintJobRow | undefined;
}

export interface ReprintCandidateRow extends PrintJobRow {
  number: string;
  queue_desk_id: number;
  ticket_status: string;
  issued_at: string;
}

/** Today's tickets still to be served whose last job failed or was interrupted: the reprint list. */
export function ticketsNeedingReprint(db: KioskDatabase, serviceDate: string): ReprintCandidateRow[] {
  return prepared(
    db,
    `SELECT j.*, t.number AS number, t.queue_desk_id AS queue_desk_id, t.status AS ticket_status, t.issued_at AS issued_at
     FROM tickets t JOIN print_jobs j ON j.id = (SELECT MAX(id) FROM print_jobs WHERE ticket_id = t.id)
     WHERE t.service_date = ? AND t.status IN ('waiting', 'called') AND j.status IN ('failed', 'interrupted')
     ORDER BY t.issued_at, t.id`,
  ).all(serviceDate) as ReprintCandidateRow[];
}
