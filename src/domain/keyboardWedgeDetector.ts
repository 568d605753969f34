/**
 * Tells a keyboard-wedge barcode scanner from a person at the keyboard by timing alone: a scanner
 * types a whole code in a burst, a few milliseconds per key, which no person can do for more than
 * two or three keys. Platform-free and timer-free, so Electron main (`before-input-event`) and a
 * browser station (`keydown`) share it; the caller owns the clock and any timer (see `deadline`).
 *
 * Keys are `KeyboardEvent.key` values: one character for printable keys, names for the others.
 */

export interface WedgeOptions {
  /** The longest pause between two keys of one scan. Scanners manage 1–20 ms; people 80 ms and up. */
  maxKeyGapMs: number;
  /** Characters the scanner is programmed to type before each code; stripped. */
  prefix?: string;
  /** Characters typed after each code: CR/LF arrive as Enter, TAB as Tab. Empty: a quiet gap ends a scan. */
  suffix?: string;
  /** Shorter bursts are a person's key rollover, not a scan. */
  minLength?: number;
  maxLength?: number;
}

export type WedgeScan = { ok: true; text: string } | { ok: false; problem: string };

export interface WedgeKeyResult {
  /** A scan that this key completed (or whose end this key revealed), if any. */
  scan: WedgeScan | null;
  /**
   * The key belongs to a detected scan and should not reach the page. The first `minLength - 1`
   * characters of a scan are never consumed: until then nobody can know it is a scan.
   */
  consumed: boolean;
}

export interface KeyFlags {
  /** Auto-repeat of a held key: a person, however fast the repeats come. */
  repeat?: boolean;
  /** Control, Alt or Meta held: a shortcut, never part of a scan. */
  modified?: boolean;
}

/**
 * How the owner of the keyboard hands a key press (key down) to a keyboard device — the wedge
 * scanner, the keyboard button panel. True asks the owner to keep the key from the page.
 */
export type KeyFeed = (key: string, timestampMs: number, flags?: KeyFlags) => boolean;

export const DEFAULT_WEDGE_MIN_LENGTH = 6;
export const DEFAULT_WEDGE_MAX_LENGTH = 256;

/** Keys a scanner presses for upper case and the like; they neither count nor break a burst. */
const IGNORED_KEYS = new Set(['Shift', 'CapsLock', 'NumLock', 'AltGraph', 'Unidentified', 'Dead']);

const NOTHING: WedgeKeyResult = { scan: null, consumed: false };

export class KeyboardWedgeDetector {
  readonly #maxGap: number;
  readonly #prefix: string[];
  readonly #suffix: string[];
  readonly #minLength: number;
  readonly #maxLength: number;
  /** The burst so far: key tokens (characters, `Enter`, `Tab`) and when the last one came. */
  #burst: string[] = [];
  #lastAt = 0;
  #overlong = false;

  constructor(options: WedgeOptions) {
    this.#maxGap = options.maxKeyGapMs;
    this.#prefix = toKeyTokens(options.prefix ?? '');
    this.#suffix = toKeyTokens(options.suffix ?? '\r');
    this.#minLength = Math.max(1, options.minLength ?? DEFAULT_WEDGE_MIN_LENGTH);
    this.#maxLength = options.maxLength ?? DEFAULT_WEDGE_MAX_LENGTH;
  }

