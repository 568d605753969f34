import type { MethodName, MethodOutput } from '../../src/contract/api.js';
import type { ApiError } from '../../src/contract/errors.js';
import type { StaffRole } from '../../src/contract/vocabulary.js';
import type { CallContext } from '../../src/host/dispatcher.js';
import type { KioskHost } from '../../src/host/kioskHost.js';

export const KIOSK: CallContext = { channel: 'kiosk' };
export const TEST_PIN = '246810';

/** Calls a method and returns its value, or throws with the error code in the message. */
export async function ok<M extends MethodName>(host: KioskHost, method: M, input: unknown, context: CallContext = KIOSK): Promise<MethodOutput<M>> {
  const envelope = await host.dispatch(method, input, context);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as MethodOutput<M>;
}

/** Calls a method that must fail and returns the error. */
export async function refused(host: KioskHost, method: MethodName, input: unknown, context: CallContext = KIOSK): Promise<ApiError> {
  const envelope = await host.dispatch(method, input, context);
  if (envelope.ok) throw new Error(`${method} succeeded but should have failed`);
  return envelope.error;
}

/** A staff account and a login on the kiosk itself (or on a station, with its token). */
export async function loginAs(host: KioskHost, role: StaffRole, username: string, station?: string): Promise<CallContext> {
  await host.createStaff({ username, name: `${role} ${username}`, role, pin: TEST_PIN });
  const base: CallContext = station ? { channel: 'lan', stationToken: station } : KIOSK;
  const login = await ok(host, 'auth.login', { username, pin: TEST_PIN }, base);
  return { ...base, sessionToken: login.sessionToken };
}

/** Pairs a station of a kind through a technician's code, as a technician on the kiosk would. */
export async function pairStation(host: KioskHost, kind: 'desk' | 'reception' | 'display' | 'kiosk' | 'admin', technician: CallContext, name = `${kind} station`): Promise<string> {
  const { code } = await ok(host, 'stations.createPairingCode', { kind }, technician);
  const { token } = await ok(host, 'stations.pair', { code, name }, { channel: 'lan' });
  return token;
}

/** A clock the test moves by hand. */
export function manualClock(startIso: string): { now: () => Date; advance(ms: number): void; set(iso: string): void } {
  let current = Date.parse(startIso);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (iso) => {
      current = Date.parse(iso);
    },
  };
}
