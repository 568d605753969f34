import type { Access } from '../../contract/api.js';
import type { ApiError } from '../../contract/errors.js';
import type { Role, StaffRole, StationKind } from '../../contract/vocabulary.js';

/** Who is calling, as the host established it from the transport's credentials. */
export interface Caller {
  channel: 'kiosk' | 'lan';
  /** The kiosk's own screen (IPC, or loopback in headless mode) without a station token. */
  local: boolean;
  station: { id: number; name: string; kind: StationKind } | null;
  staff: { id: number; name: string; role: StaffRole } | null;
  sessionId: number | null;
  /** Why a session token that came with the call was not accepted. */
  sessionProblem: string | null;
  roles: ReadonlySet<Role>;
  address: string | null;
}

/** The kiosk itself acting on the day's rules or its devices (no person, no station). */
export const SYSTEM_CALLER: Caller = {
  channel: 'kiosk',
  local: true,
  station: null,
  staff: null,
  sessionId: null,
  sessionProblem: null,
  roles: new Set(),
  address: null,
};

/** What a station of each kind may do before anyone logs in on it. */
const STATION_ROLE: Record<StationKind, Role | undefined> = {
  kiosk: 'kiosk',
  display: 'display',
  desk: undefined,
  reception: undefined,
  admin: undefined,
};

export function rolesOf(local: boolean, stationKind: StationKind | null, staffRole: StaffRole | null): Set<Role> {
  const roles = new Set<Role>();
  if (local) roles.add('kiosk');
  const stationRole = stationKind ? STATION_ROLE[stationKind] : undefined;
  if (stationRole) roles.add(stationRole);
  if (staffRole) roles.add(staffRole);
  return roles;
}

/**
 * The one access check, run by the dispatcher before any handler: a handler cannot forget it.
 * Unpaired callers get 401 for everything but pairing; a paired caller without the role gets 401
 * when logging in could help, 403 when it could not.
 */
export function accessError(method: string, access: Access, caller: Caller): ApiError | undefined {
  if (access === 'anyone') return undefined;
  if (!caller.local && !caller.station) {
    return { code: 'unauthenticated', message: 'this station is not paired with the kiosk' };
  }
  if (access === 'station') return undefined;
  if (access.some((role) => caller.roles.has(role))) return undefined;
  if (!caller.staff && caller.station?.kind !== 'display') {
    return { code: 'unauthenticated', message: caller.sessionProblem ?? `log in to use ${method}` };
  }
  return { code: 'forbidden', message: `${method} is not allowed for this role` };
}
