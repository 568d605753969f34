/**
 * How bytes travel between the kiosk and a printer, both ways: a duplex connection opened per job
 * (or per status probe) and closed after it. The protocol (ESC/POS) lives above it; the transport
 * knows no printer language.
 *
 * Guarantees every implementation keeps (the simulator included), and the ticket printer relies on:
 * - `connect` settles within `timeoutMs`: it resolves with an open connection or rejects with a
 *   `PrinterTransportError` — `offline` when the printer is not there (refused, unreachable, no
 *   such device), `timeout` when nothing answered in time, `error` otherwise (e.g. no permission);
 * - `events.data` receives the printer's bytes in order, at least one byte per call, only while
 *   the connection is open, from the moment it opened: late answers to an earlier connection still
 *   waiting in a kernel buffer (serial, usb-lp) are discarded, never passed on as new ones;
 * - `events.end` is called at most once, when the connection ends without the kiosk closing it:
 *   `closed` (the printer closed it or disappeared), `reset` (ECONNRESET, EPIPE), `error`
 *   (another I/O error). After `close` or `destroy` neither event is called again;
 * - `write` resolves once every byte has left the process (handed to the kernel's socket buffer,
 *   the tty, the device) — not once the printer has them, which only the printer's own answer can
 *   tell. It rejects with a `PrinterTransportError` when the connection ends first or makes no
 *   progress within the connection's `timeoutMs` (plus transmission time on slow serial lines).
 *   Writes never overlap: a second `write` before the first settled rejects;
 * - `close` ends the connection gracefully (pending output is still delivered) and resolves
 *   within a bounded time; `destroy` drops it at once. Both may be called more than once.
 */
export interface PrinterTransport {
  /** `tcp`, `serial`, `usb-lp`, `simulator`; the driver reports `escpos/<kind>`. */
  readonly kind: string;
  /** Where the printer is, for technicians (host:port, device path, directory). */
  readonly target: string;
  connect(options: ConnectOptions, events: ConnectionEvents): Promise<PrinterConnection>;
  /** Releases anything kept between connections. Connections still open are the caller's. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  timeoutMs: number;
  /** Names the job for simulators and logs (e.g. the ticket number); real transports ignore it. */
  jobName?: string;
}

export interface ConnectionEvents {
  data(bytes: Uint8Array): void;
  end(end: ConnectionEnd): void;
}

export interface ConnectionEnd {
  reason: 'closed' | 'reset' | 'error';
  /** Technician words: where, what happened, the system's error code. */
  detail: string;
}

export interface PrinterConnection {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  destroy(): void;
}

export type PrinterTransportFailure = 'offline' | 'timeout' | 'closed' | 'reset' | 'error';

/** A transport's failure with the reason the ticket printer reports. */
export class PrinterTransportError extends Error {
  readonly reason: PrinterTransportFailure;

  constructor(reason: PrinterTransportFailure, detail: string) {
    super(detail);
    this.name = 'PrinterTransportError';
    this.reason = reason;
  }
}

/** Error codes that mean "the printer is not there", whatever the transport. */
const ABSENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENOENT', 'ENODEV', 'ENXIO']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns a failed open or connect into the reason the ticket printer reports. */
export function connectFailure(target: string, error: unknown): PrinterTransportError {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const absent = (code !== undefined && ABSENT.has(code)) || /no such file|not found|cannot open/i.test(message);
  return new PrinterTransportError(absent ? 'offline' : 'error', `cannot reach the printer at ${target}: ${message}`);
}

/** Turns an error on an open connection into how the connection ended. */
export function connectionEnd(target: string, error: unknown): ConnectionEnd {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && RESET.has(code)) return { reason: 'reset', detail: `the connection to ${target} was reset (${code})` };
  if (code === 'ENODEV' || code === 'EIO' || code === 'ENXIO') return { reason: 'closed', detail: `the printer at ${target} disappeared (${code})` };
  return { reason: 'error', detail: `the connection to ${target} failed: ${message}` };
}
