import type { TicketStatus, UserType } from '../contract/vocabulary.js';
import type { KioskDatabase } from './kioskDatabase.js';
import { prepared } from './statementCache.js';

/** SQL for tickets and the outbox. Functions take the database so callers own transactions. */

export interface TicketRow {
  id: number;
  service_date: string;
  /** The desk that issued the number (its sequence); `queue_desk_id` is where it waits now. */
  desk_id: number;
  seq: number;
  number: string;
  issued_at: string;
  channel: 'kiosk' | 'lan';
  print_status: 'pending' | 'printed' | 'failed';
  print_detail: string | null;
  status: TicketStatus;
  priority: 0 | 1;
  user_type: UserType | null;
  queue_desk_id: number;
  queued_at: string;
  called_at: string | null;
  serving_at: string | null;
  finished_at: string | null;
  counter_number: number | null;
  officer_id: number | null;
  call_count: number;
  transferred_from: number | null;
  services: string;
  siapkerja_sealed: string | null;
  visitor_sealed: string | null;
  consent_version: string | null;
  consent_at: string | null;
}

export type NewTicket = Pick<TicketRow, 'service_date' | 'desk_id' | 'seq' | 'number' | 'issued_at' | 'channel' | 'priority' | 'user_type'>;

export const LAST_SEQUENCE_SQL = 'SELECT MAX(seq) AS last FROM tickets WHERE service_date = ? AND desk_id = ?';

export function lastSequence(db: KioskDatabase, serviceDate: string, deskId: number): number {
  const row = prepared(db, LAST_SEQUENCE_SQL).get(serviceDate, deskId) as { last: number | null };
  return row.last ?? 0;
}

export function insertTicket(db: KioskDatabase, ticket: NewTicket): TicketRow {
  return prepared(
    db,
    `INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel, priority, user_type, queue_desk_id, queued_at)
     VALUES (@service_date, @desk_id, @seq, @number, @issued_at, @channel, @priority, @user_type, @desk_id, @issued_at)
     RETURNING *`,
  ).get(ticket) as TicketRow;
}

