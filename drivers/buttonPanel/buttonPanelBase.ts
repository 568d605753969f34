import type { DeviceStatus } from '../../src/contract/api.js';
import type { ButtonPanel, PanelButton, PanelFeedback } from '../../src/devices/buttonPanel.js';
import { ButtonDebouncer, DEFAULT_DEBOUNCE_MS } from '../../src/domain/buttonDebounce.js';

/** Where a driver reports what it dropped (an unknown line, a listener that threw). */
export interface DriverLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export type PanelHealth = Extract<DeviceStatus['state'], 'unknown' | 'online' | 'offline' | 'error'>;

export interface ButtonPanelBaseOptions {
  driver: string;
  state: PanelHealth;
  detail: string;
  debounceMs?: number | undefined;
  log?: DriverLog | undefined;
  clock?: (() => Date) | undefined;
}

/**
 * What every button panel driver shares: one press is one event (the debouncer sits here, so no
 * transport can forget it), listeners that cannot break the driver, and the status it reports.
 */
export abstract class ButtonPanelBase implements ButtonPanel {
  readonly #driver: string;
  readonly #debouncer: ButtonDebouncer;
  readonly #pressListeners = new Set<(button: PanelButton) => void>();
  readonly #statusListeners = new Set<(status: DeviceStatus) => void>();
  #status: DeviceStatus;
  protected readonly log: DriverLog | undefined;
  protected readonly clock: () => Date;

  protected constructor(options: ButtonPanelBaseOptions) {
    this.#driver = options.driver;
    this.#debouncer = new ButtonDebouncer(options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this.log = options.log;
    this.clock = options.clock ?? (() => new Date());
    this.#status = { id: 'buttons', driver: options.driver, state: options.state, since: this.clock().toISOString(), detail: options.detail };
  }

  onPress(listener: (button: PanelButton) => void): () => void {
    this.#pressListeners.add(listener);
    return () => this.#pressListeners.delete(listener);
  }

  abstract feedback(signal: PanelFeedback): void;

  status(): DeviceStatus {
    return this.#status;
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  abstract close(): Promise<void>;

  /**
   * A press as the transport saw it; bounces and repeats within the window are dropped here.
   * `timestampMs` is any monotonic clock (performance.now() by default).
   */
  protected signalPress(button: PanelButton, timestampMs: number = performance.now()): boolean {
    if (!this.#debouncer.accept(button, timestampMs)) return false;
    for (const listener of [...this.#pressListeners]) {
      try {
        listener(button);
      } catch (error) {
        this.log?.warn('button listener failed', { driver: this.#driver, error: (error as Error).message });
      }
    }
    return true;
  }

  protected setStatus(state: PanelHealth, detail: string, since: Date = this.clock()): void {
    if (state === this.#status.state && detail === this.#status.detail) return;
    this.#status = { id: 'buttons', driver: this.#driver, state, since: since.toISOString(), detail };
    for (const listener of [...this.#statusListeners]) {
      try {
        listener(this.#status);
      } catch (error) {
        this.log?.warn('status listener failed', { driver: this.#driver, error: (error as Error).message });
      }
    }
  }
}
