import { createContext, useContext } from 'react';
import type { KioskInfo, WhoAmI } from '../../../src/contract/api.js';
import type { KioskClient } from '../../../src/contract/client.js';
import type { StationSession } from './stationSession.js';

export interface StationContextValue {
  session: StationSession;
  client: KioskClient;
  /** Who the host says this page is: station, staff logged in, roles, the officer's counter. */
  who: WhoAmI;
  /** Site name, time zone and service state, when the host answered kiosk.info. */
  info: KioskInfo | undefined;
  /** Asks the host again (after login, opening a counter, …). */
  refreshWho(): void;
  logout(): Promise<void>;
  /** Forgets this station's pairing, so it can be paired again (e.g. as another kind). */
  unpair(): void;
}

export const StationContext = createContext<StationContextValue | undefined>(undefined);

export function useStation(): StationContextValue {
  const value = useContext(StationContext);
  if (!value) throw new Error('useStation outside StationContext');
  return value;
}
