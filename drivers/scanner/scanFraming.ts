import type { ScanInput } from '../../src/devices/barcodeScanner.js';

/**
 * The scanner's line protocol: bytes in, one ScanInput per scanned code out. A parser that never
 * touches a port (serial, HID and the simulator all feed it) and owns no timer: the caller asks
 * `deadline()` when a partial line must be given up and calls `expire` then.
 *
 * A code is the bytes between the configured prefix and suffix. A suffix made of line ends
 * (CR, LF, CRLF) accepts any of them, since scanners differ and the code is the same; an empty
 * suffix means the scanner sends nothing after a code, so a quiet pause ends it. Anything the
 * kiosk cannot take as text becomes a problem, worded for the technician, never the bytes
 * themselves.
 */

export interface ScanFramingOptions {
  prefix?: string;
  suffix?: string;
  /** The longest code, in characters, between prefix and suffix. */
  maxLength?: number;
  /** A partial code older than this is dropped (with a problem); with no suffix it is the code. */
  quietTimeoutMs?: number;
}

export const DEFAULT_SCAN_MAX_LENGTH = 256;
/** A whole code takes about 20 ms at 9600 baud; half a second of silence mid-code is a fault. */
export const DEFAULT_QUIET_TIMEOUT_MS = 500;
/** Without a suffix the pause is the only end marker, so it must be short to feel instant. */
export const DEFAULT_SUFFIXLESS_QUIET_MS = 100;

const CR = 0x0d;
const LF = 0x0a;
const encoder = new TextEncoder();

export class ScanLineFramer {
  readonly #prefix: Uint8Array;
  readonly #suffix: Uint8Array;
  /** Any CR or LF ends a line (the suffix is line ends only). */
  readonly #anyLineEnd: boolean;
  readonly #maxLength: number;
  readonly #quietMs: number;
  /** Room for the prefix, the longest code in UTF-8 and a partial suffix. */
  readonly #maxBytes: number;
  #line: number[] = [];
  #lastByteAt = 0;
  /** The line passed the limit: its problem is out, the rest is dropped up to the next line end. */
  #discarding = false;

  constructor(options: ScanFramingOptions = {}) {
    const suffix = options.suffix ?? '\r';
    this.#prefix = encoder.encode(options.prefix ?? '');
    this.#suffix = encoder.encode(suffix);
    this.#anyLineEnd = suffix !== '' && /^[\r\n]+$/.test(suffix);
    this.#maxLength = options.maxLength ?? DEFAULT_SCAN_MAX_LENGTH;
    this.#quietMs = options.quietTimeoutMs ?? (suffix === '' ? DEFAULT_SUFFIXLESS_QUIET_MS : DEFAULT_QUIET_TIMEOUT_MS);
    this.#maxBytes = this.#prefix.length + this.#maxLength * 4 + this.#suffix.length;
  }

  push(chunk: Uint8Array, nowMs: number): ScanInput[] {
    const out = this.expire(nowMs);
    for (const byte of chunk) {
      this.#lastByteAt = nowMs;
      if (this.#anyLineEnd && (byte === CR || byte === LF)) {
        this.#endLine(out);
        continue;
      }
      if (this.#discarding) {
        if (this.#suffix.length > 0 && !this.#anyLineEnd) this.#keepSuffixTail(byte);
        continue;
      }
      this.#line.push(byte);
      if (!this.#anyLineEnd && this.#suffix.length > 0 && this.#endsWithSuffix()) {
        this.#line.length -= this.#suffix.length;
        this.#endLine(out);
        continue;
      }
      if (this.#line.length > this.#maxBytes) {
        this.#line = [];
        this.#discarding = true;
        out.push(tooLong(this.#maxLength));
      }
    }
    return out;
  }

  /** When the partial line in progress times out, or null when there is none. */
  deadline(): number | null {
    return this.#line.length > 0 || this.#discarding ? this.#lastByteAt + this.#quietMs : null;
  }

  /** Gives up a partial line that has been quiet too long; without a suffix, that line is the code. */
  expire(nowMs: number): ScanInput[] {
    const deadline = this.deadline();
    if (deadline === null || nowMs < deadline) return [];
    const line = this.#line;
    const discarding = this.#discarding;
    this.reset();
    if (discarding) return [];
    if (this.#suffix.length === 0) return this.#frame(line);
    return [{ ok: false, problem: "A scan ended without its line end and was dropped; check the scanner's suffix setting and cable." }];
  }

  /** Forgets any partial line: the port was lost or reopened, so the bytes before it are unrelated. */
  reset(): void {
    this.#line = [];
    this.#discarding = false;
  }

  #endLine(out: ScanInput[]): void {
    const line = this.#line;
    const discarding = this.#discarding;
    this.reset();
    if (!discarding) out.push(...this.#frame(line));
  }

  #frame(line: number[]): ScanInput[] {
    // CRLF, or blank lines from a scanner sending both: nothing was scanned.
    if (line.length === 0) return [];
    const bytes = Uint8Array.from(line);
    if (!startsWith(bytes, this.#prefix)) {
      return [{ ok: false, problem: "A scan did not start with the configured prefix; check the scanner's prefix setting." }];
    }
    return [decodeScanBytes(bytes.subarray(this.#prefix.length), this.#maxLength)];
  }

  #endsWithSuffix(): boolean {
    const offset = this.#line.length - this.#suffix.length;
    if (offset < 0) return false;
    for (let index = 0; index < this.#suffix.length; index += 1) if (this.#line[offset + index] !== this.#suffix[index]) return false;
    return true;
  }

  /** While discarding an overlong line, watch for its suffix so the next code starts clean. */
  #keepSuffixTail(byte: number): void {
    this.#line.push(byte);
    if (this.#line.length > this.#suffix.length) this.#line.shift();
    if (this.#endsWithSuffix()) this.reset();
  }
}

/**
 * One code's bytes (framing removed) as text, or the reason they are not: invalid UTF-8 and
 * control characters are what a wrong baud rate or a noisy line produces.
 */
export function decodeScanBytes(bytes: Uint8Array, maxLength = DEFAULT_SCAN_MAX_LENGTH): ScanInput {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: "A scan arrived as unreadable bytes (not text); check the scanner's baud rate and cable." };
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0').toUpperCase();
    return { ok: false, problem: `A scan contained a control character (0x${code}); check the scanner's baud rate, prefix and suffix settings.` };
  }
  if ([...text].length > maxLength) return tooLong(maxLength);
  return { ok: true, text };
}

function tooLong(maxLength: number): ScanInput {
  return { ok: false, problem: `A scan was longer than ${maxLength} characters and was refused.` };
}

function startsWith(bytes: Uint8Array, head: Uint8Array): boolean {
  if (head.length > bytes.length) return false;
  return head.every((byte, index) => bytes[index] === byte);
}
