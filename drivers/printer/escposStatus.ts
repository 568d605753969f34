import type { DeviceHealth, PrintFailureReason } from '../../src/contract/api.js';

/**
 * The status half of the ESC/POS protocol: the requests a host sends to learn a printer's state,
 * and the parsing of what the printer sends back. Bit layouts follow Epson's ESC/POS command
 * reference (DLE EOT, GS a, "identification of send status"), which most clones copy. A parser
 * that never touches a port: the ticket printer, the emulator and the tests share it.
 */

const DLE = 0x10;
const EOT = 0x04;
const GS = 0x1d;

/** DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type DleEotFunction = 1 | 2 | 3 | 4;

/** A real-time status request. The printer answers it on receipt, even while offline or busy. */
export function dleEotRequest(n: DleEotFunction): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** All four real-time requests in order; the printer answers with four bytes in the same order. */
export const DLE_EOT_ALL: Uint8Array = Uint8Array.of(DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4);

/**
 * The GS a argument the driver uses: online/offline (bit 1), error (bit 2) and roll paper sensor
 * (bit 3) changes; not the drawer connector, which a kiosk has no drawer on.
 */
export const ASB_ITEMS = 0x0e;

/**
 * GS a n: enables automatic status back. Unlike DLE EOT it is an ordinary command, executed when
 * the printer's interpreter reaches it in the receive buffer; each execution sends the current
 * status once, and from then on every change of an enabled item sends it again.
 */
export function asbEnableRequest(items = ASB_ITEMS): Uint8Array {
  return Uint8Array.of(GS, 0x61, items);
}

/** What the four DLE EOT answers, or one ASB message, say about a printer. */
export interface EscPosStatus {
  /** DLE EOT 1 bit 3 / ASB byte 1 bit 3. */
  offline: boolean;
  /** DLE EOT 1 bit 5 / ASB byte 2 bit 0 (Epson TM; "undefined" on some clones). */
  waitingForOnlineRecovery: boolean;
  drawerPin3High: boolean;
  coverOpen: boolean;
  /** Paper is being fed with the FEED button (the printer is offline meanwhile). */
  feeding: boolean;
  /** DLE EOT 2 bit 5: printing stopped because the paper ran out. Not reported by ASB. */
  paperEndStop: boolean;
  /** DLE EOT 2 bit 6: some error occurred (the cause is in DLE EOT 3). Not reported by ASB. */
  errorOccurred: boolean;
  /** Recoverable mechanical error, e.g. a jam (bit 2; reserved on some models, then always 0). */
  mechanicalError: boolean;
  autocutterError: boolean;
  /** Needs a power cycle. */
  unrecoverableError: boolean;
  /** Clears by itself, e.g. a print head too hot; printing waits meanwhile. */
  autoRecoverableError: boolean;
  paperNearEnd: boolean;
  paperEnd: boolean;
}

/** The fixed bits of every DLE EOT answer: 0xx1xx10. */
export function isDleEotReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** The fixed bits of an ASB message's first byte: 0xx1xx00. */
export function isAsbFirstByte(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

/** ASB's second to fourth bytes: 0xx0xxxx. */
function isAsbFollowingByte(byte: number): boolean {
  return (byte & 0x90) === 0x00;
}

const XON = 0x11;
const XOFF = 0x13;

export class EscPosStatusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EscPosStatusError';
  }
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;
/** Epson reports each paper sensor with two bits that are both set or both clear; either counts. */
const pair = (byte: number, low: number): boolean => bit(byte, low) || bit(byte, low + 1);

/**
 * Parses the answers to DLE EOT 1, 2, 3 and 4 (one byte each, in that order). Throws when a byte
 * lacks the fixed bits of a DLE EOT answer: that is not a status, and guessing would be worse.
 */
export function parseDleEotReplies(replies: readonly [number, number, number, number]): EscPosStatus {
  replies.forEach((byte, index) => {
    if (!isDleEotReply(byte)) throw new EscPosStatusError(`0x${hex(byte)} is not an answer to DLE EOT ${index + 1}`);
  });
  const [printer, offline, error, paper] = replies;
  return {
    offline: bit(printer, 3),
    waitingForOnlineRecovery: bit(printer, 5),
    drawerPin3High: bit(printer, 2),
    coverOpen: bit(offline, 2),
    feeding: bit(offline, 3) || bit(printer, 6),
    paperEndStop: bit(offline, 5),
    errorOccurred: bit(offline, 6),
    mechanicalError: bit(error, 2),
    autocutterError: bit(error, 3),
    unrecoverableError: bit(error, 5),
    autoRecoverableError: bit(error, 6),
    paperNearEnd: pair(paper, 2),
    paperEnd: pair(paper, 5),
  };
}

/** Parses one four-byte automatic status back message (GS a). */
export function parseAsbMessage(message: Uint8Array): EscPosStatus {
  const [first, second, third, fourth] = message;
  if (message.length !== 4 || first === undefined || second === undefined || third === undefined || fourth === undefined) {
    throw new EscPosStatusError(`an ASB message has 4 bytes, not ${message.length}`);
  }
  if (!isAsbFirstByte(first) || ![second, third, fourth].every(isAsbFollowingByte)) {
    throw new EscPosStatusError(`${[...message].map(hex).join(' ')} is not an ASB message`);
  }
  return {
    offline: bit(first, 3),
    waitingForOnlineRecovery: bit(second, 0),
    drawerPin3High: bit(first, 2),
    coverOpen: bit(first, 5),
    feeding: bit(first, 6),
    paperEndStop: false,
    errorOccurred: false,
    mechanicalError: bit(second, 2),
    autocutterError: bit(second, 3),
    unrecoverableError: bit(second, 5),
    autoRecoverableError: bit(second, 6),
    paperNearEnd: pair(third, 0),
    paperEnd: pair(third, 2),
  };
}

