export type EmulatedPaper = 'ok' | 'near-end' | 'out';
export type EmulatedCover = 'closed' | 'open';

/** A job as the emulated printer saw it: every byte from its first command to its cut. */
export interface EmulatedJob {
  readonly bytes: Uint8Array;
  /** False when the paper ran out or the cover was open at any point of the job. */
  readonly printed: boolean;
  /** Why it was not printed. */
  readonly spoiledBy?: 'paper-out' | 'cover-open';
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
const ENQ = 0x05;
const DC4 = 0x14;

/**
 * A byte-level model of an ESC/POS receipt printer (an Epson TM-T82/T88 as far as the wire can
 * tell), for the simulator and the test emulator server. It has no I/O: bytes go in through
 * `receive`, answers come out through `onTransmit`, synchronously.
 *
 * What it models, because the driver depends on it:
 * - real-time commands (DLE EOT 1–4) are picked out of the stream on receipt and answered at once,
 *   wherever they appear — even inside another command's data, as Epson printers do;
 * - other commands are interpreted in order; a job is every command from the first after the
 *   previous job up to and including the next cut (GS V, or the old ESC i / ESC m), plus the line
 *   feeds right after the cut (encoders end the cut's line with one). The job is finished when
 *   anything else arrives — the driver's status query after it, the next job — or at `flush`;
 * - a job any part of which arrives while the paper is out or the cover is open is not printed
 *   (a real printer holds it and may print it once fixed; either way the driver must not call it
 *   printed);
 * - GS a enables automatic status back: the status is sent when the command is executed and again
 *   on every change; ESC @ leaves it on (Epson behaviour; some clones switch it off).
 *
 * What it does not model: print speed and buffer limits (it prints instantly), errors other than
 * paper and cover, and commands outside the common set (an unknown ESC/GS/FS command is taken as
 * two bytes and counted in `unknownCommands`).
 */
export class EscPosPrinterEmulator {
  #paper: EmulatedPaper = 'ok';
  #cover: EmulatedCover = 'closed';
  #asbItems = 0;
  /** Receive stage: how much of a DLE EOT n sequence has been seen (0, 1 = DLE, 2 = DLE EOT). */
  #realTime = 0;
  /** Interpreter: the command being collected, until its length is known and reached. */
  #pending: number[] = [];
  #job: number[] = [];
  #jobSpoiledBy: EmulatedJob['spoiledBy'] | undefined;
  #jobTriggers: Array<{ length: number; action: () => void }> = [];
  /** A job whose cut has come, still taking the line feeds after it. */
  #cutJob: { bytes: number[]; spoiledBy: EmulatedJob['spoiledBy'] } | null = null;
  readonly #jobs: EmulatedJob[] = [];
  readonly #transmitListeners = new Set<(bytes: Uint8Array) => void>();
  readonly #jobListeners = new Set<(job: EmulatedJob) => void>();
  unknownCommands = 0;

  get paper(): EmulatedPaper {
    return this.#paper;
  }

  get cover(): EmulatedCover {
    return this.#cover;
  }

  get asbEnabled(): boolean {
    return this.#asbItems !== 0;
  }

  /** Every job ended by a cut so far, printed or not, in order. */
  get jobs(): readonly EmulatedJob[] {
    return this.#jobs;
  }

  /** Bytes of the job being received (no cut yet). */
  get jobInProgress(): number {
    return this.#job.length;
  }

  /** Bytes the printer sends to the host. */
  onTransmit(listener: (bytes: Uint8Array) => void): () => void {
    this.#transmitListeners.add(listener);
    return () => this.#transmitListeners.delete(listener);
  }

  /** Called when a cut ends a job, printed or not. */
  onJob(listener: (job: EmulatedJob) => void): () => void {
    this.#jobListeners.add(listener);
    return () => this.#jobListeners.delete(listener);
  }

  setPaper(paper: EmulatedPaper): void {
    this.#change(() => (this.#paper = paper));
  }

  setCover(cover: EmulatedCover): void {
    this.#change(() => (this.#cover = cover));
  }

  /** Runs `action` (e.g. paper out) once the job being received reaches `length` bytes. */
  whenJobReaches(length: number, action: () => void): void {
    this.#jobTriggers.push({ length, action });
  }

  /** The host stopped sending (its connection closed): a job already cut is finished. */
  flush(): void {
    this.#finishJob();
  }

  /** Power cycle: buffers, the half-read command and ASB are gone; paper and cover stay. */
  powerCycle(): void {
    this.#finishJob();
    this.#realTime = 0;
    this.#pending = [];
    this.#job = [];
    this.#jobSpoiledBy = undefined;
    this.#asbItems = 0;
  }

  /** Bytes from the host. */
  receive(bytes: Uint8Array): void {
    for (const byte of bytes) {
      this.#receiveStage(byte);
      this.#interpret(byte);
    }
  }

