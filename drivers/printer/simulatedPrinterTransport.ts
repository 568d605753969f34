import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterSimulatorControls } from '../../src/devices/simulatorControls.js';
import { EscPosPrinterEmulator, type EmulatedJob } from './escposPrinterEmulator.js';
import {
  PrinterTransportError,
  type ConnectOptions,
  type ConnectionEnd,
  type ConnectionEvents,
  type PrinterConnection,
  type PrinterTransport,
} from './printerTransport.js';

/** Turns a job's bytes into the text a printer would put on paper (e.g. the ESC/POS decoder). */
export type PrintPreview = (bytes: Uint8Array) => string;

/**
 * A printer that prints to a directory. Behind the transport sits the same ESC/POS emulator the
 * tests use, so the kiosk talks to it exactly as to a real printer — status queries, paper out,
 * cover open — and the technician's levers (`PrinterSimulatorControls`) change that printer's
 * world. Each printed job is kept as `<timestamp>-<job>.bin` (the exact bytes a real printer would
 * get) with a `.txt` preview beside it, written under a `.partial` name and renamed, so a reader
 * never sees half a job; `.partial` files a crash left behind are removed at start-up. The
 * printer's answers are passed on only after the files of the jobs before them are written: like
 * a real printer, it answers "fine" after the paper came out.
 */
export class SimulatedPrinterTransport implements PrinterTransport, PrinterSimulatorControls {
  readonly kind = 'simulator';
  readonly target: string;
  readonly emulator = new EscPosPrinterEmulator();
  /** Settles once stray `.partial` files are gone; every connection waits for it. */
  readonly ready: Promise<void>;
  readonly #preview: PrintPreview;
  readonly #clock: () => Date;
  #connected = true;
  readonly #connections = new Set<SimulatedConnection>();
  readonly #stateListeners = new Set<() => void>();

  constructor(directory: string, preview: PrintPreview, options: { clock?: () => Date } = {}) {
    this.target = directory;
    this.#preview = preview;
    this.#clock = options.clock ?? (() => new Date());
    this.ready = removeStrayPartials(directory);
  }

  setPaper(paper: 'ok' | 'near-end' | 'out'): void {
    this.emulator.setPaper(paper);
    this.#changed();
  }

  setCover(cover: 'closed' | 'open'): void {
    this.emulator.setCover(cover);
    this.#changed();
  }

  setConnected(connected: boolean): void {
    this.#connected = connected;
    if (!connected) {
      for (const connection of this.#connections) connection.unplug();
    }
    this.#changed();
  }

  /**
   * Called after each lever is pulled. A real printer tells nobody until asked; the composition
   * root uses this to ask at once, so the device screen shows the new state without waiting for
   * the next job or probe.
   */
  onStateChange(listener: () => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#stateListeners) listener();
  }

  async connect(options: ConnectOptions, events: ConnectionEvents): Promise<PrinterConnection> {
    await this.ready;
    if (!this.#connected) throw new PrinterTransportError('offline', `the simulated printer (${this.target}) is unplugged`);
    const connection = new SimulatedConnection(this, options.jobName ?? 'job', events, () => this.#connections.delete(connection));
    this.#connections.add(connection);
    return connection;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#connections].map((connection) => connection.close()));
  }

  /** Writes one printed job's files; the name says when it was printed and which job it was. */
  async keep(job: EmulatedJob, jobName: string): Promise<void> {
    await mkdir(this.target, { recursive: true });
    const base = `${fileTimestamp(this.#clock())}-${safeJobName(jobName)}`;
    let preview: string;
    try {
      preview = this.#preview(job.bytes);
    } catch (error) {
      preview = `(preview unavailable: ${(error as Error).message})\n`;
    }
    await writeAtomically(join(this.target, `${base}.bin`), job.bytes);
    await writeAtomically(join(this.target, `${base}.txt`), preview);
  }
}

class SimulatedConnection implements PrinterConnection {
  readonly #printer: SimulatedPrinterTransport;
  readonly #jobName: string;
  #events: ConnectionEvents | null;
  readonly #forget: () => void;
  /** Files being written, then answers to pass on, in the order the printer produced them. */
  #outbox: Promise<void> = Promise.resolve();
  #ended: ConnectionEnd | null = null;
  readonly #unsubscribe: Array<() => void>;

  constructor(printer: SimulatedPrinterTransport, jobName: string, events: ConnectionEvents, forget: () => void) {
    this.#printer = printer;
    this.#jobName = jobName;
    this.#events = events;
    this.#forget = forget;
    let jobs = 0;
    this.#unsubscribe = [
      printer.emulator.onTransmit((bytes) => {
        const copy = Uint8Array.from(bytes);
        this.#outbox = this.#outbox.then(() => this.#events?.data(copy));
      }),
      printer.emulator.onJob((job) => {
        if (!job.printed) return;
        jobs += 1;
        const name = jobs === 1 ? this.#jobName : `${this.#jobName}-${jobs}`;
        this.#outbox = this.#outbox.then(() =>
          printer.keep(job, name).catch((error: unknown) => {
            this.#end({ reason: 'error', detail: `the simulated printer could not keep the job in ${printer.target}: ${(error as Error).message}` });
          }),
        );
      }),
    ];
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.#ended) throw new PrinterTransportError(this.#ended.reason, this.#ended.detail);
    if (!this.#events) throw new PrinterTransportError('closed', 'the connection was closed by the kiosk');
    this.#printer.emulator.receive(bytes);
  }

  unplug(): void {
    this.#end({ reason: 'closed', detail: `the simulated printer (${this.#printer.target}) was unplugged` });
  }

  #end(end: ConnectionEnd): void {
    if (this.#ended) return;
    this.#ended = end;
    const events = this.#events;
    this.#release();
    events?.end(end);
  }

  #release(): void {
    this.#events = null;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#forget();
  }

  async close(): Promise<void> {
    // Jobs already cut are on paper: their files are finished before the connection goes.
    this.#printer.emulator.flush();
    const outbox = this.#outbox;
    this.#release();
    await outbox;
  }

  destroy(): void {
    this.#printer.emulator.flush();
    this.#release();
  }
}

async function removeStrayPartials(directory: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  // Best effort: a file that cannot be removed now is tried again at the next start.
  await Promise.all(names.filter((name) => name.endsWith('.partial')).map((name) => rm(join(directory, name), { force: true }).catch(() => undefined)));
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