  feed(key: string, timestampMs: number, flags: KeyFlags = {}): WedgeKeyResult {
    if (IGNORED_KEYS.has(key)) return NOTHING;
    const ended = this.flush(timestampMs);
    const token = keyToken(key);
    if (token === null || flags.repeat === true || flags.modified === true) {
      this.#reset();
      return { scan: ended, consumed: false };
    }
    const lineEnd = token === 'Enter' || token === 'Tab';
    if (this.#burst.length === 0 && lineEnd && !startsWith([token], this.#prefix)) return { scan: ended, consumed: false };
    this.#append(token, timestampMs);

    if (this.#suffix.length > 0 && endsWith(this.#burst, this.#suffix)) {
      const scan = this.#finish(this.#burst.slice(0, this.#burst.length - this.#suffix.length));
      return { scan: scan ?? ended, consumed: scan !== null };
    }
    if (lineEnd && !this.#inSuffix()) {
      // A line end that is not the configured suffix still ends a fast burst: the scanner's
      // setting differs from the kiosk's, and the code is as good as with the right one.
      const scan = this.#finish(this.#burst.slice(0, -1));
      return { scan: scan ?? ended, consumed: scan !== null };
    }
    return { scan: ended, consumed: this.#confirmed() };
  }

  /**
   * When the burst in progress will have ended by quiet gap, or null when nothing is pending: the
   * caller sets a timer for it and then calls `flush`.
   */
  deadline(): number | null {
    return this.#burst.length > 0 ? this.#lastAt + this.#maxGap + 1 : null;
  }

  /** Ends the burst in progress if it has been quiet long enough; returns it if it was a scan. */
  flush(nowMs: number): WedgeScan | null {
    if (this.#burst.length === 0 || nowMs - this.#lastAt <= this.#maxGap) return null;
    // A scanner without a suffix, or one whose suffix went missing: the quiet gap ends the code.
    return this.#finish(this.#burst);
  }

  #append(token: string, timestampMs: number): void {
    this.#lastAt = timestampMs;
    // Keep only the tail beyond the limit: enough to recognise the suffix when it comes.
    if (this.#burst.length >= this.#prefix.length + this.#maxLength + this.#suffix.length) {
      this.#overlong = true;
      this.#burst.splice(this.#prefix.length, 1);
    }
    this.#burst.push(token);
  }

  /** The burst ends with the first keys of a multi-key suffix (e.g. Tab of Tab+Enter). */
  #inSuffix(): boolean {
    for (let length = 1; length < this.#suffix.length; length += 1) {
      if (endsWith(this.#burst, this.#suffix.slice(0, length))) return true;
    }
    return false;
  }

  /** Enough fast keys (after the prefix) that this burst can only be a scanner. */
  #confirmed(): boolean {
    return startsWith(this.#burst, this.#prefix) && this.#burst.length - this.#prefix.length >= this.#minLength;
  }

  #finish(body: string[]): WedgeScan | null {
    const overlong = this.#overlong;
    const isScan = startsWith(body, this.#prefix) && body.length - this.#prefix.length >= this.#minLength;
    this.#reset();
    if (!isScan) return null;
    if (overlong) return { ok: false, problem: `The scan was longer than ${this.#maxLength} characters and was refused.` };
    const text = body.slice(this.#prefix.length);
    if (text.some((token) => token === 'Enter' || token === 'Tab')) {
      return { ok: false, problem: "The scan contains a line end or tab inside the code; check the scanner's suffix setting." };
    }
    return { ok: true, text: text.join('') };
  }

  #reset(): void {
    this.#burst = [];
    this.#overlong = false;
  }
}

/** A configured prefix or suffix as the keys a scanner types for it; CR, LF and CRLF are one Enter. */
function toKeyTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const char of text.replace(/\r\n/g, '\r')) {
    if (char === '\r' || char === '\n') tokens.push('Enter');
    else if (char === '\t') tokens.push('Tab');
    else tokens.push(char);
  }
  return tokens;
}

function keyToken(key: string): string | null {
  if (key === 'Enter' || key === 'Tab') return key;
  // One code point, printable: what a scanner can type. Named keys (arrows, Backspace) are a person.
  const chars = [...key];
  if (chars.length !== 1 || /\p{C}/u.test(key)) return null;
  return key;
}

function startsWith(tokens: readonly string[], head: readonly string[]): boolean {
  return head.length <= tokens.length && head.every((token, index) => tokens[index] === token);
}

function endsWith(tokens: readonly string[], tail: readonly string[]): boolean {
  const offset = tokens.length - tail.length;
  return offset >= 0 && tail.every((token, index) => tokens[offset + index] === token);
}
