import { withoutStatusRequests } from './escposLogo.js';
import type { DeviceHealth, DeviceStatus, PrintFailureReason } from '../../src/contract/api.js';
import type { PrintJob, PrintResult, TicketPrinter } from '../../src/devices/ticketPrinter.js';
import type { Slip } from '../../src/domain/ticketSlip.js';
import { encodeSlipAsEscPos } from './escposSlipEncoder.js';
import {
  asbEnableRequest,
  countDleEotRequests,
  describeStatus,
  DLE_EOT_ALL,
  EscPosReplyParser,
  failureReasonOf,
  healthPrints,
  hex,
  parseAsbMessage,
  parseDleEotReplies,
  statusHealth,
  type EscPosStatus,
} from './escposStatus.js';
import type { MonoBitmap } from './monoBitmap.js';
import { PrinterTransportError, type ConnectionEnd, type PrinterConnection, type PrinterTransport } from './printerTransport.js';

/** How the printer reports its status; see PrinterConfigSchema's `status`. */
export type PrinterStatusMode = 'dle-eot' | 'asb' | 'none';

export interface EscPosTicketPrinterOptions {
  /** Default `dle-eot`. */
  status?: PrinterStatusMode;
  /** Each step of a job (connect, a status answer, handing over the bytes) gets this long. Default 5000. */
  timeoutMs?: number;
  /** Default `80mm`. */
  paper?: '80mm' | '58mm';
  logo?: MonoBitmap;
  /** The breaker's probe: first delay, doubled after each failed probe up to the maximum. */
  probeBackoff?: { initialMs: number; maxMs: number };
  clock?: () => Date;
}

const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 30_000 };

interface Health {
  state: DeviceHealth;
  since: string;
  detail: string;
}

/** How one attempt to reach the printer ended, before it becomes a PrintResult. */
type Outcome = { ok: true; health?: Health['state']; detail: string } | { ok: false; reason: PrintFailureReason; detail: string; health: DeviceHealth };

/**
 * The ticket printer the core sees: ESC/POS over any transport, telling only what the printer
 * itself confirmed.
 *
 * A job, in `dle-eot` mode: connect; ask DLE EOT 1–4 and refuse to send into paper out, an open
 * cover, an error or an offline printer; send the job followed by DLE EOT 1–4 again; `printed`
 * only if those answers arrive, on the same connection, and are healthy. What that proves, and
 * what it does not: DLE EOT is a real-time command, answered when the printer *receives* it, not
 * when the interpreter reaches it. Since the stream is ordered and the printer stops reading when
 * its buffer is full, an answer to the DLE EOT sent after the job proves the printer took every
 * byte of the job into its buffer and, at that moment, had paper, a closed cover and no error —
 * not that the cut already happened. A paper end during the last centimetres is missed; a paper
 * end before the job's bytes were all in, or a printer that lost power, reset or closed the
 * connection, is not. Portable ESC/POS offers nothing stronger for this mode: the process-ID
 * response (GS ( H) that answers once the interpreter got there is Epson-only, and GS r, answered
 * in order, is missing on many clones and goes unanswered exactly when the paper has run out.
 *
 * In `asb` mode the printer's automatic status back (GS a) replaces the queries, and is stronger:
 * GS a is an ordinary command, so the status it sends when re-sent after the job comes only once
 * the interpreter has executed everything before it, the cut included. Changes in between (paper
 * out, cover opened) arrive on their own and fail the job at once. ASB messages carry no sequence
 * number, so the confirmation is told from a change by repeating the status before it; the rare
 * misreadings this allows (a clone whose ESC @ switches ASB off) end in `timeout`, never in a
 * false `printed`.
 *
 * In `none` mode the printer cannot tell, so a job that was handed over is `unconfirmed`; a
 * refused connection is still `failed`.
 *
 * Jobs and probes are serialised on one queue. After a job fails because the printer is away
 * (offline, timeout, closed, reset) or reports it cannot print (paper out, cover open, error), the
 * breaker opens: later jobs fail at once with the known state, touching nothing, and a background
 * probe (exponential backoff, unref'd timers) asks the printer until it can print again.
 */
