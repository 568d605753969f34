import type { DeviceStatus } from '../../src/contract/api.js';
import { DeviceStatusReporter, type DriverLog } from '../deviceStatusReporter.js';
import type { ButtonPanel, PanelButton, PanelFeedback } from '../../src/devices/buttonPanel.js';
import { ButtonDebouncer, DEFAULT_DEBOUNCE_MS } from '../../src/domain/buttonDebounce.js';

export type { DriverLog };

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
  readonly #status: DeviceStatusReporter;
  protected readonly log: DriverLog | undefined;
  protected readonly clock: () => Date;

  protected constructor(options: ButtonPanelBaseOptions) {
    this.#driver = options.driver;
    this.#debouncer = new ButtonDebouncer(options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this.log = options.log;
    this.clock = options.clock ?? (() => new Date());
    this.#status = new DeviceStatusReporter({ id: 'buttons', driver: options.driver, state: options.state, detail: options.detail, clock: this.clock, log: this.log });
  }

  onPress(listener: (button: PanelButton) => void): () => void {
    this.#pressListeners.add(listener);
    return () => this.#pressListeners.delete(listener);
  }

  abstract feedback(signal: PanelFeedback): void;

  status(): DeviceStatus {
    return this.#status.current;
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.#status.subscribe(listener);
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
    this.#status.set(state, detail, since);
  }
}
