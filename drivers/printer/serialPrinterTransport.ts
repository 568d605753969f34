import { guardAgainstEndlessEof } from '../serial/hangupSafeRead.js';
import { SerialPort } from 'serialport';
import {
  connectFailure,
  connectionEnd,
  PrinterTransportError,
  type ConnectOptions,
  type ConnectionEnd,
  type ConnectionEvents,
  type PrinterConnection,
  type PrinterTransport,
} from './printerTransport.js';

export interface SerialPrinterOptions {
  /** `/dev/ttyUSB0`, `/dev/ttyS0`, `COM3`. */
  path: string;
  baudRate: number;
}

/**
 * Receipt printer on a serial line (RS-232, or a USB adapter that shows up as one), through the
 * `serialport` package. The port is opened per job and closed after it, like the other transports,
 * so another program (or a re-plugged adapter) never finds it held by a kiosk that is idle.
 */
export class SerialPrinterTransport implements PrinterTransport {
  readonly kind = 'serial';
  readonly target: string;
  readonly #options: SerialPrinterOptions;

  constructor(options: SerialPrinterOptions) {
    this.#options = options;
    this.target = `${options.path} @ ${options.baudRate} baud`;
  }

  connect(options: ConnectOptions, events: ConnectionEvents): Promise<PrinterConnection> {
    const { path, baudRate } = this.#options;
    return new Promise((resolve, reject) => {
      let port: SerialPort;
      try {
        port = new SerialPort({ path, baudRate, autoOpen: false, lock: true });
      } catch (error) {
        reject(connectFailure(this.target, error));
        return;
      }
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        if (port.isOpen) port.close();
        reject(new PrinterTransportError('timeout', `the serial port ${path} did not open within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      port.open((error) => {
        if (settled) {
          if (!error) port.close();
          return;
        }
        if (error) {
          clearTimeout(timer);
          settled = true;
          reject(connectFailure(this.target, error));
          return;
        }
        // A pulled adapter must end the job, not spin on end-of-file (serialport/bindings-cpp#162).
        guardAgainstEndlessEof(port.port);
        // Bytes still in the tty's input buffer are late answers to an earlier job, not to us.
        port.flush(() => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          resolve(new SerialConnection(port, this.target, baudRate, options.timeoutMs, events));
        });
      });
    });
  }

  async close(): Promise<void> {}
}

class SerialConnection implements PrinterConnection {
  readonly #port: SerialPort;
  readonly #target: string;
  readonly #baudRate: number;
  readonly #timeoutMs: number;
  #events: ConnectionEvents | null;
  #ended: ConnectionEnd | null = null;
  #writing: ((end: ConnectionEnd) => void) | null = null;

  constructor(port: SerialPort, target: string, baudRate: number, timeoutMs: number, events: ConnectionEvents) {
    this.#port = port;
    this.#target = target;
    this.#baudRate = baudRate;
    this.#timeoutMs = timeoutMs;
    this.#events = events;
    port.on('data', (chunk: Buffer) => this.#events?.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    port.on('error', (error: Error) => this.#end(connectionEnd(target, error)));
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      this.#end(
        error?.disconnected
          ? { reason: 'closed', detail: `the serial port ${target} was disconnected` }
          : { reason: 'closed', detail: `the serial port ${target} was closed` },
      );
    });
  }

  #end(end: ConnectionEnd): void {
    if (this.#ended) return;
    this.#ended = end;
    this.#writing?.(end);
    const events = this.#events;
    this.#events = null;
    events?.end(end);
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.#writing) return Promise.reject(new PrinterTransportError('error', 'overlapping writes (the ticket printer serialises them)'));
    if (this.#ended) return Promise.reject(new PrinterTransportError(this.#ended.reason, this.#ended.detail));
    // A slow line needs time to carry the bytes: 10 bits a byte (8N1) on top of the timeout.
    const budgetMs = this.#timeoutMs + Math.ceil((bytes.length * 10 * 1000) / this.#baudRate);
    return new Promise((resolve, reject) => {
      const settle = (error?: PrinterTransportError) => {
        if (!this.#writing) return;
        this.#writing = null;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      this.#writing = (end) => settle(new PrinterTransportError(end.reason, end.detail));
      const timer = setTimeout(
        () => settle(new PrinterTransportError('timeout', `the printer at ${this.#target} took no data for ${budgetMs} ms (flow control held?)`)),
        budgetMs,
      );
      this.#port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      // drain waits for tcdrain(): the bytes have left the UART, not just the process.
      this.#port.drain((error) => {
        if (!error) settle();
        else {
          const end = connectionEnd(this.#target, error);
          settle(new PrinterTransportError(end.reason, end.detail));
        }
      });
    });
  }

  close(): Promise<void> {
    this.#events = null;
    if (!this.#port.isOpen) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.#timeoutMs).unref();
      this.#port.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  destroy(): void {
    this.#events = null;
    if (this.#port.isOpen) this.#port.close(() => undefined);
  }
}
