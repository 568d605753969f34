import { ReconnectingSerialLine } from '../serial/reconnectingSerialLine.js';
import { BarcodeScannerBase, type DriverLog } from './barcodeScannerBase.js';
import { ScanLineFramer, type ScanFramingOptions } from './scanFraming.js';

export interface SerialBarcodeScannerOptions extends ScanFramingOptions {
  path: string;
  baudRate: number;
  log?: DriverLog;
  clock?: () => Date;
  /** Reconnection backoff; tests shorten it. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * A scanner on a serial port (RS-232, or USB in CDC/virtual COM mode): the line framing over a
 * reconnecting serial line. Online while the port is open; an unplugged scanner is offline and
 * comes back by itself when plugged in again.
 */
export class SerialBarcodeScanner extends BarcodeScannerBase {
  readonly #line: ReconnectingSerialLine;

  constructor(options: SerialBarcodeScannerOptions) {
    const line = new ReconnectingSerialLine({
      path: options.path,
      baudRate: options.baudRate,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
      ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
    });
    const initial = line.status();
    super({ driver: 'scanner/serial', state: initial.state, detail: initial.detail, framer: new ScanLineFramer(options), log: options.log, clock: options.clock });
    this.#line = line;
    line.onData((chunk) => this.pushBytes(chunk));
    line.onStatusChange((status) => {
      this.resetFraming();
      this.setStatus(status.state, status.detail, status.since);
    });
  }

  async close(): Promise<void> {
    this.stopTimers();
    await this.#line.close();
  }
}