/**
 * The status as the device screen shows it. One state wins when several hold, the one a person at
 * the kiosk can act on first: an open cover also makes many printers' paper sensors read "no
 * paper", and closing it is the fix for both.
 */
export function statusHealth(status: EscPosStatus): DeviceHealth {
  if (status.coverOpen) return 'cover-open';
  if (status.paperEnd || status.paperEndStop) return 'paper-out';
  if (status.errorOccurred || status.mechanicalError || status.autocutterError || status.unrecoverableError || status.autoRecoverableError) return 'error';
  if (status.offline) return 'offline';
  if (status.paperNearEnd) return 'paper-near-end';
  return 'online';
}

/** Whether a job sent now would come out: a printer with little paper left still prints. */
export function healthPrints(health: DeviceHealth): boolean {
  return health === 'online' || health === 'paper-near-end';
}

/** Why a job fails while the printer is in `health`, or null when it can print. */
export function failureReasonOf(health: DeviceHealth): PrintFailureReason | null {
  switch (health) {
    case 'online':
    case 'paper-near-end':
    case 'unknown':
      return null;
    case 'paper-out':
      return 'paper-out';
    case 'cover-open':
      return 'cover-open';
    case 'offline':
      return 'offline';
    case 'error':
      return 'error';
  }
}

/** Technician words for everything the status reports, e.g. `offline; cover open; roll paper end`. */
export function describeStatus(status: EscPosStatus): string {
  const parts = [
    status.offline && 'offline',
    status.coverOpen && 'cover open',
    status.feeding && 'paper being fed with the FEED button',
    status.paperEndStop && 'printing stopped at paper end',
    status.paperEnd && 'roll paper end',
    !status.paperEnd && status.paperNearEnd && 'roll paper near end',
    status.mechanicalError && 'mechanical error (jam?)',
    status.autocutterError && 'autocutter error',
    status.unrecoverableError && 'unrecoverable error: switch the printer off and on',
    status.autoRecoverableError && 'auto-recoverable error (print head too hot?)',
    status.errorOccurred && !status.mechanicalError && !status.autocutterError && !status.unrecoverableError && !status.autoRecoverableError && 'error',
    status.waitingForOnlineRecovery && 'waiting for online recovery',
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join('; ') : 'online, paper present';
}

/** One thing a printer sent: an answer to DLE EOT, an ASB message, or a flow-control byte. */
export type PrinterReply =
  | { kind: 'dle-eot'; byte: number }
  | { kind: 'asb'; message: Uint8Array }
  | { kind: 'flow-control'; byte: number }
  /** Anything else (answers to GS r / GS I, line noise); kept so a caller can log it. */
  | { kind: 'other'; byte: number };

/**
 * Splits the byte stream a printer sends into replies, using the fixed bits Epson defines to tell
 * them apart ("identification of send status"): DLE EOT answers are 0xx1xx10, an ASB message
 * starts with 0xx1xx00 and continues with three 0xx0xxxx bytes, between which only XOFF may come.
 * It keeps state across chunks, since a transport may split a message anywhere.
 */
export class EscPosReplyParser {
  #asb: number[] | null = null;

  push(bytes: Uint8Array): PrinterReply[] {
    const replies: PrinterReply[] = [];
    for (const byte of bytes) {
      if (this.#asb) {
        if (byte === XOFF || byte === XON) {
          replies.push({ kind: 'flow-control', byte });
          continue;
        }
        if (isAsbFollowingByte(byte)) {
          this.#asb.push(byte);
          if (this.#asb.length === 4) {
            replies.push({ kind: 'asb', message: Uint8Array.from(this.#asb) });
            this.#asb = null;
          }
          continue;
        }
        // A broken ASB message (a byte lost on a serial line): drop it and read this byte afresh.
        for (const lost of this.#asb) replies.push({ kind: 'other', byte: lost });
        this.#asb = null;
      }
      if (isDleEotReply(byte)) replies.push({ kind: 'dle-eot', byte });
      else if (isAsbFirstByte(byte)) this.#asb = [byte];
      else if (byte === XON || byte === XOFF) replies.push({ kind: 'flow-control', byte });
      else replies.push({ kind: 'other', byte });
    }
    return replies;
  }
}

/**
 * How many DLE EOT 1–4 requests hide inside `bytes` (e.g. in raster image data). Epson printers
 * pick real-time commands out of the byte stream wherever they appear, even inside another
 * command's data, and answer them; a driver must expect those answers before its own.
 */
export function countDleEotRequests(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i + 2 < bytes.length; i += 1) {
    if (bytes[i] === DLE && bytes[i + 1] === EOT && bytes[i + 2]! >= 1 && bytes[i + 2]! <= 4) {
      count += 1;
      i += 2;
    }
  }
  return count;
}

export function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
