import type { DeviceKind, DeviceStatus } from '../src/contract/api.js';

/** Where a driver reports what it dropped (an unknown line, a listener that threw). */
export interface DriverLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A device's status as its driver reports it: the current value, and listeners told of each real
 * change (same state and detail is no change). A listener that throws is logged and never stops
 * the driver or the other listeners.
 */
export class DeviceStatusReporter {
  readonly #id: DeviceKind;
  readonly #driver: string;
  readonly #clock: () => Date;
  readonly #log: DriverLog | undefined;
  readonly #listeners = new Set<(status: DeviceStatus) => void>();
  #status: DeviceStatus;

  constructor(options: { id: DeviceKind; driver: string; state: DeviceStatus['state']; detail: string; clock: () => Date; log: DriverLog | undefined }) {
    this.#id = options.id;
    this.#driver = options.driver;
    this.#clock = options.clock;
    this.#log = options.log;
    this.#status = { id: options.id, driver: options.driver, state: options.state, since: options.clock().toISOString(), detail: options.detail };
  }

  get current(): DeviceStatus {
    return this.#status;
  }

  subscribe(listener: (status: DeviceStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(state: DeviceStatus['state'], detail: string, since: Date = this.#clock()): void {
    if (state === this.#status.state && detail === this.#status.detail) return;
    this.#status = { id: this.#id, driver: this.#driver, state, since: since.toISOString(), detail };
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#status);
      } catch (error) {
        this.#log?.warn('status listener failed', { driver: this.#driver, error: (error as Error).message });
      }
    }
  }
}