export class EscPosTicketPrinter implements TicketPrinter {
  readonly #transport: PrinterTransport;
  readonly #mode: PrinterStatusMode;
  readonly #timeoutMs: number;
  readonly #paper: '80mm' | '58mm';
  readonly #logo: MonoBitmap | undefined;
  readonly #backoff: { initialMs: number; maxMs: number };
  readonly #clock: () => Date;
  readonly #listeners = new Set<(status: DeviceStatus) => void>();
  #health: Health;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  #closing: Promise<void> | null = null;
  #probeTimer: NodeJS.Timeout | null = null;
  #probeDelayMs: number;

  constructor(transport: PrinterTransport, options: EscPosTicketPrinterOptions = {}) {
    this.#transport = transport;
    this.#mode = options.status ?? 'dle-eot';
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#paper = options.paper ?? '80mm';
    this.#logo = options.logo ? safeLogo(options.logo, this.#paper) : undefined;
    this.#backoff = options.probeBackoff ?? DEFAULT_BACKOFF;
    this.#probeDelayMs = this.#backoff.initialMs;
    this.#clock = options.clock ?? (() => new Date());
    // Nothing is known of a printer until it answered: a wrong address is not "online".
    this.#health = { state: 'unknown', since: this.#clock().toISOString(), detail: `${transport.target}: not asked yet` };
  }

