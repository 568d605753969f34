import type { Staff, Station } from '../../contract/api.js';
import type { StaffRole, StationKind } from '../../contract/vocabulary.js';
import { DomainError } from '../../domain/domainError.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import {
  allStaff,
  allStations,
  burnPairingCodes,
  endSession,
  endSessionsOfStaff,
  insertPairingCode,
  insertSession,
  insertStaff,
  insertStation,
  livePairingCode,
  revokeStation,
  saveStaffSecurity,
  sessionByTokenHash,
  staffById,
  staffByUsername,
  stationById,
  stationByTokenHash,
  touchSession,
  usePairingCode,
  type SessionRow,
  type StaffRow,
  type StationRow,
} from '../../store/authQueries.js';
import type { CallContext } from '../dispatcher.js';
import { rolesOf, type Caller } from './caller.js';
import { decoyPinHash, hashPin, newPairingCode, newToken, tokenHash, verifyPin } from './secrets.js';

export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Wrong pairing codes from one address before it is not heard for 15 minutes. */
export const PAIRING_GUESS_LIMIT = 5;
/** Wrong pairing codes from anywhere before every open code is burnt. */
export const PAIRING_TOTAL_GUESS_LIMIT = 50;
export const PIN_FAILURE_LIMIT = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;
export const SESSION_IDLE_MS = 2 * 3_600_000;
const SESSION_SEEN_WRITE_MS = 5 * 60_000;
const RESOLVE_CACHE_MS = 2_000;

export interface AuditSink {
  (caller: Caller, action: string, detail?: Record<string, unknown>): void;
}

/**
 * Stations, staff and sessions. A station proves itself with the token it got at pairing; a person
 * with a PIN login bound to that station. Only hashes of tokens, codes and PINs are stored.
 */
export class AuthService {
  readonly #db: KioskDatabase;
  readonly #clock: () => Date;
  readonly #audit: AuditSink;
  /** Idle tracking in memory: writing last-seen on every call would cost an fsync per call. */
  readonly #sessionSeen = new Map<number, number>();
  readonly #stationSeen = new Map<number, string>();
  readonly #pendingLogins = new Map<number, number>();
  readonly #unknownNames = new Map<string, { count: number; until: number }>();
  readonly #sessionCache = new Map<string, { row: SessionRow; at: number }>();
  readonly #staffCache = new Map<number, { row: StaffRow; at: number }>();
  /** Wrong pairing codes per caller address, and in all; see `pair`. */
  readonly #wrongCodesByAddress = new Map<string, { count: number; since: number }>();
  #wrongPairingCodes = 0;

