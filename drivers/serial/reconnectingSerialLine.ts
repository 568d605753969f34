import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute } from 'node:path';
import { SerialPort } from 'serialport';
import { guardAgainstEndlessEof } from './hangupSafeRead.js';

/** The line's health in the words of DeviceStatus, so each device maps it one to one. */
export interface SerialLineStatus {
  state: 'unknown' | 'online' | 'offline' | 'error';
  since: Date;
  /** Technician-facing: the path and what happened to it. */
  detail: string;
}

export interface SerialLineOptions {
  /** `/dev/ttyUSB0`, `/dev/serial/by-id/…`, `COM3`. */
  path: string;
  baudRate: number;
  /** First wait after a failure; doubles on each further failure up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  clock?: () => Date;
}

export const SERIAL_MIN_BACKOFF_MS = 500;
export const SERIAL_MAX_BACKOFF_MS = 30_000;
/** udev creates the node before it sets its group: a replugged device is opened a moment later. */
const REAPPEAR_DELAY_MS = 150;

/**
 * A serial port that stays wanted: opened at once, and after an unplug, an error or a failed open
 * tried again with exponential backoff until it answers or the line is closed. A device that
 * reappears (its path created again, as udev does on replug) is tried at once rather than at the
 * end of a long backoff. Timers and the watcher never keep the process alive.
 *
 * No modem lines are touched: the devices here need none, and pseudo-terminals (tests, socat
 * bridges) refuse them.
 */
export class ReconnectingSerialLine {
  readonly #path: string;
  readonly #baudRate: number;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #clock: () => Date;
  readonly #dataListeners = new Set<(chunk: Uint8Array) => void>();
  readonly #statusListeners = new Set<(status: SerialLineStatus) => void>();
  #status: SerialLineStatus;
  #port: SerialPort | null = null;
  #opening = false;
  #closed = false;
  #backoffMs: number;
  #retry: NodeJS.Timeout | null = null;
  #retryAt = 0;
  #watcher: FSWatcher | null = null;
  #writes: Promise<void> = Promise.resolve();

  constructor(options: SerialLineOptions) {
    this.#path = options.path;
    this.#baudRate = options.baudRate;
    this.#minBackoffMs = options.minBackoffMs ?? SERIAL_MIN_BACKOFF_MS;
    this.#maxBackoffMs = options.maxBackoffMs ?? SERIAL_MAX_BACKOFF_MS;
    this.#clock = options.clock ?? (() => new Date());
    this.#backoffMs = this.#minBackoffMs;
    this.#status = { state: 'unknown', since: this.#clock(), detail: `${this.#path}: opening` };
    this.#watchPath();
    void this.#open();
  }

  get path(): string {
    return this.#path;
  }

  status(): SerialLineStatus {
    return this.#status;
  }

  onStatusChange(listener: (status: SerialLineStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  /** Sends bytes after any earlier write has drained; rejects when the line is down. */
  write(bytes: Uint8Array): Promise<void> {
    const job = this.#writes.then(() => this.#write(bytes));
    this.#writes = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelRetry();
    this.#watcher?.close();
    this.#watcher = null;
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.#dataListeners.clear();
    this.#statusListeners.clear();
  }

  async #open(): Promise<void> {
    if (this.#closed || this.#port || this.#opening) return;
    this.#opening = true;
    const port = new SerialPort({ path: this.#path, baudRate: this.#baudRate, autoOpen: false });
    // Errors after a loss or a close must never become an unhandled 'error' event.
    port.on('error', (error) => this.#lost(port, `${this.#path}: ${error.message}`));
    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      this.#opening = false;
      this.#setStatus(describeOpenFailure(this.#path, error));
      this.#scheduleRetry();
      return;
    }
    this.#opening = false;
    if (this.#closed) {
      port.close(() => undefined);
      return;
    }
    // Before the first read: reading starts with the 'data' listener below.
    guardAgainstEndlessEof(port.port);
    this.#port = port;
    this.#backoffMs = this.#minBackoffMs;
    this.#cancelRetry();
    port.on('data', (chunk: Buffer) => {
      for (const listener of this.#dataListeners) listener(chunk);
    });
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      this.#lost(port, error?.disconnected ? `${this.#path}: disconnected (unplugged?)` : `${this.#path}: closed`);
    });
    this.#setStatus({ state: 'online', detail: `${this.#path} at ${this.#baudRate} baud` });
  }

  #lost(port: SerialPort, detail: string): void {
    if (this.#port !== port) return;
    this.#port = null;
    if (port.isOpen) port.close(() => undefined);
    if (this.#closed) return;
    this.#setStatus({ state: 'offline', detail });
    this.#scheduleRetry();
  }

  #write(bytes: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port) return Promise.reject(new Error(`${this.#path} is not connected`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) reject(error);
        else port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
      });
    });
  }

  #scheduleRetry(delayMs?: number): void {
    if (this.#closed || this.#port) return;
    const wait = delayMs ?? this.#backoffMs;
    if (delayMs === undefined) this.#backoffMs = Math.min(this.#backoffMs * 2, this.#maxBackoffMs);
    const at = Date.now() + wait;
    // An earlier attempt already planned stays; a sooner one replaces it.
    if (this.#retry && this.#retryAt <= at) return;
    this.#cancelRetry();
    this.#retryAt = at;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.#open();
    }, wait);
    this.#retry.unref();
  }

  #cancelRetry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }

  /**
   * Watches the directory holding the device for its name disappearing (unplugged: the port is
   * given up even if no read noticed) and reappearing (plugged in: tried at once). Best effort: a
   * directory that does not exist yet (`/dev/serial/by-id` with nothing plugged) or a COM port has
   * no watcher, and reads and the backoff alone notice the device.
   */
  #watchPath(): void {
    if (!isAbsolute(this.#path)) return;
    const name = basename(this.#path);
    try {
      this.#watcher = watch(dirname(this.#path), { persistent: false }, (_event, filename) => {
        if (filename !== null && filename !== name) return;
        const port = this.#port;
        if (port) {
          if (!existsSync(this.#path)) this.#lost(port, `${this.#path}: disconnected (device removed)`);
          return;
        }
        if (!this.#opening) this.#scheduleRetry(REAPPEAR_DELAY_MS);
      });
      this.#watcher.on('error', () => {
        this.#watcher?.close();
        this.#watcher = null;
      });
    } catch {
      this.#watcher = null;
    }
  }

  #setStatus(next: Omit<SerialLineStatus, 'since'>): void {
    if (this.#closed || (next.state === this.#status.state && next.detail === this.#status.detail)) return;
    this.#status = { ...next, since: this.#clock() };
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}

/** An open that failed, in words a technician can act on. */
function describeOpenFailure(path: string, error: unknown): Omit<SerialLineStatus, 'since'> {
  const message = error instanceof Error ? error.message : String(error);
  if (/no such file|ENOENT|cannot find|file not found/i.test(message)) return { state: 'offline', detail: `${path}: not found (unplugged or wrong port?)` };
  if (/permission denied|EACCES|access denied/i.test(message)) {
    return { state: 'error', detail: `${path}: permission denied (add the kiosk user to the dialout group)` };
  }
  if (/cannot lock|resource temporarily unavailable|EBUSY|busy/i.test(message)) return { state: 'error', detail: `${path}: in use by another program` };
  return { state: 'error', detail: `${path}: ${message.replace(/^Error:\s*/, '')}` };
}
