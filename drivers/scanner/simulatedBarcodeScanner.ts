import type { ScannerSimulatorControls } from '../../src/devices/simulatorControls.js';
import { BarcodeScannerBase, type DriverLog } from './barcodeScannerBase.js';
import { ScanLineFramer, type ScanFramingOptions } from './scanFraming.js';

const encoder = new TextEncoder();

/**
 * A scanner that lives on the technician's screen and in tests. A simulated scan is the bytes a
 * real scanner would send (prefix, code, suffix) through the same framing, so an overlong or
 * garbled code is refused exactly as on the wire. Scans arrive synchronously, before `scan()`
 * returns; an unplugged simulator delivers nothing.
 */
export class SimulatedBarcodeScanner extends BarcodeScannerBase implements ScannerSimulatorControls {
  readonly #prefix: string;
  readonly #suffix: string;
  #connected = true;

  constructor(options: ScanFramingOptions & { log?: DriverLog; clock?: () => Date } = {}) {
    super({ driver: 'scanner/simulator', state: 'online', detail: 'simulated scanner', framer: new ScanLineFramer(options), log: options.log, clock: options.clock });
    this.#prefix = options.prefix ?? '';
    this.#suffix = options.suffix ?? '\r';
  }

  scan(text: string): void {
    if (!this.#connected) return;
    this.pushBytes(encoder.encode(`${this.#prefix}${text}${this.#suffix}`));
  }

  setConnected(connected: boolean): void {
    this.#connected = connected;
    this.resetFraming();
    this.setStatus(connected ? 'online' : 'offline', connected ? 'simulated scanner' : 'simulated scanner unplugged');
  }

  async close(): Promise<void> {
    this.#connected = false;
    this.stopTimers();
  }
}