export function ticketById(db: KioskDatabase, id: number): TicketRow | undefined {
  return prepared(db, 'SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
}

/** Writes back every field a queue operation may change; the caller holds the transaction. */
export function saveTicket(db: KioskDatabase, row: TicketRow): void {
  prepared(
    db,
    `UPDATE tickets SET status = @status, queue_desk_id = @queue_desk_id, called_at = @called_at,
       serving_at = @serving_at, finished_at = @finished_at, counter_number = @counter_number,
       officer_id = @officer_id, call_count = @call_count, transferred_from = @transferred_from,
       services = @services, siapkerja_sealed = @siapkerja_sealed, visitor_sealed = @visitor_sealed,
       consent_version = @consent_version, consent_at = @consent_at
     WHERE id = @id`,
  ).run(row);
}

/**
 * Records how the paper went without its own fsync: the number is already durable, and a print
 * outcome lost to a power cut leaves the ticket `pending`, which is the truth as far as anyone can
 * know. The next FULL commit (any ticket or queue change) flushes it with its own frames.
 */
export function setPrintOutcome(db: KioskDatabase, id: number, status: 'printed' | 'failed', detail: string | null): void {
  db.pragma('synchronous = NORMAL');
  try {
    prepared(db, 'UPDATE tickets SET print_status = ?, print_detail = ? WHERE id = ?').run(status, detail, id);
  } finally {
    db.pragma('synchronous = FULL');
  }
}

export const WAITING_SQL =
  "SELECT id, priority, queued_at FROM tickets WHERE service_date = ? AND queue_desk_id = ? AND status = 'waiting' ORDER BY queued_at, id";

export function waitingAtDesk(db: KioskDatabase, serviceDate: string, deskId: number): Array<{ id: number; priority: 0 | 1; queued_at: string }> {
  return prepared(db, WAITING_SQL).all(serviceDate, deskId) as Array<{ id: number; priority: 0 | 1; queued_at: string }>;
}

/** Open tickets of the day and the most recently closed ones, for station snapshots. */
export function ticketsOfDay(db: KioskDatabase, serviceDate: string, closedLimit: number): TicketRow[] {
  const open = prepared(
    db,
    "SELECT * FROM tickets WHERE service_date = ? AND status IN ('waiting', 'called', 'serving') ORDER BY queued_at, id",
  ).all(serviceDate) as TicketRow[];
  const closed = prepared(
    db,
    "SELECT * FROM tickets WHERE service_date = ? AND status IN ('done', 'referred', 'no_show', 'cancelled') ORDER BY finished_at DESC, id DESC LIMIT ?",
  ).all(serviceDate, closedLimit) as TicketRow[];
  return [...open, ...closed];
}

/** Seconds from start of service to finish, newest first: the basis of the waiting estimate. */
export function recentServiceSeconds(db: KioskDatabase, serviceDate: string, deskId: number, limit: number): number[] {
  const rows = prepared(
    db,
    `SELECT (julianday(finished_at) - julianday(serving_at)) * 86400.0 AS seconds FROM tickets
     WHERE service_date = ? AND queue_desk_id = ? AND status IN ('done', 'referred') AND serving_at IS NOT NULL
     ORDER BY finished_at DESC LIMIT ?`,
  ).all(serviceDate, deskId, limit) as Array<{ seconds: number }>;
  return rows.map((row) => row.seconds);
}

export interface FigureRow {
  desk_id: number;
  issued: number;
  waiting: number;
  in_service: number;
  done: number;
  referred: number;
  no_show: number;
  cancelled: number;
  wait_seconds_sum: number | null;
  wait_count: number;
  service_seconds_sum: number | null;
  service_count: number;
}

/** The day's counts per desk (the desk a ticket ended at). */
export function figuresOfDay(db: KioskDatabase, serviceDate: string): FigureRow[] {
  return prepared(
    db,
    `SELECT queue_desk_id AS desk_id,
       COUNT(*) AS issued,
       SUM(status = 'waiting') AS waiting,
       SUM(status IN ('called', 'serving')) AS in_service,
       SUM(status = 'done') AS done,
       SUM(status = 'referred') AS referred,
       SUM(status = 'no_show') AS no_show,
       SUM(status = 'cancelled') AS cancelled,
       SUM(CASE WHEN called_at IS NOT NULL THEN (julianday(called_at) - julianday(issued_at)) * 86400.0 END) AS wait_seconds_sum,
       SUM(called_at IS NOT NULL) AS wait_count,
       SUM(CASE WHEN serving_at IS NOT NULL AND finished_at IS NOT NULL AND status IN ('done', 'referred')
                THEN (julianday(finished_at) - julianday(serving_at)) * 86400.0 END) AS service_seconds_sum,
       SUM(serving_at IS NOT NULL AND finished_at IS NOT NULL AND status IN ('done', 'referred')) AS service_count
     FROM tickets WHERE service_date = ? GROUP BY queue_desk_id`,
  ).all(serviceDate) as FigureRow[];
}

export function issuedCountAtDesk(db: KioskDatabase, serviceDate: string, deskId: number): number {
  return lastSequence(db, serviceDate, deskId);
}

/** The most recent calls of the day, newest first (the display's "last calls" after a restart). */
export function recentCalls(db: KioskDatabase, serviceDate: string, limit: number): TicketRow[] {
  return prepared(
    db,
    'SELECT * FROM tickets WHERE service_date = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT ?',
  ).all(serviceDate, limit) as TicketRow[];
}

/** Tickets of earlier service days that never reached an end (the kiosk was left running overnight). */
export function openTicketsBefore(db: KioskDatabase, serviceDate: string): TicketRow[] {
  return prepared(db, "SELECT * FROM tickets WHERE service_date < ? AND status IN ('waiting', 'called', 'serving') ORDER BY id").all(
    serviceDate,
  ) as TicketRow[];
}

/** Visit data past its retention window goes; the proof of consent (version, time) stays. */
/**
 * Personal data past its retention window (UU PDP 27/2022), as the consent screen promises: a
 * ticket's sealed identity and visit data, a referral's sealed contact once its follow-up day is
 * that long past, and — should central never have confirmed it — the sealed personal part of a
 * `visitor.registered` event, which then goes to central without it.
 */
export function purgeVisitorDataBefore(db: KioskDatabase, serviceDate: string): number {
  const tickets = prepared(
    db,
    'UPDATE tickets SET visitor_sealed = NULL, siapkerja_sealed = NULL WHERE (visitor_sealed IS NOT NULL OR siapkerja_sealed IS NOT NULL) AND service_date < ?',
  ).run(serviceDate).changes;
  const referrals = prepared(db, "UPDATE referrals SET contact_sealed = '', note_sealed = NULL WHERE contact_sealed <> '' AND follow_up_date < ?").run(serviceDate).changes;
  const undelivered = prepared(
    db,
    `UPDATE outbox SET payload = json_set(json_remove(payload, '$."$sealed"'), '$.identity', json('null'), '$.whatsapp', json('null'), '$.employmentStatus', json('null'))
     WHERE topic = 'visitor.registered' AND state <> 'sent' AND json_type(payload, '$."$sealed"') IS NOT NULL AND json_extract(payload, '$.serviceDate') < ?`,
  ).run(serviceDate).changes;
  return tickets + referrals + undelivered;
}
