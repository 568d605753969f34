import type { PanelButton, PanelFeedback } from '../../src/devices/buttonPanel.js';
import { ReconnectingHidDevice, type HidHost } from '../hid/hidDevice.js';
import { ButtonPanelBase, type DriverLog } from './buttonPanelBase.js';

export interface HidButtonPanelOptions {
  vendorId: number;
  productId: number;
  host: HidHost;
  /**
   * Where the button bitmask sits in each input report (bit 0 = button 1 … bit 4 = button 5).
   * 0 suits a board with unnumbered reports; a board that numbers them puts the id first.
   */
  buttonByte?: number;
  /** Only reports starting with this id are read (for boards that number their reports). */
  reportId?: number;
  debounceMs?: number;
  log?: DriverLog;
  clock?: () => Date;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Output report for lights: id 0, then bit n-1 lights button n; bit 7 sounds the beeper. */
const BEEP = 0x80;

/**
 * A button board that reports its buttons as a HID bitmask (USB arcade encoders, small
 * microcontroller boards). A press is a bit going from 0 to 1; a button held down reports the same
 * bit again and again, which is not a new press. Lights and beep, where the board has them, take
 * a one-byte output report; a board without one simply refuses the write, which is ignored.
 */
export class HidButtonPanel extends ButtonPanelBase {
  readonly #device: ReconnectingHidDevice;
  readonly #buttonByte: number;
  readonly #reportId: number | undefined;
  #held = 0;

  constructor(options: HidButtonPanelOptions) {
    const device = new ReconnectingHidDevice({
      host: options.host,
      vendorId: options.vendorId,
      productId: options.productId,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
      ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
    });
    const initial = device.status();
    super({ driver: 'buttons/hid', state: initial.state, detail: initial.detail, debounceMs: options.debounceMs, log: options.log, clock: options.clock });
    this.#device = device;
    this.#buttonByte = options.buttonByte ?? 0;
    this.#reportId = options.reportId;
    device.onData((report) => this.#receive(report));
    device.onStatusChange((status) => {
      // After a replug every held bit is news: the board starts from nothing pressed.
      this.#held = 0;
      this.setStatus(status.state, status.detail, status.since);
    });
  }

  feedback(signal: PanelFeedback): void {
    const mask = signal.kind === 'accepted' ? 1 << (signal.button - 1) : signal.kind === 'refused' ? BEEP : 0;
    this.#device.write(Uint8Array.of(0x00, mask)).catch((error: unknown) => {
      this.log?.warn('button panel feedback not sent', { error: (error as Error).message });
    });
  }

  async close(): Promise<void> {
    await this.#device.close();
  }

  #receive(report: Uint8Array): void {
    if (this.#reportId !== undefined && report[0] !== this.#reportId) return;
    const bits = report[this.#buttonByte];
    if (bits === undefined) return;
    const mask = bits & 0x1f;
    const rising = mask & ~this.#held;
    this.#held = mask;
    const now = performance.now();
    for (let index = 0; index < 5; index += 1) {
      if (rising & (1 << index)) this.signalPress((index + 1) as PanelButton, now);
    }
  }
}
