import type { MethodInput, MethodName, MethodOutput, WhoAmI } from '../../../src/contract/api.js';
import { createKioskClient, type KioskClient } from '../../../src/contract/client.js';
import { KioskApiError } from '../../../src/contract/errors.js';
import { kioskBridge } from '../kioskClient.js';
import { createHttpTransport, type HttpTransport } from '../transport/httpTransport.js';
import { createIpcStationTransport } from '../transport/ipcTransport.js';

/**
 * Credentials of a browser station. The station token (from pairing) outlives restarts of the
 * browser, so it lives in localStorage; a staff session ends with the tab, so it lives in
 * sessionStorage.
 */
const STATION_TOKEN_KEY = 'kios-siapkerja.stationToken';
const SESSION_TOKEN_KEY = 'kios-siapkerja.sessionToken';

/** Why the page must go back to pairing or login after a 401. */
export type AuthLoss = 'station' | 'session';

export interface StationSession {
  readonly client: KioskClient;
  readonly transport: HttpTransport;
  stationToken(): string | undefined;
  sessionToken(): string | undefined;
  /** After pairing: keeps the token and reconnects the events socket with it. */
  setStationToken(token: string | undefined): void;
  /** After login (or with undefined after logout). */
  setSessionToken(token: string | undefined): void;
  /** Fires when a call was refused with 401: the page must show pairing or login again. */
  onAuthLost(listener: (loss: AuthLoss) => void): () => void;
  /** Fires whenever either token changed. */
  onCredentialsChanged(listener: () => void): () => void;
}

/** Methods whose 401 means "wrong code or PIN", not "your credentials are gone". */
const CREDENTIAL_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['stations.pair', 'auth.login', 'auth.whoami']);

function readStorage(storage: Storage | undefined, key: string): string | undefined {
  try {
    return storage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function writeStorage(storage: Storage | undefined, key: string, value: string | undefined): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Private mode or storage disabled: the token lives only in memory for this page.
  }
}

function safeStorage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}

export function createStationSession(origin: string = window.location.origin): StationSession {
  const local = safeStorage('localStorage');
  const session = safeStorage('sessionStorage');
  let stationToken = readStorage(local, STATION_TOKEN_KEY);
  let sessionToken = readStorage(session, SESSION_TOKEN_KEY);
  const authListeners = new Set<(loss: AuthLoss) => void>();
  const changeListeners = new Set<() => void>();

  // In the Electron app (a PC running a station page) calls go over IPC as the kiosk itself.
  const bridge = kioskBridge();
  const credentials = () => ({ stationToken, sessionToken });
  const transport = bridge ? createIpcStationTransport(bridge, credentials) : createHttpTransport(origin, { credentials });
  const raw = createKioskClient(transport);

  const changed = () => {
    for (const listener of changeListeners) listener();
    // The socket's hello carries the credentials: a new login or pairing needs a new hello.
    transport.reconnect();
  };

  const setStationToken = (token: string | undefined) => {
    if (token === stationToken && sessionToken === undefined) return;
    stationToken = token;
    writeStorage(local, STATION_TOKEN_KEY, token);
    // A session belongs to the station it was made on.
    sessionToken = undefined;
    writeStorage(session, SESSION_TOKEN_KEY, undefined);
    changed();
  };
  const setSessionToken = (token: string | undefined) => {
    if (token === sessionToken) return;
    sessionToken = token;
    writeStorage(session, SESSION_TOKEN_KEY, token);
    changed();
  };

  let diagnosing: Promise<void> | undefined;
  /** A 401 on an ordinary call: is the station unknown (revoked), or only the login gone? */
  const diagnose = () => {
    diagnosing ??= (async () => {
      let loss: AuthLoss;
      try {
        const who: WhoAmI = await raw.call('auth.whoami', {});
        loss = who.station === null && !who.local ? 'station' : 'session';
      } catch (error) {
        if (!(error instanceof KioskApiError) || error.code !== 'unauthenticated') return;
        loss = 'station';
      }
      // Nothing to lose (an unpaired page, a page nobody logged in on): nothing to report.
      if (loss === 'station' ? stationToken === undefined : sessionToken === undefined) return;
      if (loss === 'station') setStationToken(undefined);
      else setSessionToken(undefined);
      for (const listener of authListeners) listener(loss);
    })().finally(() => {
      diagnosing = undefined;
    });
    return diagnosing;
  };

  const client: KioskClient = {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      try {
        return await raw.call(method, input);
      } catch (error) {
        if (error instanceof KioskApiError && error.code === 'unauthenticated' && !CREDENTIAL_METHODS.has(method)) {
          void diagnose();
        }
        throw error;
      }
    },
    on: (event, handler) => raw.on(event, handler),
  };

  return {
    client,
    transport,
    stationToken: () => stationToken,
    sessionToken: () => sessionToken,
    setStationToken,
    setSessionToken,
    onAuthLost(listener) {
      authListeners.add(listener);
      return () => authListeners.delete(listener);
    },
    onCredentialsChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
