import type { KioskDatabase } from './kioskDatabase.js';

/** SQL for tickets and the outbox. Functions take the database so callers own transactions. */

export interface TicketRow {
  id: number;
  service_date: string;
  desk_id: number;
  seq: number;
  number: string;
  issued_at: string;
  channel: 'kiosk' | 'lan';
  print_status: 'pending' | 'printed' | 'failed';
  print_detail: string | null;
}

export const LAST_SEQUENCE_SQL =
  'SELECT MAX(seq) AS last FROM tickets WHERE service_date = ? AND desk_id = ?';

export function lastSequence(db: KioskDatabase, serviceDate: string, deskId: number): number {
  const row = db.prepare(LAST_SEQUENCE_SQL).get(serviceDate, deskId) as { last: number | null };
  return row.last ?? 0;
}

export function insertTicket(db: KioskDatabase, ticket: Omit<TicketRow, 'id' | 'print_status' | 'print_detail'>): TicketRow {
  return db
    .prepare(
      `INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel)
       VALUES (@service_date, @desk_id, @seq, @number, @issued_at, @channel)
       RETURNING *`,
    )
    .get(ticket) as TicketRow;
}

export function setPrintOutcome(db: KioskDatabase, id: number, status: 'printed' | 'failed', detail: string | null): void {
  db.prepare('UPDATE tickets SET print_status = ?, print_detail = ? WHERE id = ?').run(status, detail, id);
}

export function enqueueOutbox(db: KioskDatabase, topic: string, payload: unknown, createdAt: string): void {
  db.prepare('INSERT INTO outbox (topic, payload, created_at) VALUES (?, ?, ?)').run(
    topic,
    JSON.stringify(payload),
    createdAt,
  );
}

export const OUTBOX_BACKLOG_SQL = 'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL';

export function outboxBacklog(db: KioskDatabase): number {
  return (db.prepare(OUTBOX_BACKLOG_SQL).get() as { n: number }).n;
}
