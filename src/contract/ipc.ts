/**
 * The Electron IPC side of the contract. Kept free of zod so the sandboxed preload bundle stays
 * a few lines: validation happens in main (inputs) and in the renderer's client (outputs).
 */
export const IPC_CALL_CHANNEL = 'kiosk:call';
export const IPC_EVENT_CHANNEL = 'kiosk:event';

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'kioskBridge';

/**
 * The narrow object the preload exposes. Declared once here: the preload implements it and the
 * renderer consumes it, so neither side carries a hand-copied type.
 */
export interface KioskBridge {
  /** `sessionToken`: a staff login made on the kiosk screen itself (technician, manager). */
  call(method: string, input: unknown, sessionToken?: string): Promise<unknown>;
  onEvent(listener: (message: unknown) => void): () => void;
}