  /** The answer to DLE EOT n, from the printer's state now. */
  dleEotReply(n: 1 | 2 | 3 | 4): number {
    const stopped = this.#stoppedBy() !== undefined;
    switch (n) {
      case 1:
        return 0x12 | (stopped ? 0x08 : 0);
      case 2:
        return 0x12 | (this.#cover === 'open' ? 0x04 : 0) | (this.#paper === 'out' ? 0x20 : 0);
      case 3:
        return 0x12;
      case 4:
        // An empty roll also reads "near end": the near-end sensor sits before the end sensor.
        return 0x12 | (this.#paper === 'ok' ? 0 : 0x0c) | (this.#paper === 'out' ? 0x60 : 0);
    }
  }

  /** The four-byte ASB message for the printer's state now. */
  asbMessage(): Uint8Array {
    const stopped = this.#stoppedBy() !== undefined;
    const first = 0x10 | (stopped ? 0x08 : 0) | (this.#cover === 'open' ? 0x20 : 0);
    const third = (this.#paper === 'ok' ? 0 : 0x03) | (this.#paper === 'out' ? 0x0c : 0);
    return Uint8Array.of(first, 0x00, third, 0x00);
  }

  #stoppedBy(): EmulatedJob['spoiledBy'] {
    if (this.#cover === 'open') return 'cover-open';
    if (this.#paper === 'out') return 'paper-out';
    return undefined;
  }

  #change(apply: () => void): void {
    const before = this.asbMessage();
    apply();
    const after = this.asbMessage();
    const stoppedBy = this.#stoppedBy();
    if (stoppedBy && this.#job.length > 0) this.#jobSpoiledBy ??= stoppedBy;
    if (this.asbEnabled && before.some((byte, index) => byte !== after[index])) this.#transmit(after);
  }

  #transmit(bytes: Uint8Array): void {
    for (const listener of this.#transmitListeners) listener(bytes);
  }

  #receiveStage(byte: number): void {
    if (this.#realTime === 2 && byte >= 1 && byte <= 4) {
      this.#realTime = 0;
      this.#transmit(Uint8Array.of(this.dleEotReply(byte as 1 | 2 | 3 | 4)));
      return;
    }
    if (this.#realTime === 1 && byte === EOT) this.#realTime = 2;
    else this.#realTime = byte === DLE ? 1 : 0;
  }

  #interpret(byte: number): void {
    if (this.#cutJob && this.#pending.length === 0) {
      if (byte === 0x0a || byte === 0x0d) {
        this.#cutJob.bytes.push(byte);
        return;
      }
      this.#finishJob();
    }
    if (this.#pending.length === 0 && byte !== ESC && byte !== GS && byte !== FS && byte !== DLE) {
      this.#jobBytes([byte]);
      return;
    }
    this.#pending.push(byte);
    if (this.#pending[0] === DLE && this.#pending.length === 2 && byte !== EOT && byte !== ENQ && byte !== DC4) {
      // A DLE that starts no real-time command is data; the byte after it is read afresh.
      this.#pending = [];
      this.#jobBytes([DLE]);
      this.#interpret(byte);
      return;
    }
    const length = commandLength(this.#pending);
    if (length === undefined) return;
    if (length === 'unknown') {
      this.unknownCommands += 1;
    } else if (this.#pending.length < length) {
      return;
    }
    const command = this.#pending;
    this.#pending = [];
    this.#execute(command);
  }

  #execute(command: number[]): void {
    const [prefix, code, argument] = command;
    // DLE EOT / ENQ / DC4 are real-time commands, answered on receipt; never part of a job.
    if (prefix === DLE) return;
    if (prefix === GS && code === 0x61) {
      this.#asbItems = argument ?? 0;
      if (this.asbEnabled) this.#transmit(this.asbMessage());
      return;
    }
    this.#jobBytes(command);
    const cut = (prefix === GS && code === 0x56) || (prefix === ESC && (code === 0x69 || code === 0x6d));
    if (cut) this.#endJob();
  }

  #jobBytes(bytes: number[]): void {
    for (const byte of bytes) {
      this.#job.push(byte);
      this.#jobSpoiledBy ??= this.#stoppedBy();
      const due = this.#jobTriggers.filter((trigger) => trigger.length <= this.#job.length);
      if (due.length === 0) continue;
      this.#jobTriggers = this.#jobTriggers.filter((trigger) => !due.includes(trigger));
      for (const trigger of due) trigger.action();
    }
  }

  #endJob(): void {
    this.#cutJob = { bytes: this.#job, spoiledBy: this.#jobSpoiledBy ?? this.#stoppedBy() };
    this.#job = [];
    this.#jobSpoiledBy = undefined;
  }

  #finishJob(): void {
    const cut = this.#cutJob;
    if (!cut) return;
    this.#cutJob = null;
    const bytes = Uint8Array.from(cut.bytes);
    const job: EmulatedJob = cut.spoiledBy ? { bytes, printed: false, spoiledBy: cut.spoiledBy } : { bytes, printed: true };
    this.#jobs.push(job);
    for (const listener of this.#jobListeners) listener(job);
  }
}

const word = (low: number | undefined, high: number | undefined): number => (low ?? 0) + (high ?? 0) * 256;

// Fixed-length commands: command byte → total length, per prefix.
const FIXED_LENGTH: Record<number, Readonly<Record<number, number>>> = {
  [ESC]: {
    0x40: 2, 0x32: 2, 0x3c: 2, 0x69: 2, 0x6d: 2, 0x0c: 2, 0x4c: 2, 0x53: 2,
    0x20: 3, 0x21: 3, 0x25: 3, 0x2d: 3, 0x33: 3, 0x3d: 3, 0x3f: 3, 0x45: 3, 0x47: 3, 0x4a: 3, 0x4d: 3,
    0x52: 3, 0x54: 3, 0x55: 3, 0x56: 3, 0x61: 3, 0x64: 3, 0x65: 3, 0x72: 3, 0x74: 3, 0x7b: 3,
    0x24: 4, 0x5c: 4, 0x63: 4, 0x70: 5, 0x57: 10,
  },
  [GS]: {
    0x21: 3, 0x2f: 3, 0x42: 3, 0x45: 3, 0x48: 3, 0x49: 3, 0x54: 3, 0x61: 3, 0x62: 3, 0x66: 3, 0x68: 3, 0x72: 3, 0x77: 3,
    0x24: 4, 0x4c: 4, 0x50: 4, 0x57: 4, 0x5c: 4,
  },
  [FS]: { 0x26: 2, 0x2e: 2, 0x21: 3, 0x2d: 3, 0x43: 3, 0x57: 3, 0x53: 4, 0x70: 4 },
};

/**
 * Total length of the ESC/POS command at the start of `bytes`; undefined while more bytes are
 * needed to know it; 'unknown' for a command outside the common set. Covers what receipt
 * encoders emit, images and 2D codes included.
 */
function commandLength(bytes: readonly number[]): number | undefined | 'unknown' {
  const [prefix, code] = bytes;
  if (prefix === undefined || code === undefined) return undefined;
  const fixed = FIXED_LENGTH[prefix]?.[code];
  if (fixed !== undefined) return fixed;
  const at = (index: number): number | undefined => bytes[index];
  const needs = (index: number): boolean => at(index) === undefined;
  if (prefix === ESC && code === 0x2a) {
    // ESC * m nL nH: column bit image; 24-dot modes carry 3 bytes per column.
    if (needs(4)) return undefined;
    const columns = word(at(3), at(4));
    return 5 + (at(2) === 32 || at(2) === 33 ? 3 * columns : columns);
  }
  if (prefix === ESC && code === 0x44) {
    // ESC D: tab stops, NUL-terminated, at most 32.
    const end = bytes.indexOf(0, 2);
    if (end >= 0) return end + 1;
    return bytes.length >= 35 ? 35 : undefined;
  }
  if (prefix === GS && code === 0x56) {
    // GS V m [n]: the feed-and-cut forms carry a feed amount.
    if (needs(2)) return undefined;
    return [65, 66, 97, 98, 103, 104].includes(at(2)!) ? 4 : 3;
  }
  if ((prefix === GS || prefix === FS) && code === 0x28) {
    // GS ( x pL pH …, FS ( x pL pH …: 2D codes, graphics, settings.
    return needs(4) ? undefined : 5 + word(at(3), at(4));
  }
  if (prefix === GS && code === 0x38) {
    // GS 8 L p1 p2 p3 p4 …: large graphics with a 32-bit length.
    return needs(6) ? undefined : 7 + word(at(3), at(4)) + word(at(5), at(6)) * 0x10000;
  }
  if (prefix === GS && code === 0x76) {
    // GS v 0 m xL xH yL yH …: raster image, x bytes wide, y dots high.
    return needs(7) ? undefined : 8 + word(at(4), at(5)) * word(at(6), at(7));
  }
  if (prefix === GS && code === 0x2a) {
    // GS * x y …: downloaded bit image.
    return needs(3) ? undefined : 4 + at(2)! * at(3)! * 8;
  }
  if (prefix === GS && code === 0x6b) {
    // GS k m …: barcode; m < 65 is NUL-terminated, otherwise m n d1…dn.
    if (needs(2)) return undefined;
    if (at(2)! < 65) {
      const end = bytes.indexOf(0, 3);
      return end >= 0 ? end + 1 : undefined;
    }
    return needs(3) ? undefined : 4 + at(3)!;
  }
  if (prefix === DLE && (code === EOT || code === ENQ)) return 3;
  if (prefix === DLE && code === DC4) {
    if (needs(2)) return undefined;
    return at(2) === 1 || at(2) === 2 ? 5 : at(2) === 8 ? 10 : 4;
  }
  return 'unknown';
}
