import type { Envelope } from '../../src/contract/api.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import { APP_HOST, APP_SCHEME } from './appOrigin.js';

/**
 * What the IPC transport does with one call, apart from Electron so it is unit-tested under Node:
 * calls from any frame not served by our own app:// origin are refused before they reach the host.
 */
export function createIpcCallHandler(host: Pick<KioskHost, 'dispatch'>) {
  return async (senderUrl: string | undefined, method: unknown, input: unknown, sessionToken?: unknown): Promise<Envelope> => {
    if (!isTrustedSender(senderUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'sender not allowed' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'method must be a string' } };
    }
    if (sessionToken !== undefined && (typeof sessionToken !== 'string' || sessionToken.length > 100)) {
      return { ok: false, error: { code: 'invalid_input', message: 'session token must be a short string' } };
    }
    return host.dispatch(method, input, { channel: 'kiosk', ...(sessionToken !== undefined ? { sessionToken } : {}) });
  };
}

function isTrustedSender(senderUrl: string | undefined): boolean {
  if (!senderUrl) return false;
  try {
    // Compare scheme and host, not URL.origin: Node's URL gives custom schemes the origin "null".
    const url = new URL(senderUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
