import type { StaffRole, StationKind } from '../contract/vocabulary.js';
import type { KioskDatabase } from './kioskDatabase.js';
import { prepared } from './statementCache.js';

/** Staff, paired stations, pairing codes and sessions. Secrets are stored only as hashes. */

export interface StaffRow {
  id: number;
  username: string;
  name: string;
  role: StaffRole;
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: 0 | 1;
  created_at: string;
}

export function staffByUsername(db: KioskDatabase, username: string): StaffRow | undefined {
  return prepared(db, 'SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined;
}
export function staffById(db: KioskDatabase, id: number): StaffRow | undefined {
  return prepared(db, 'SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
}
export function allStaff(db: KioskDatabase): StaffRow[] {
  return prepared(db, 'SELECT * FROM staff ORDER BY role, name').all() as StaffRow[];
}
export function insertStaff(db: KioskDatabase, row: Pick<StaffRow, 'username' | 'name' | 'role' | 'pin_hash' | 'created_at'>): StaffRow {
  return prepared(
    db,
    'INSERT INTO staff (username, name, role, pin_hash, created_at) VALUES (@username, @name, @role, @pin_hash, @created_at) RETURNING *',
  ).get(row) as StaffRow;
}
export function saveStaffSecurity(db: KioskDatabase, row: Pick<StaffRow, 'id' | 'pin_hash' | 'failed_attempts' | 'locked_until' | 'disabled'>): void {
  prepared(
    db,
    'UPDATE staff SET pin_hash = @pin_hash, failed_attempts = @failed_attempts, locked_until = @locked_until, disabled = @disabled WHERE id = @id',
  ).run(row);
}

export interface StationRow {
  id: number;
  name: string;
  kind: StationKind;
  token_hash: string;
  paired_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}
export function stationByTokenHash(db: KioskDatabase, tokenHash: string): StationRow | undefined {
  return prepared(db, 'SELECT * FROM stations WHERE token_hash = ?').get(tokenHash) as StationRow | undefined;
}
export function stationById(db: KioskDatabase, id: number): StationRow | undefined {
  return prepared(db, 'SELECT * FROM stations WHERE id = ?').get(id) as StationRow | undefined;
}
export function allStations(db: KioskDatabase): StationRow[] {
  return prepared(db, 'SELECT * FROM stations ORDER BY revoked_at IS NOT NULL, name').all() as StationRow[];
}
export function insertStation(db: KioskDatabase, row: Pick<StationRow, 'name' | 'kind' | 'token_hash' | 'paired_at'>): StationRow {
  return prepared(
    db,
    'INSERT INTO stations (name, kind, token_hash, paired_at) VALUES (@name, @kind, @token_hash, @paired_at) RETURNING *',
  ).get(row) as StationRow;
}
export function revokeStation(db: KioskDatabase, id: number, at: string): void {
  prepared(db, 'UPDATE stations SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id);
  prepared(db, 'UPDATE sessions SET ended_at = COALESCE(ended_at, ?) WHERE station_id = ?').run(at, id);
}

export interface PairingCodeRow {
  id: number;
  code_hash: string;
  kind: StationKind;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export function insertPairingCode(db: KioskDatabase, row: Omit<PairingCodeRow, 'id' | 'used_at'>): void {
  prepared(
    db,
    'INSERT INTO pairing_codes (code_hash, kind, created_by, created_at, expires_at) VALUES (@code_hash, @kind, @created_by, @created_at, @expires_at)',
  ).run(row);
}
export function livePairingCode(db: KioskDatabase, codeHash: string, now: string): PairingCodeRow | undefined {
  return prepared(db, 'SELECT * FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').get(codeHash, now) as
    | PairingCodeRow
    | undefined;
}
export function usePairingCode(db: KioskDatabase, id: number, at: string): void {
  prepared(db, 'UPDATE pairing_codes SET used_at = ? WHERE id = ?').run(at, id);
}
/** Burns every open code: after too many wrong guesses the technician must show a new one. */
export function burnPairingCodes(db: KioskDatabase, at: string): void {
  prepared(db, 'UPDATE pairing_codes SET used_at = ? WHERE used_at IS NULL').run(at);
}

export interface SessionRow {
  id: number;
  token_hash: string;
  staff_id: number;
  station_id: number | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}
export function insertSession(db: KioskDatabase, row: Omit<SessionRow, 'id' | 'ended_at'>): SessionRow {
  return prepared(
    db,
    `INSERT INTO sessions (token_hash, staff_id, station_id, created_at, last_seen_at, expires_at)
     VALUES (@token_hash, @staff_id, @station_id, @created_at, @last_seen_at, @expires_at) RETURNING *`,
  ).get(row) as SessionRow;
}
export function sessionByTokenHash(db: KioskDatabase, tokenHash: string): SessionRow | undefined {
  return prepared(db, 'SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
}
export function endSession(db: KioskDatabase, id: number, at: string): void {
  prepared(db, 'UPDATE sessions SET ended_at = COALESCE(ended_at, ?) WHERE id = ?').run(at, id);
}
export function endSessionsOfStaff(db: KioskDatabase, staffId: number, at: string): void {
  prepared(db, 'UPDATE sessions SET ended_at = COALESCE(ended_at, ?) WHERE staff_id = ?').run(at, staffId);
}

/** Without its own fsync: losing one to a power cut only makes an idle session look younger. */
export function touchSession(db: KioskDatabase, id: number, at: string): void {
  db.pragma('synchronous = NORMAL');
  try {
    prepared(db, 'UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);
  } finally {
    db.pragma('synchronous = FULL');
  }
}

export function otherLiveSessions(db: KioskDatabase, staffId: number, exceptSessionId: number, now: string): number {
  return (
    prepared(db, 'SELECT COUNT(*) AS n FROM sessions WHERE staff_id = ? AND id != ? AND ended_at IS NULL AND expires_at > ?').get(
      staffId,
      exceptSessionId,
      now,
    ) as { n: number }
  ).n;
}
