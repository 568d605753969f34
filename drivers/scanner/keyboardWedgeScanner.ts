import { KeyboardWedgeDetector, type KeyFlags, type WedgeOptions } from '../../src/domain/keyboardWedgeDetector.js';
import { BarcodeScannerBase, type DriverLog } from './barcodeScannerBase.js';

/**
 * A scanner that types into the kiosk window like a keyboard. Whoever owns the keyboard (Electron
 * main's `before-input-event`) feeds it every key; the timing detector decides what was scanned.
 * A keyboard cannot be asked whether it is plugged in, so the scanner is `unknown` until its first
 * scan and `online` from then on.
 */
export class KeyboardWedgeScanner extends BarcodeScannerBase {
  readonly #detector: KeyboardWedgeDetector;
  #flushTimer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(options: WedgeOptions & { log?: DriverLog; clock?: () => Date }) {
    super({
      driver: 'scanner/keyboard-wedge',
      state: 'unknown',
      detail: 'keyboard wedge: no scan yet (a keyboard cannot be asked whether it is plugged in)',
      log: options.log,
      clock: options.clock,
    });
    this.#detector = new KeyboardWedgeDetector(options);
  }

  /**
   * One key press (key down only). `timestampMs` may come from any monotonic clock, as long as
   * every call uses the same one. True: the key is part of a scan and should not reach the page.
   */
  feedKey(key: string, timestampMs: number, flags: KeyFlags = {}): boolean {
    if (this.#closed) return false;
    const result = this.#detector.feed(key, timestampMs, flags);
    if (result.scan) this.#deliver(result.scan);
    this.#armFlush(timestampMs);
    return result.consumed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    this.stopTimers();
  }

  #deliver(scan: { ok: true; text: string } | { ok: false; problem: string }): void {
    this.setStatus('online', 'keyboard wedge: scans arriving');
    this.emitScan(scan);
  }

  /**
   * A scan with no suffix ends in silence, which only a timer sees. The detector's deadline is in
   * the caller's clock; no key came before the timer fired, so flushing at the deadline is exact.
   */
  #armFlush(timestampMs: number): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    const deadline = this.#detector.deadline();
    if (deadline === null) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null;
      const scan = this.#detector.flush(deadline);
      if (scan) this.#deliver(scan);
    }, Math.max(0, deadline - timestampMs));
    this.#flushTimer.unref();
  }
}
