import { EscPosPrinterEmulator } from '../../drivers/printer/escposPrinterEmulator.js';
import type { ConnectOptions, ConnectionEvents, PrinterConnection, PrinterTransport } from '../../drivers/printer/printerTransport.js';

/**
 * An emulated printer that answers status queries at once but holds back its answer after a job
 * until the test releases it, so tests can observe what happens while a ticket is still printing
 * (shutdown, concurrency). Held jobs are on paper already; only the confirmation waits.
 */
export class HeldTransport implements PrinterTransport {
  readonly kind = 'held';
  readonly target = 'test';
  readonly emulator = new EscPosPrinterEmulator();
  /** Names of jobs whose bytes reached the printer, and of those whose confirmation was released. */
  readonly started: string[] = [];
  readonly finished: string[] = [];
  #held: Array<() => void> = [];

  async connect(options: ConnectOptions, events: ConnectionEvents): Promise<PrinterConnection> {
    const name = options.jobName ?? 'job';
    let holding = false;
    let open = true;
    const deliver = (bytes: Uint8Array) =>
      queueMicrotask(() => {
        if (open) events.data(bytes);
      });
    const unsubscribe = this.emulator.onTransmit((bytes) => {
      const copy = Uint8Array.from(bytes);
      if (holding) this.#held.push(() => deliver(copy));
      else deliver(copy);
    });
    const release = () => {
      open = false;
      unsubscribe();
      this.emulator.flush();
    };
    return {
      write: async (bytes) => {
        // Replies caused by the job's own bytes (its trailing status query) wait for release.
        if (!holding && startsJob(bytes)) {
          holding = true;
          this.started.push(name);
          this.#held.push(() => this.finished.push(name));
        }
        this.emulator.receive(bytes);
      },
      close: async () => release(),
      destroy: release,
    };
  }

  releaseAll(): void {
    const held = this.#held;
    this.#held = [];
    for (const release of held) release();
  }

  async close(): Promise<void> {}
}

/** A job starts with ESC @ (initialise); status queries never contain it. */
function startsJob(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i += 1) if (bytes[i] === 0x1b && bytes[i + 1] === 0x40) return true;
  return false;
}
