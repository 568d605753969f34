import type { HostHealth } from '../host/kioskHost.js';

/** Drops `detail` fields at any depth while serialising. */
const dropDetail = (key: string, inner: unknown): unknown => (key === 'detail' ? undefined : inner);

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

export function healthForLan(health: HostHealth): HostHealth {
  const { error: _error, ...database } = health.database;
  return withoutTechnicianDetail({ ...health, database });
}