  print(job: PrintJob): Promise<PrintResult> {
    if (this.#closed) return Promise.resolve({ status: 'failed', reason: 'closed', detail: `the printer driver for ${this.#transport.target} is closed` });
    let bytes: Uint8Array;
    try {
      bytes = this.#encode(job.slip);
    } catch (error) {
      return Promise.resolve({ status: 'failed', reason: 'error', detail: `could not encode job ${job.name}: ${(error as Error).message}` });
    }
    return this.#enqueue(() => this.#runJob(bytes, job.name)).catch((error: unknown) => ({
      status: 'failed' as const,
      reason: 'error' as const,
      detail: `printer ${this.#transport.target}: ${error instanceof Error ? error.message : String(error)}`,
    }));
  }

  probe(): Promise<DeviceStatus> {
    if (this.#closed) return Promise.resolve(this.status());
    return this.#enqueue(async () => {
      await this.#probeNow();
      return this.status();
    }).catch(() => this.status());
  }

  status(): DeviceStatus {
    return { id: 'printer', driver: `escpos/${this.#transport.kind}`, state: this.#health.state, since: this.#health.since, detail: this.#health.detail };
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      this.#stopProbing();
      // Every queued job and probe ends within its own timeouts.
      await this.#queue;
      await this.#transport.close();
    })();
    return this.#closing;
  }

  #encode(slip: Slip): Uint8Array {
    return encodeSlipAsEscPos(slip, { paper: this.#paper, ...(this.#logo ? { logo: this.#logo } : {}) });
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #runJob(bytes: Uint8Array, name: string): Promise<PrintResult> {
    const known = failureReasonOf(this.#health.state);
    if (known) {
      return { status: 'failed', reason: known, detail: `not sent: the printer is ${this.#health.state} since ${this.#health.since} (${this.#health.detail})` };
    }
    const outcome = await this.#converse(name, (session) => this.#jobConversation(session, bytes));
    if (!outcome.ok) return { status: 'failed', reason: outcome.reason, detail: outcome.detail };
    if (this.#mode === 'none') return { status: 'unconfirmed', detail: outcome.detail };
    return { status: 'printed' };
  }

  async #probeNow(): Promise<void> {
    await this.#converse('status', (session) => this.#statusConversation(session));
  }

  /** Opens a connection, runs one conversation, closes it, and records what was learnt. */
  async #converse(name: string, conversation: (session: Session) => Promise<Outcome>): Promise<Outcome> {
    let session: Session | null = null;
    let outcome: Outcome;
    try {
      session = await Session.open(this.#transport, this.#timeoutMs, name);
      outcome = await conversation(session);
    } catch (error) {
      outcome = this.#failure(error);
    }
    if (session) {
      if (outcome.ok) await session.close().catch(() => undefined);
      else session.destroy();
    }
    if (outcome.ok) this.#setHealth(outcome.health ?? (this.#mode === 'none' ? 'unknown' : 'online'), outcome.detail);
    else this.#setHealth(outcome.health, outcome.detail);
    return outcome;
  }

  #failure(error: unknown): Outcome & { ok: false } {
    const target = this.#transport.target;
    if (error instanceof PrinterTransportError) {
      // Any failure to talk to the printer means it is away until a probe finds it again.
      const health: DeviceHealth = error.reason === 'error' ? 'error' : 'offline';
      return { ok: false, reason: error.reason, detail: error.message, health };
    }
    return { ok: false, reason: 'error', detail: `printer ${target}: ${error instanceof Error ? error.message : String(error)}`, health: 'error' };
  }

  async #statusConversation(session: Session): Promise<Outcome> {
    const target = this.#transport.target;
    switch (this.#mode) {
      case 'none':
        return { ok: true, health: 'unknown', detail: `${target} accepts connections; this printer model reports no status` };
      case 'dle-eot': {
        await session.write(DLE_EOT_ALL);
        const status = await session.dleEot(4, 0, `the status query (DLE EOT) to ${target}`);
        return this.#judge(status, 'now');
      }
      case 'asb': {
        await session.write(asbEnableRequest());
        const status = await session.asb((message, index) => (index === 0 ? parseAsbMessage(message) : undefined), `the status request (GS a) to ${target}`);
        return this.#judge(status, 'now');
      }
    }
  }

  async #jobConversation(session: Session, bytes: Uint8Array): Promise<Outcome> {
    const target = this.#transport.target;
    switch (this.#mode) {
      case 'none':
        await session.write(bytes);
        return { ok: true, health: 'unknown', detail: `the job went to ${target}, which cannot report status: nobody knows whether it printed` };
      case 'dle-eot': {
        await session.write(DLE_EOT_ALL);
        const before = this.#judge(await session.dleEot(4, 0, `the status query (DLE EOT) to ${target}`), 'before the job');
        if (!before.ok) return before;
        // Epson printers answer DLE EOT sequences hidden in image data too; those answers come
        // first, then ours. All of them must arrive: answers are indistinguishable by content, so
        // accepting "the last four" of fewer could take answers to hidden sequences for ours and
        // call a printer that stopped mid-job "printed". The logo is cleaned of such sequences
        // when it is loaded (`withoutStatusRequests`), so in practice `hidden` is 0.
        const hidden = countDleEotRequests(bytes);
        const sent = session.dleEotCount;
        await session.write(concat(bytes, DLE_EOT_ALL));
        const after = await session.dleEot(4 + hidden, sent, `the status query (DLE EOT) after the job to ${target}`);
        return this.#judge(after, 'after the job');
      }
      case 'asb': {
        await session.write(asbEnableRequest());
        const before = this.#judge(
          await session.asb((message, index) => (index === 0 ? parseAsbMessage(message) : undefined), `the status request (GS a) to ${target}`),
          'before the job',
        );
        if (!before.ok) return before;
        await session.write(concat(bytes, asbEnableRequest()));
        // The answer to the GS a after the job repeats the last status; a message that differs is
        // a change announced on its own — fatal when the printer can no longer print, otherwise
        // (paper near end) the confirmation is still to come.
        const after = await session.asb((message, index, previous) => {
          if (index === 0) return undefined;
          const status = parseAsbMessage(message);
          if (!healthPrints(statusHealth(status))) return status;
          return previous && sameBytes(previous, message) ? status : undefined;
        }, `the status (GS a) after the job from ${target}`);
        return this.#judge(after, 'after the job');
      }
    }
  }

  /** Turns a status into an outcome: fine, or the reason the printer gives for not printing. */
  #judge(status: EscPosStatus, when: string): Outcome {
    const health = statusHealth(status);
    const detail = `${this.#transport.target}: ${describeStatus(status)}`;
    const reason = failureReasonOf(health);
    if (reason) return { ok: false, reason, detail: `${detail} (${when})`, health };
    return { ok: true, health, detail };
  }

  #setHealth(state: DeviceHealth, detail: string): void {
    const changed = state !== this.#health.state;
    this.#health = changed ? { state, since: this.#clock().toISOString(), detail } : { ...this.#health, detail };
    if (failureReasonOf(state)) this.#scheduleProbe();
    else this.#stopProbing();
    if (!changed) return;
    const status = this.status();
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch {
        // A listener's bug must not stop the others from hearing, nor the job from ending.
      }
    }
  }

  #scheduleProbe(): void {
    if (this.#closed || this.#probeTimer) return;
    this.#probeTimer = setTimeout(() => {
      this.#probeTimer = null;
      if (this.#closed) return;
      this.#probeDelayMs = Math.min(this.#probeDelayMs * 2, this.#backoff.maxMs);
      void this.#enqueue(() => this.#probeNow()).catch(() => undefined);
    }, this.#probeDelayMs);
    this.#probeTimer.unref();
  }

  #stopProbing(): void {
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    this.#probeTimer = null;
    this.#probeDelayMs = this.#backoff.initialMs;
  }
}

