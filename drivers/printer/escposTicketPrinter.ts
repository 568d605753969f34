import type { DeviceStatus } from '../../src/contract/api.js';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';
import type { Slip } from '../../src/domain/ticketSlip.js';
import { encodeSlipAsEscPos, type EscPosOptions } from './escposSlipEncoder.js';
import type { PrinterTransport } from './printerTransport.js';

/**
 * The ticket printer the core sees: ESC/POS protocol over any transport. Jobs are queued so two
 * tickets issued at once never interleave their bytes on the wire.
 */
export class EscPosTicketPrinter implements TicketPrinter {
  readonly #transport: PrinterTransport;
  readonly #options: EscPosOptions;
  #queue: Promise<unknown> = Promise.resolve();
  /** Nothing is known of a printer until a job has gone to it: a wrong IP is not "ready". */
  #state: { state: 'unknown' | 'ready' } | { state: 'error'; detail: string } = { state: 'unknown' };

  constructor(transport: PrinterTransport, options: EscPosOptions = { columns: 48 }) {
    this.#transport = transport;
    this.#options = options;
  }

  print(slip: Slip, jobName: string): Promise<void> {
    const bytes = encodeSlipAsEscPos(slip, this.#options);
    const job = this.#queue.then(() => this.#transport.send(bytes, jobName));
    this.#queue = job.catch(() => undefined);
    return job.then(
      () => {
        this.#state = { state: 'ready' };
      },
      (error: unknown) => {
        this.#state = { state: 'error', detail: error instanceof Error ? error.message : String(error) };
        throw error;
      },
    );
  }

  status(): DeviceStatus {
    const base = { id: 'printer', kind: `escpos/${this.#transport.kind}` };
    return this.#state.state === 'error'
      ? { ...base, state: 'error', detail: this.#state.detail }
      : { ...base, state: this.#state.state, detail: this.#transport.target };
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#transport.close();
  }
}
