import { connect, type Socket } from 'node:net';
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

export interface TcpPrinterOptions {
  host: string;
  /** 9100 is the raw-printing port of network receipt printers. */
  port: number;
}

/** How long a graceful close waits for the printer's side of the close before dropping it. */
const CLOSE_GRACE_MS = 1000;

/**
 * Network receipt printer on raw TCP (port 9100), one connection per job. Many printers accept a
 * single connection at a time, and a printer power-cycled between tickets needs no reconnect
 * logic; the printer's answers arrive on the same connection.
 */
export class TcpPrinterTransport implements PrinterTransport {
  readonly kind = 'tcp';
  readonly target: string;
  readonly #options: TcpPrinterOptions;

  constructor(options: TcpPrinterOptions) {
    this.#options = options;
    this.target = `${options.host}:${options.port}`;
  }

  connect(options: ConnectOptions, events: ConnectionEvents): Promise<PrinterConnection> {
    const { host, port } = this.#options;
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterTransportError('timeout', `no connection to the printer at ${this.target} within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      const failed = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(connectFailure(this.target, error));
      };
      socket.once('error', failed);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', failed);
        resolve(new TcpConnection(socket, this.target, options.timeoutMs, events));
      });
    });
  }

  async close(): Promise<void> {}
}

class TcpConnection implements PrinterConnection {
  readonly #socket: Socket;
  readonly #target: string;
  readonly #timeoutMs: number;
  #events: ConnectionEvents | null;
  #ended: ConnectionEnd | null = null;
  #lastError: Error | null = null;
  #writing: ((end: ConnectionEnd) => void) | null = null;
  readonly #closed: Promise<void>;

  constructor(socket: Socket, target: string, timeoutMs: number, events: ConnectionEvents) {
    this.#socket = socket;
    this.#target = target;
    this.#timeoutMs = timeoutMs;
    this.#events = events;
    socket.on('data', (chunk: Buffer) => this.#events?.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    socket.on('error', (error) => (this.#lastError = error));
    // The printer closing its side is the end of the conversation: it will not answer any more.
    socket.on('end', () => this.#end({ reason: 'closed', detail: `the printer at ${target} closed the connection` }));
    this.#closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.once('close', () =>
      this.#end(this.#lastError ? connectionEnd(target, this.#lastError) : { reason: 'closed', detail: `the printer at ${target} closed the connection` }),
    );
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
        () => settle(new PrinterTransportError('timeout', `the printer at ${this.#target} took no data for ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      this.#socket.write(bytes, (error) => {
        if (!error) settle();
        else settle(new PrinterTransportError(connectionEnd(this.#target, error).reason, connectionEnd(this.#target, error).detail));
      });
    });
  }

  async close(): Promise<void> {
    this.#events = null;
    if (this.#socket.destroyed) return;
    this.#socket.end();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
    await Promise.race([this.#closed, grace]);
    this.#socket.destroy();
  }

  destroy(): void {
    this.#events = null;
    this.#socket.destroy();
  }
}
