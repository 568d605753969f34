import type { HostHealth } from '../host/kioskHost.js';

/**
 * Drops technician `detail` texts (device and print outcomes carry them as strings) at any depth
 * while serialising. Structured `detail` (an audit entry's record of what happened) stays: the
 * manager reads the audit trail from a station.
 */
const dropDetail = (key: string, inner: unknown): unknown => (key === 'detail' && typeof inner === 'string' ? undefined : inner);

/**
 * What stations on the LAN may see. `detail` fields (printer addresses, file paths, raw error
 * text) are for the technician at the kiosk itself; stations get the states without them.
 */
export function withoutTechnicianDetail<T>(value: T): T {
  return JSON.parse(stationJson(value)) as T;
}

/** `value` as stations may see it, as JSON text: one pass, for the events fan-out's hot path. */
export function stationJson(value: unknown): string {
  return JSON.stringify(value, dropDetail);
}

/**
 * Health as the LAN may see it: the status word only. Anything more (device states, the forwarding
 * backlog, versions) tells an attacker on the site network what is broken and what runs here; the
 * kiosk machine itself, monitoring on loopback, gets the whole report.
 */
export function healthForLan(health: HostHealth): { status: HostHealth['status'] } {
  return { status: health.status };
}