  constructor(db: KioskDatabase, clock: () => Date, audit: AuditSink) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
  }

  /** Throws `unauthenticated` for an unknown or revoked station token; a bad session is only noted. */
  resolve(context: CallContext): Caller {
    const now = this.#clock();
    let station: StationRow | undefined;
    if (context.stationToken !== undefined) {
      station = stationByTokenHash(this.#db, tokenHash(context.stationToken));
      if (!station || station.revoked_at) {
        throw new DomainError('unauthenticated', 'this station is not paired with the kiosk, or its pairing was revoked');
      }
      this.#stationSeen.set(station.id, now.toISOString());
    }
    const local = context.channel === 'kiosk' && station === undefined;
    let staff: StaffRow | undefined;
    let sessionId: number | null = null;
    let sessionProblem: string | null = null;
    if (context.sessionToken !== undefined) {
      const session = this.#session(context.sessionToken, now.getTime());
      const seen = session ? (this.#sessionSeen.get(session.id) ?? Date.parse(session.last_seen_at)) : 0;
      if (!session || session.ended_at || session.station_id !== (station?.id ?? null)) {
        sessionProblem = 'you are logged out; log in again';
      } else if (Date.parse(session.expires_at) <= now.getTime() || now.getTime() - seen > SESSION_IDLE_MS) {
        sessionProblem = 'your session has expired; log in again';
      } else {
        staff = this.#staff(session.staff_id, now.getTime());
        if (!staff || staff.disabled) {
          staff = undefined;
          sessionProblem = 'this account is disabled';
        } else {
          sessionId = session.id;
          this.#sessionSeen.set(session.id, now.getTime());
          // Kept on disk now and then, so a restart does not revive a session left idle.
          if (now.getTime() - Date.parse(session.last_seen_at) > SESSION_SEEN_WRITE_MS) touchSession(this.#db, session.id, now.toISOString());
        }
      }
    }
    return {
      channel: context.channel,
      local,
      station: station ? { id: station.id, name: station.name, kind: station.kind } : null,
      staff: staff ? { id: staff.id, name: staff.name, role: staff.role } : null,
      sessionId,
      sessionProblem,
      roles: rolesOf(local, station?.kind ?? null, staff?.role ?? null),
      address: context.address ?? null,
    };
  }

  createPairingCode(kind: StationKind, caller: Caller): { code: string; kind: StationKind; expiresAt: string } {
    const now = this.#clock();
    const code = newPairingCode();
    const expiresAt = new Date(now.getTime() + PAIRING_CODE_TTL_MS).toISOString();
    this.#db
      .transaction(() => {
        insertPairingCode(this.#db, {
          code_hash: tokenHash(code),
          kind,
          created_by: caller.staff?.id ?? null,
          created_at: now.toISOString(),
          expires_at: expiresAt,
        });
        this.#audit(caller, 'station.pairing_code', { kind });
      })
      .immediate();
    return { code, kind, expiresAt };
  }

  pair(code: string, name: string, caller: Caller): { station: Station; token: string } {
    const nowMs = this.#clock().getTime();
    const now = new Date(nowMs).toISOString();
    // A caller that guessed wrong five times is not heard for a while (a person mistyping twice
    // is); only many wrong codes from many addresses burn the open codes, so one device on the
    // LAN cannot keep stations from pairing.
    const address = caller.address ?? (caller.local ? 'kiosk' : 'unknown');
    const record = this.#wrongCodesByAddress.get(address);
    const recent = record && nowMs - record.since < LOCKOUT_MS ? record : undefined;
    if (recent && recent.count >= PAIRING_GUESS_LIMIT) {
      throw new DomainError('rate_limited', 'too many wrong pairing codes from this device; wait 15 minutes');
    }
    const live = livePairingCode(this.#db, tokenHash(code), now);
    if (!live) {
      this.#wrongCodesByAddress.set(address, { count: (recent?.count ?? 0) + 1, since: recent?.since ?? nowMs });
      if (this.#wrongCodesByAddress.size > 10_000) this.#wrongCodesByAddress.clear();
      this.#wrongPairingCodes += 1;
      if (this.#wrongPairingCodes >= PAIRING_TOTAL_GUESS_LIMIT) {
        // Many devices guessing: every open code dies and the technician shows a new one.
        burnPairingCodes(this.#db, now);
        this.#wrongPairingCodes = 0;
        this.#audit(caller, 'station.pairing_codes_burnt', { reason: 'too many wrong codes' });
      }
      throw new DomainError('unauthenticated', 'pairing code is wrong, used or expired; ask the technician for a new one');
    }
    const token = newToken();
    const row = this.#db
      .transaction(() => {
        usePairingCode(this.#db, live.id, now);
        const station = insertStation(this.#db, { name, kind: live.kind, token_hash: tokenHash(token), paired_at: now });
        this.#audit({ ...caller, station: { id: station.id, name: station.name, kind: station.kind } }, 'station.paired', {
          kind: station.kind,
        });
        return station;
      })
      .immediate();
    this.#wrongPairingCodes = 0;
    return { station: this.#stationView(row), token };
  }

  stations(): Station[] {
    return allStations(this.#db).map((row) => this.#stationView(row));
  }

  revoke(stationId: number, caller: Caller): Station {
    const now = this.#clock().toISOString();
    const row = this.#db
      .transaction(() => {
        if (!stationById(this.#db, stationId)) throw new DomainError('not_found', `no station ${stationId}`);
        revokeStation(this.#db, stationId, now);
        this.#audit(caller, 'station.revoked', { stationId });
        return stationById(this.#db, stationId) as StationRow;
      })
      .immediate();
    this.#forget();
    return this.#stationView(row);
  }

  async login(username: string, pin: string, caller: Caller): Promise<{ sessionToken: string; expiresAt: string; staff: NonNullable<Caller['staff']> }> {
    if (caller.station?.kind === 'display') {
      throw new DomainError('forbidden', 'nobody logs in on a waiting-room display');
    }
    const found = staffByUsername(this.#db, username);
    if (!found) {
      // An unknown name answers exactly like a real one (wrong, then locked after five tries),
      // so guessing cannot tell which user names exist.
      const nowMs = this.#clock().getTime();
      const key = username.toLowerCase();
      const record = this.#unknownNames.get(key);
      const current = record && record.until > nowMs ? record : undefined;
      await verifyPin(pin, await decoyPinHash());
      if (current && current.count >= PIN_FAILURE_LIMIT) {
        throw new DomainError('locked_out', `too many wrong PINs; try again after ${new Date(current.until).toISOString()}`);
      }
      const count = (current?.count ?? 0) + 1;
      if (this.#unknownNames.size > 10_000) this.#unknownNames.clear();
      this.#unknownNames.set(key, { count, until: current?.until ?? nowMs + LOCKOUT_MS });
      if (count >= PIN_FAILURE_LIMIT) {
        throw new DomainError('locked_out', `too many wrong PINs; the account is locked for ${LOCKOUT_MS / 60_000} minutes`);
      }
      throw new DomainError('unauthenticated', 'user name or PIN is wrong');
    }
    // Attempts still being hashed count as failures until they finish: otherwise a burst of
    // concurrent guesses would all pass the check below before the first one is counted.
    const pending = this.#pendingLogins.get(found.id) ?? 0;
    if (this.#failuresNow(found) + pending >= PIN_FAILURE_LIMIT) {
      await verifyPin(pin, await decoyPinHash());
      throw this.#lockedError(found);
    }
    this.#pendingLogins.set(found.id, pending + 1);
    let correct: boolean;
    try {
      correct = await verifyPin(pin, found.pin_hash);
    } finally {
      const left = (this.#pendingLogins.get(found.id) ?? 1) - 1;
      if (left > 0) this.#pendingLogins.set(found.id, left);
      else this.#pendingLogins.delete(found.id);
    }
    // Re-read after the slow hash: another attempt may have locked the account meanwhile.
    const staff = staffById(this.#db, found.id) as StaffRow;
    const now = this.#clock();
    const failuresBefore = this.#failuresNow(staff);
    if (failuresBefore >= PIN_FAILURE_LIMIT) throw this.#lockedError(staff);
    if (!correct || staff.disabled) {
      const failures = failuresBefore + 1;
      const lock = failures >= PIN_FAILURE_LIMIT;
      this.#db
        .transaction(() => {
          saveStaffSecurity(this.#db, {
            ...staff,
            failed_attempts: failures,
            locked_until: lock ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null,
          });
          this.#audit(caller, lock ? 'staff.locked_out' : 'staff.login_failed', { staffId: staff.id });
        })
        .immediate();
      this.#forget();
      if (lock) throw new DomainError('locked_out', `too many wrong PINs; the account is locked for ${LOCKOUT_MS / 60_000} minutes`);
      throw new DomainError('unauthenticated', staff.disabled ? 'this account is disabled' : 'user name or PIN is wrong');
    }
    const token = newToken();
    const expiresAt = new Date(now.getTime() + SESSION_MAX_MS).toISOString();
    const session = this.#db
      .transaction(() => {
        saveStaffSecurity(this.#db, { ...staff, failed_attempts: 0, locked_until: null });
        const inserted = insertSession(this.#db, {
          token_hash: tokenHash(token),
          staff_id: staff.id,
          station_id: caller.station?.id ?? null,
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          expires_at: expiresAt,
        });
        this.#audit({ ...caller, staff: { id: staff.id, name: staff.name, role: staff.role } }, 'staff.login', {});
        return inserted;
      })
      .immediate();
    this.#sessionSeen.set(session.id, now.getTime());
    this.#forget();
    return { sessionToken: token, expiresAt, staff: { id: staff.id, name: staff.name, role: staff.role } };
  }

  /**
   * Sessions and their staff, remembered for a moment: every call of a busy desk resolves the same
   * session, and two lookups per call are a noticeable part of a call's cost on a small PC. Any
   * change to sessions or staff made here forgets them at once; another process's change (there is
   * none on a kiosk) would be seen within RESOLVE_CACHE_MS.
   */
  #session(token: string, nowMs: number): SessionRow | undefined {
    const hash = tokenHash(token);
    const cached = this.#sessionCache.get(hash);
    if (cached && nowMs - cached.at < RESOLVE_CACHE_MS) return cached.row;
    const row = sessionByTokenHash(this.#db, hash);
    if (this.#sessionCache.size > 1000) this.#sessionCache.clear();
    if (row) this.#sessionCache.set(hash, { row, at: nowMs });
    return row;
  }

  #staff(id: number, nowMs: number): StaffRow | undefined {
    const cached = this.#staffCache.get(id);
    if (cached && nowMs - cached.at < RESOLVE_CACHE_MS) return cached.row;
    const row = staffById(this.#db, id);
    if (row) this.#staffCache.set(id, { row, at: nowMs });
    return row;
  }

  /** Called after any write to staff, sessions or stations. */
  #forget(): void {
    this.#sessionCache.clear();
    this.#staffCache.clear();
  }

  /** Failures that still count: a lock that has run out starts the count afresh. */
  #failuresNow(staff: StaffRow): number {
    if (staff.locked_until && Date.parse(staff.locked_until) <= this.#clock().getTime()) return 0;
    return staff.failed_attempts;
  }

  #lockedError(staff: StaffRow): DomainError {
    const until = staff.locked_until && Date.parse(staff.locked_until) > this.#clock().getTime() ? staff.locked_until : undefined;
    return new DomainError('locked_out', until ? `too many wrong PINs; try again after ${until}` : 'too many PIN attempts at once; try again shortly');
  }

  logout(caller: Caller): void {
    if (caller.sessionId === null) return;
    const sessionId = caller.sessionId;
    this.#db
      .transaction(() => {
        endSession(this.#db, sessionId, this.#clock().toISOString());
        this.#audit(caller, 'staff.logout', {});
      })
      .immediate();
    this.#forget();
    this.#sessionSeen.delete(sessionId);
  }

  staffList(): Staff[] {
    return allStaff(this.#db).map(staffView);
  }

  async createStaff(input: { username: string; name: string; role: StaffRole; pin: string }, caller: Caller | null): Promise<Staff> {
    if (caller) assertMayManage(caller, input.role);
    const pinHash = await hashPin(input.pin);
    return this.#db
      .transaction(() => {
        if (staffByUsername(this.#db, input.username)) throw new DomainError('conflict', `user name ${input.username} is taken`);
        const row = insertStaff(this.#db, { ...input, pin_hash: pinHash, created_at: this.#clock().toISOString() });
        if (caller) this.#audit(caller, 'staff.created', { staffId: row.id, role: row.role });
        return staffView(row);
      })
      .immediate();
  }

  async setPin(staffId: number, pin: string, caller: Caller): Promise<Staff> {
    const target = this.#managedStaff(staffId, caller);
    const pinHash = await hashPin(pin);
    const staff = this.#db
      .transaction(() => {
        saveStaffSecurity(this.#db, { ...target, pin_hash: pinHash, failed_attempts: 0, locked_until: null });
        endSessionsOfStaff(this.#db, staffId, this.#clock().toISOString());
        this.#audit(caller, 'staff.pin_set', { staffId });
        return staffView(staffById(this.#db, staffId) as StaffRow);
      })
      .immediate();
    this.#forget();
    return staff;
  }

  setDisabled(staffId: number, disabled: boolean, caller: Caller): Staff {
    const target = this.#managedStaff(staffId, caller);
    if (caller.staff?.id === staffId && disabled) throw new DomainError('conflict', 'you cannot disable your own account');
    const staff = this.#db
      .transaction(() => {
        saveStaffSecurity(this.#db, { ...target, disabled: disabled ? 1 : 0 });
        if (disabled) endSessionsOfStaff(this.#db, staffId, this.#clock().toISOString());
        this.#audit(caller, disabled ? 'staff.disabled' : 'staff.enabled', { staffId });
        return staffView(staffById(this.#db, staffId) as StaffRow);
      })
      .immediate();
    this.#forget();
    return staff;
  }

  #managedStaff(staffId: number, caller: Caller): StaffRow {
    const target = staffById(this.#db, staffId);
    if (!target) throw new DomainError('not_found', `no staff member ${staffId}`);
    assertMayManage(caller, target.role);
    return target;
  }

  #stationView(row: StationRow): Station {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      pairedAt: row.paired_at,
      lastSeenAt: this.#stationSeen.get(row.id) ?? row.last_seen_at,
      revoked: row.revoked_at !== null,
    };
  }
}

/** Managers look after the desk staff; only a technician creates managers and technicians. */
function assertMayManage(caller: Caller, role: StaffRole): void {
  if (caller.roles.has('technician')) return;
  if (caller.roles.has('manager') && (role === 'receptionist' || role === 'officer')) return;
  throw new DomainError('forbidden', `your role may not manage ${role} accounts`);
}

function staffView(row: StaffRow): Staff {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
  };
}
