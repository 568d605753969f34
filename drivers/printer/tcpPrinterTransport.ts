import { connect } from 'node:net';
import type { PrinterTransport } from './printerTransport.js';

export interface TcpPrinterOptions {
  host: string;
  /** 9100 is the raw-printing port of network receipt printers. */
  port: number;
  timeoutMs: number;
}

/**
 * Network receipt printer on raw TCP (port 9100): one connection per job, closed when the bytes
 * are flushed, so a printer power-cycled between tickets needs no reconnect logic.
 */
export class TcpPrinterTransport implements PrinterTransport {
  readonly kind = 'tcp';
  readonly target: string;
  readonly #options: TcpPrinterOptions;

  constructor(options: TcpPrinterOptions) {
    this.#options = options;
    this.target = `${options.host}:${options.port}`;
  }

  send(bytes: Uint8Array): Promise<void> {
    const { host, port, timeoutMs } = this.#options;
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve();
      };
      socket.setTimeout(timeoutMs, () => finish(new Error(`printer ${this.target} timed out after ${timeoutMs} ms`)));
      socket.once('error', (error) => finish(new Error(`printer ${this.target}: ${error.message}`)));
      socket.once('connect', () => {
        socket.end(bytes, () => finish());
      });
    });
  }

  async close(): Promise<void> {}
}
