import type { DeviceStatus } from '../../src/contract/api.js';
import type { TicketPrinter } from '../../src/devices/ticketPrinter.js';
import type { Slip } from '../../src/domain/ticketSlip.js';
import { encodeSlipAsEscPos, type EscPosOptions } from './escposSlipEncoder.js';
import type { PrinterTransport } from './printerTransport.js';

type PrinterState = { state: 'unknown' | 'ready' } | { state: 'error'; detail: string };

/**
 * The ticket printer the core sees: ESC/POS protocol over any transport. Jobs are queued so two
 * tickets issued at once never interleave their bytes on the wire.
 */
export class EscPosTicketPrinter implements TicketPrinter {
  readonly #transport: PrinterTransport;
  readonly #options: EscPosOptions;
  #queue: Promise<unknown> = Promise.resolve();
  /** Nothing is known of a printer until a job has gone to it: a wrong IP is not "ready". */
  #state: PrinterState = { state: 'unknown' };
  readonly #listeners = new Set<(status: DeviceStatus) => void>();

  constructor(transport: PrinterTransport, options: EscPosOptions = { columns: 48 }) {
    this.#transport = transport;
    this.#options = options;
  }

  print(slip: Slip, jobName: string): Promise<void> {
    const bytes = encodeSlipAsEscPos(slip, this.#options);
    const job = this.#queue.then(() => this.#transport.send(bytes, jobName));
    this.#queue = job.catch(() => undefined);
    return job.then(
      // Jobs are queued, so these run in the order jobs finished: the last state reported is
      // the printer's state now.
      () => this.#setState({ state: 'ready' }),
      (error: unknown) => {
        this.#setState({ state: 'error', detail: error instanceof Error ? error.message : String(error) });
        throw error;
      },
    );
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #setState(next: PrinterState): void {
    const changed = next.state !== this.#state.state;
    this.#state = next;
    if (!changed) return;
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
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
