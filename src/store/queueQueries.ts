import type { KioskDatabase } from './kioskDatabase.js';
import { prepared } from './statementCache.js';

/** Counters (officer workplaces), per-desk day state, referrals, calendar overrides, audit. */

export interface CounterRow {
  desk_id: number;
  counter_number: number;
  state: 'open' | 'paused' | 'closed';
  officer_id: number | null;
  pause_reason: string | null;
  current_ticket_id: number | null;
  since: string;
}

export function counterAt(db: KioskDatabase, deskId: number, counterNumber: number): CounterRow | undefined {
  return prepared(db, 'SELECT * FROM counters WHERE desk_id = ? AND counter_number = ?').get(deskId, counterNumber) as CounterRow | undefined;
}

export function counterOfOfficer(db: KioskDatabase, officerId: number): CounterRow | undefined {
  return prepared(db, "SELECT * FROM counters WHERE officer_id = ? AND state != 'closed'").get(officerId) as CounterRow | undefined;
}

export function saveCounter(db: KioskDatabase, row: CounterRow): void {
  prepared(
    db,
    `INSERT INTO counters (desk_id, counter_number, state, officer_id, pause_reason, current_ticket_id, since)
     VALUES (@desk_id, @counter_number, @state, @officer_id, @pause_reason, @current_ticket_id, @since)
     ON CONFLICT (desk_id, counter_number) DO UPDATE SET state = excluded.state, officer_id = excluded.officer_id,
       pause_reason = excluded.pause_reason, current_ticket_id = excluded.current_ticket_id, since = excluded.since`,
  ).run(row);
}

export function allCounters(db: KioskDatabase): CounterRow[] {
  return prepared(db, 'SELECT * FROM counters ORDER BY desk_id, counter_number').all() as CounterRow[];
}

export function activeCountersAtDesk(db: KioskDatabase, deskId: number): number {
  return (prepared(db, "SELECT COUNT(*) AS n FROM counters WHERE desk_id = ? AND state != 'closed'").get(deskId) as { n: number }).n;
}

export function openCountersAtDesk(db: KioskDatabase, deskId: number): number {
  return (prepared(db, "SELECT COUNT(*) AS n FROM counters WHERE desk_id = ? AND state = 'open'").get(deskId) as { n: number }).n;
}

export function priorityStreak(db: KioskDatabase, serviceDate: string, deskId: number): number {
  const row = prepared(db, 'SELECT priority_streak FROM desk_days WHERE service_date = ? AND desk_id = ?').get(serviceDate, deskId) as
    | { priority_streak: number }
    | undefined;
  return row?.priority_streak ?? 0;
}

export function setPriorityStreak(db: KioskDatabase, serviceDate: string, deskId: number, streak: number): void {
  prepared(
    db,
    `INSERT INTO desk_days (service_date, desk_id, priority_streak) VALUES (?, ?, ?)
     ON CONFLICT (service_date, desk_id) DO UPDATE SET priority_streak = excluded.priority_streak`,
  ).run(serviceDate, deskId, streak);
}

export interface ReferralRow {
  id: number;
  ticket_id: number;
  level: string;
  user_type: string;
  employer_scope: string | null;
  follow_up_date: string;
  follow_up_time: string;
  place: string | null;
  online_link: string | null;
  contact_sealed: string;
  contact_masked: string;
  note_sealed: string | null;
  created_by: number | null;
  created_at: string;
}

export function insertReferral(db: KioskDatabase, row: Omit<ReferralRow, 'id'>): ReferralRow {
  return prepared(
    db,
    `INSERT INTO referrals (ticket_id, level, user_type, employer_scope, follow_up_date, follow_up_time, place, online_link,
       contact_sealed, contact_masked, note_sealed, created_by, created_at)
     VALUES (@ticket_id, @level, @user_type, @employer_scope, @follow_up_date, @follow_up_time, @place, @online_link,
       @contact_sealed, @contact_masked, @note_sealed, @created_by, @created_at) RETURNING *`,
  ).get(row) as ReferralRow;
}

export function referralsOfDay(db: KioskDatabase, serviceDate: string): Array<ReferralRow & { number: string; desk_id: number }> {
  return prepared(
    db,
    `SELECT r.*, t.number AS number, t.queue_desk_id AS desk_id FROM referrals r JOIN tickets t ON t.id = r.ticket_id
     WHERE t.service_date = ? ORDER BY r.id`,
  ).all(serviceDate) as Array<ReferralRow & { number: string; desk_id: number }>;
}

export function calendarOverrides(db: KioskDatabase): Array<{ date: string; sessions: string; note: string }> {
  return prepared(db, 'SELECT date, sessions, note FROM calendar_overrides ORDER BY date').all() as Array<{ date: string; sessions: string; note: string }>;
}

export function saveCalendarOverride(db: KioskDatabase, row: { date: string; sessions: string; note: string; set_by: number | null; set_at: string }): void {
  prepared(
    db,
    `INSERT INTO calendar_overrides (date, sessions, note, set_by, set_at) VALUES (@date, @sessions, @note, @set_by, @set_at)
     ON CONFLICT (date) DO UPDATE SET sessions = excluded.sessions, note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at`,
  ).run(row);
}

export interface AuditRow {
  at: string;
  service_date: string;
  action: string;
  ticket_id: number | null;
  desk_id: number | null;
  counter_number: number | null;
  staff_id: number | null;
  station_id: number | null;
  channel: 'kiosk' | 'lan';
  detail: string | null;
}

export function insertAudit(db: KioskDatabase, row: AuditRow): void {
  prepared(
    db,
    `INSERT INTO audit (at, service_date, action, ticket_id, desk_id, counter_number, staff_id, station_id, channel, detail)
     VALUES (@at, @service_date, @action, @ticket_id, @desk_id, @counter_number, @staff_id, @station_id, @channel, @detail)`,
  ).run(row);
}

export interface AuditListRow extends AuditRow {
  id: number;
  number: string | null;
  staff_name: string | null;
  station_name: string | null;
}

export function auditEntries(db: KioskDatabase, serviceDate: string, beforeId: number, limit: number): AuditListRow[] {
  return prepared(
    db,
    `SELECT a.*, t.number AS number, s.name AS staff_name, st.name AS station_name FROM audit a
     LEFT JOIN tickets t ON t.id = a.ticket_id LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN stations st ON st.id = a.station_id
     WHERE a.service_date = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?`,
  ).all(serviceDate, beforeId, limit) as AuditListRow[];
}

/** The latest device health changes, newest first (the device screen's history). */
export function deviceHistory(db: KioskDatabase, limit: number): Array<{ at: string; detail: string | null }> {
  return prepared(db, "SELECT at, detail FROM audit WHERE action = 'device.status' ORDER BY id DESC LIMIT ?").all(limit) as Array<{
    at: string;
    detail: string | null;
  }>;
}