/**
 * One connection's conversation: the printer's bytes parsed into replies as they arrive, and
 * waits for the replies a step needs, each bounded by the timeout and cut short when the
 * connection ends.
 */
class Session {
  readonly #parser = new EscPosReplyParser();
  readonly #dleEot: number[] = [];
  readonly #asb: Uint8Array[] = [];
  readonly #timeoutMs: number;
  readonly #target: string;
  #connection: PrinterConnection | null = null;
  #ended: ConnectionEnd | null = null;
  #wake: (() => void) | null = null;
  #asked = false;

  private constructor(timeoutMs: number, target: string) {
    this.#timeoutMs = timeoutMs;
    this.#target = target;
  }

  static async open(transport: PrinterTransport, timeoutMs: number, jobName: string): Promise<Session> {
    const session = new Session(timeoutMs, transport.target);
    session.#connection = await transport.connect(
      { timeoutMs, jobName },
      {
        data: (bytes) => session.#receive(bytes),
        end: (end) => {
          session.#ended = end;
          session.#wake?.();
        },
      },
    );
    return session;
  }

  get dleEotCount(): number {
    return this.#dleEot.length;
  }

  #receive(bytes: Uint8Array): void {
    // Before the first request nothing can be an answer to it.
    if (!this.#asked) return;
    for (const reply of this.#parser.push(bytes)) {
      if (reply.kind === 'dle-eot') this.#dleEot.push(reply.byte);
      else if (reply.kind === 'asb') this.#asb.push(reply.message);
    }
    this.#wake?.();
  }

  write(bytes: Uint8Array): Promise<void> {
    this.#asked = true;
    return this.#connection!.write(bytes);
  }

  /** The status from the last four of `expected` DLE EOT answers counted from `from`; all must come. */
  async dleEot(expected: number, from: number, what: string): Promise<EscPosStatus> {
    const replies = await this.#until(() => (this.#dleEot.length - from >= expected ? this.#dleEot.slice(-4) : undefined), what);
    try {
      return parseDleEotReplies(replies as [number, number, number, number]);
    } catch (error) {
      throw new PrinterTransportError('error', `${this.#target} answered ${what} with ${replies.map(hex).join(' ')}: ${(error as Error).message}`);
    }
  }

  /**
   * Waits for the first ASB message `pick` accepts. `pick` sees each message once, with its index
   * in this connection and the message before it.
   */
  async asb(pick: (message: Uint8Array, index: number, previous: Uint8Array | undefined) => EscPosStatus | undefined, what: string): Promise<EscPosStatus> {
    let seen = 0;
    return this.#until(() => {
      for (; seen < this.#asb.length; seen += 1) {
        const picked = pick(this.#asb[seen]!, seen, this.#asb[seen - 1]);
        if (picked) {
          seen += 1;
          return picked;
        }
      }
      return undefined;
    }, what);
  }

  #until<T>(ready: () => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = ready();
        if (value !== undefined) return finish(() => resolve(value));
        if (this.#ended) return finish(() => reject(new PrinterTransportError(this.#ended!.reason, `${this.#ended!.detail} before answering ${what}`)));
      };
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#wake = null;
        settle();
      };
      const timer = setTimeout(
        () => finish(() => reject(new PrinterTransportError('timeout', `no answer to ${what} within ${this.#timeoutMs} ms`))),
        this.#timeoutMs,
      );
      this.#wake = check;
      check();
    });
  }

  close(): Promise<void> {
    return this.#connection?.close() ?? Promise.resolve();
  }

  destroy(): void {
    this.#connection?.destroy();
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** A logo that cannot be cleaned of status-request runs is left off: tickets matter, the logo does not. */
function safeLogo(logo: MonoBitmap, paper: '80mm' | '58mm'): MonoBitmap | undefined {
  try {
    return withoutStatusRequests(logo, paper);
  } catch {
    return undefined;
  }
}
