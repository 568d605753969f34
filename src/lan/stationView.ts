import type { HostHealth } from '../host/kioskHost.js';

/**
 * What stations on the LAN may see. `detail` fields (printer addresses, file paths, raw error
 * text) are for the technician at the kiosk itself; stations get the states without them.
 */
export function withoutTechnicianDetail<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'detail' ? undefined : inner))) as T;
}

export function healthForLan(health: HostHealth): HostHealth {
  const { error: _error, ...database } = health.database;
  return withoutTechnicianDetail({ ...health, database });
}
