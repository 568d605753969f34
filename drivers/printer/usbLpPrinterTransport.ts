import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import {
  connectFailure,
  connectionEnd,
  errorCode,
  PrinterTransportError,
  type ConnectOptions,
  type ConnectionEnd,
  type ConnectionEvents,
  type PrinterConnection,
  type PrinterTransport,
} from './printerTransport.js';

export interface UsbLpPrinterOptions {
  /** `/dev/usb/lp0`: the Linux usblp driver's device file. */
  path: string;
}

/** How often the device is asked for the printer's answers while a connection is open. */
const READ_POLL_MS = 10;
const WRITE_RETRY_MS = 5;

/**
 * USB receipt printer through Linux's usblp driver (`/dev/usb/lp0`), opened read/write: usblp
 * passes the printer's answers back on read, so DLE EOT works as on any other line.
 *
 * The device is opened non-blocking and read by polling while a job's connection is open. A
 * blocking read would park a libuv thread-pool thread until the printer spoke — possibly forever —
 * and closing the file does not wake it; polling every few milliseconds for the second or so a
 * job lasts costs nothing. An unplugged printer makes the device file vanish (`offline`) or its
 * reads and writes fail with ENODEV (`closed`).
 */
export class UsbLpPrinterTransport implements PrinterTransport {
  readonly kind = 'usb-lp';
  readonly target: string;
  readonly #path: string;

  constructor(options: UsbLpPrinterOptions) {
    this.#path = options.path;
    this.target = options.path;
  }

  async connect(options: ConnectOptions, events: ConnectionEvents): Promise<PrinterConnection> {
    let timer: NodeJS.Timeout | undefined;
    const opening = open(this.#path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new PrinterTransportError('timeout', `${this.#path} did not open within ${options.timeoutMs} ms`)), options.timeoutMs);
    });
    try {
      const handle = await Promise.race([opening, timeout]);
      await discardPending(handle);
      return new UsbLpConnection(handle, this.target, options.timeoutMs, events);
    } catch (error) {
      // An open that finishes after the timeout must not leak its descriptor.
      void opening.then((handle) => handle.close(), () => undefined);
      throw error instanceof PrinterTransportError ? error : connectFailure(this.target, error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {}
}

/** Late answers to an earlier job may wait in the driver's buffer; they are not for this one. */
async function discardPending(handle: FileHandle): Promise<void> {
  const buffer = Buffer.alloc(256);
  for (let round = 0; round < 64; round += 1) {
    try {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
    } catch {
      // EAGAIN: nothing waiting. Anything else shows up on the connection's first read.
      return;
    }
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class UsbLpConnection implements PrinterConnection {
  readonly #handle: FileHandle;
  readonly #target: string;
  readonly #timeoutMs: number;
  #events: ConnectionEvents | null;
  #ended: ConnectionEnd | null = null;
  #closing = false;
  #writing = false;
  readonly #reading: Promise<void>;

  constructor(handle: FileHandle, target: string, timeoutMs: number, events: ConnectionEvents) {
    this.#handle = handle;
    this.#target = target;
    this.#timeoutMs = timeoutMs;
    this.#events = events;
    this.#reading = this.#readLoop();
  }

  async #readLoop(): Promise<void> {
    const buffer = Buffer.alloc(256);
    while (!this.#closing && !this.#ended) {
      try {
        const { bytesRead } = await this.#handle.read(buffer, 0, buffer.length, null);
        if (bytesRead > 0) {
          this.#events?.data(Uint8Array.from(buffer.subarray(0, bytesRead)));
          continue;
        }
      } catch (error) {
        if (this.#closing) return;
        if (errorCode(error) !== 'EAGAIN') {
          this.#end(connectionEnd(this.#target, error));
          return;
        }
      }
      // Nothing to read (EAGAIN, or 0 bytes from a printer with nothing to say): ask again soon.
      await delay(READ_POLL_MS);
    }
  }

  #end(end: ConnectionEnd): void {
    if (this.#ended || this.#closing) return;
    this.#ended = end;
    const events = this.#events;
    this.#events = null;
    events?.end(end);
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.#writing) throw new PrinterTransportError('error', 'overlapping writes (the ticket printer serialises them)');
    this.#writing = true;
    try {
      let offset = 0;
      let lastProgress = Date.now();
      while (offset < bytes.length) {
        if (this.#ended) throw new PrinterTransportError(this.#ended.reason, this.#ended.detail);
        if (this.#closing) throw new PrinterTransportError('closed', `the connection to ${this.#target} was closed by the kiosk`);
        try {
          const { bytesWritten } = await this.#handle.write(bytes, offset, bytes.length - offset, null);
          if (bytesWritten > 0) {
            offset += bytesWritten;
            lastProgress = Date.now();
            continue;
          }
        } catch (error) {
          if (errorCode(error) !== 'EAGAIN') {
            const end = connectionEnd(this.#target, error);
            this.#end(end);
            throw new PrinterTransportError(end.reason, end.detail);
          }
        }
        // The printer's buffer is full (usblp has one write in flight): the printer is busy or
        // stopped; no progress for the whole timeout means it is not taking data.
        if (Date.now() - lastProgress > this.#timeoutMs) {
          throw new PrinterTransportError('timeout', `the printer at ${this.#target} took no data for ${this.#timeoutMs} ms`);
        }
        await delay(WRITE_RETRY_MS);
      }
    } finally {
      this.#writing = false;
    }
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#events = null;
    await this.#reading;
    await this.#handle.close().catch(() => undefined);
  }

  destroy(): void {
    void this.close();
  }
}
