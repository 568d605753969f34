import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterTransport } from './printerTransport.js';

/** Turns a job's bytes into the text a printer would put on paper (e.g. the ESC/POS decoder). */
export type PrintPreview = (bytes: Uint8Array) => string;

/**
 * A printer that prints to a directory: each job is kept as `<timestamp>-<job>.bin` (the exact
 * bytes a real printer would get) with a `.txt` preview beside it, rendered from those bytes by the
 * protocol's decoder. It is a first-class transport: the kiosk runs on it with no hardware, and
 * tests read what was printed. It knows no printer language itself.
 */
export class SimulatedPrinterTransport implements PrinterTransport {
  readonly kind = 'simulator';
  readonly target: string;
  readonly #preview: PrintPreview;
  #busy = false;

  constructor(directory: string, preview: PrintPreview) {
    this.target = directory;
    this.#preview = preview;
  }

  async send(bytes: Uint8Array, jobName: string): Promise<void> {
    if (this.#busy) throw new Error('simulated printer: overlapping job (jobs must be serialised)');
    this.#busy = true;
    try {
      await mkdir(this.target, { recursive: true });
      const base = `${fileTimestamp(new Date())}-${safeJobName(jobName)}`;
      let preview: string;
      try {
        preview = this.#preview(bytes);
      } catch (error) {
        preview = `(preview unavailable: ${(error as Error).message})\n`;
      }
      // Write under a temporary name, then rename, so a reader never sees half a job.
      await writeAtomically(join(this.target, `${base}.bin`), bytes);
      await writeAtomically(join(this.target, `${base}.txt`), preview);
    } finally {
      this.#busy = false;
    }
  }

  async close(): Promise<void> {}
}

/** 20261123T143015123Z: sorts in print order and is safe on every file system. */
function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function safeJobName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'job';
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.partial`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
