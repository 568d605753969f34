import type { DeviceStatus } from '../../src/contract/api.js';
import { DeviceStatusReporter, type DriverLog } from '../deviceStatusReporter.js';
import type { BarcodeScanner, ScanInput } from '../../src/devices/barcodeScanner.js';

export type { DriverLog };

/** A protocol turning a device's chunks into scans: the line framing, the HID POS reports. */
export interface ScanFrameSource {
  push(chunk: Uint8Array, nowMs: number): ScanInput[];
  /** When a partial code must be given up, or null when none is pending. */
  deadline(): number | null;
  expire(nowMs: number): ScanInput[];
  reset(): void;
}

export type ScannerHealth = Extract<DeviceStatus['state'], 'unknown' | 'online' | 'offline' | 'error'>;

/**
 * What every scanner driver shares: listeners, the status it reports, and bytes through the line
 * framing with the timer that gives up a partial code. A listener that throws is logged and
 * never stops the scanner: the next card must still scan.
 */
export abstract class BarcodeScannerBase implements BarcodeScanner {
  readonly #driver: string;
  readonly #scanListeners = new Set<(scan: ScanInput) => void>();
  readonly #framer: ScanFrameSource | null;
  readonly #status: DeviceStatusReporter;
  #quietTimer: NodeJS.Timeout | null = null;
  protected readonly log: DriverLog | undefined;
  protected readonly clock: () => Date;

  protected constructor(options: { driver: string; state: ScannerHealth; detail: string; framer?: ScanFrameSource; log?: DriverLog | undefined; clock?: (() => Date) | undefined }) {
    this.#driver = options.driver;
    this.#framer = options.framer ?? null;
    this.log = options.log;
    this.clock = options.clock ?? (() => new Date());
    this.#status = new DeviceStatusReporter({ id: 'scanner', driver: options.driver, state: options.state, detail: options.detail, clock: this.clock, log: this.log });
  }

  onScan(listener: (scan: ScanInput) => void): () => void {
    this.#scanListeners.add(listener);
    return () => this.#scanListeners.delete(listener);
  }

  status(): DeviceStatus {
    return this.#status.current;
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  abstract close(): Promise<void>;

  protected emitScan(scan: ScanInput): void {
    for (const listener of this.#scanListeners) {
      try {
        listener(scan);
      } catch (error) {
        this.log?.warn('scan listener failed', { driver: this.#driver, error: (error as Error).message });
      }
    }
  }

  /** A chunk from the device through the framing; codes and problems go to the listeners. */
  protected pushBytes(chunk: Uint8Array): void {
    if (!this.#framer) return;
    for (const scan of this.#framer.push(chunk, Date.now())) this.emitScan(scan);
    this.#armQuietTimer();
  }

  /** The device went away or came back: a partial code from before is not part of the next one. */
  protected resetFraming(): void {
    this.#framer?.reset();
    this.#clearQuietTimer();
  }

  protected setStatus(state: ScannerHealth, detail: string, since: Date = this.clock()): void {
    this.#status.set(state, detail, since);
  }

  /** For `close()`: no timer may outlive the driver. */
  protected stopTimers(): void {
    this.#clearQuietTimer();
  }

  #armQuietTimer(): void {
    this.#clearQuietTimer();
    const deadline = this.#framer?.deadline();
    if (deadline === null || deadline === undefined) return;
    this.#quietTimer = setTimeout(
      () => {
        this.#quietTimer = null;
        // Timers may fire a hair early against the wall clock; no byte came since, so the deadline is due.
        for (const scan of this.#framer?.expire(Math.max(Date.now(), deadline)) ?? []) this.emitScan(scan);
      },
      Math.max(0, deadline - Date.now()),
    );
    this.#quietTimer.unref();
  }

  #clearQuietTimer(): void {
    if (this.#quietTimer) clearTimeout(this.#quietTimer);
    this.#quietTimer = null;
  }
}
