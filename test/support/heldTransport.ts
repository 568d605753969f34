import type { PrinterTransport } from '../../drivers/printer/printerTransport.js';

/**
 * A printer transport whose jobs stay "on the wire" until the test releases them, so tests can
 * observe what happens while a ticket is still printing (shutdown, concurrency).
 */
export class HeldTransport implements PrinterTransport {
  readonly kind = 'held';
  readonly target = 'test';
  readonly started: string[] = [];
  readonly finished: string[] = [];
  #release: Array<() => void> = [];

  send(_bytes: Uint8Array, jobName: string): Promise<void> {
    this.started.push(jobName);
    return new Promise((resolve) => {
      this.#release.push(() => {
        this.finished.push(jobName);
        resolve();
      });
    });
  }

  releaseAll(): void {
    const pending = this.#release;
    this.#release = [];
    for (const release of pending) release();
  }

  async close(): Promise<void> {}
}
