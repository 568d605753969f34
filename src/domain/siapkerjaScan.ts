import { z } from 'zod';
import { maskNik, NIK_LENGTH, validateNik, type NikProblemCode } from './nik.js';

/**
 * What a scanned code means to the kiosk: a SIAPkerja account id or a NIK. The scanner's text is
 * untrusted input (anyone can print a barcode), so it is checked for size and unreadable
 * characters before any pattern sees it, and an id must be plain letters, digits and dashes.
 */

export type ScanKind = 'siapkerja-id' | 'nik';

/**
 * One accepted code format, as plain data so the configuration file can carry it. `source` is a
 * regular expression that must match the whole scan (it is anchored here); `group` is the capture
 * group holding the value (1 when omitted, 0 for the whole match).
 */
/**
 * Patterns come from the site's configuration and run on every scan a visitor presents, on the
 * host's one thread: catastrophic backtracking would freeze the kiosk. These catch the usual shapes
 * of it — a repeated group containing a repetition, and back-references — which a format like
 * `SIAPKERJA:([A-Z0-9-]{6,40})` never needs.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})/;
const BACKREFERENCE = /\\[1-9]/;

export const ScanPatternSchema = z
  .object({
    /** A name for the technician: which rule matched or why none did. */
    name: z.string().min(1).max(40),
    kind: z.enum(['siapkerja-id', 'nik']),
    source: z
      .string()
      .min(1)
      .max(300)
      .refine((source) => compile(source, '') !== null, 'not a valid regular expression')
      .refine((source) => !NESTED_QUANTIFIER.test(source) && !BACKREFERENCE.test(source), {
        message: 'no quantified group that itself repeats (e.g. (a+)+) and no back-references: such patterns can take seconds on one scan and freeze the kiosk',
      }),
    /** Only `i` (ignore case) is allowed: other flags change what "whole scan" means. */
    flags: z.enum(['', 'i']).default(''),
    group: z.number().int().min(0).max(9).default(1),
  })
  .strict();
export type ScanPattern = z.input<typeof ScanPatternSchema>;

/**
 * The formats a kiosk accepts until its site configures the real one. The layout of the
 * SIAPkerja-ID card's barcode is not published, so everything below except the bare NIK is an
 * assumption to be replaced per site:
 *
 * - `nik`: a bare 16-digit NIK (what a KTP-reading scanner or a NIK barcode gives), checked with
 *   `validateNik`;
 * - `siapkerja-url`: an account link on a Kemnaker host carrying the id in an `id` query parameter,
 *   e.g. `https://account.kemnaker.go.id/profile?id=SK-12345678` — the usual shape of a QR code
 *   that opens the account page; only `kemnaker.go.id` and its subdomains are accepted, so a
 *   look-alike host is refused rather than trusted;
 * - `siapkerja-prefixed`: `SIAPKERJA:<id>` (or `SIAPKERJA-<id>`), the shape of a card produced for
 *   a kiosk-only barcode.
 *
 * An id is 6–40 letters, digits and dashes, starting with a letter or digit.
 */
export const DEFAULT_SCAN_PATTERNS: readonly ScanPattern[] = [
  { name: 'nik', kind: 'nik', source: '(\\d{16})' },
  {
    name: 'siapkerja-url',
    kind: 'siapkerja-id',
    source: 'https?://(?:[a-z0-9.-]{0,200}\\.)?kemnaker\\.go\\.id(?::\\d{1,5})?/[^?#\\s]*\\?(?:[^#\\s]*&)?id=([A-Za-z0-9][A-Za-z0-9-]{5,39})(?:[&#]\\S*)?',
    flags: 'i',
  },
  { name: 'siapkerja-prefixed', kind: 'siapkerja-id', source: 'SIAPKERJA[:-]([A-Za-z0-9][A-Za-z0-9-]{5,39})', flags: 'i' },
];

/** Longer than any code the kiosk accepts with room to spare; refused before a pattern runs. */
export const MAX_SCAN_LENGTH = 256;

export type ScanProblemCode = 'scan_empty' | 'scan_too_long' | 'scan_control_chars' | 'scan_unreadable' | 'scan_unrecognised' | 'scan_bad_id' | NikProblemCode;

export type ParsedScan = { ok: true; kind: ScanKind; value: string; masked: string } | { ok: false; code: ScanProblemCode; problem: string };

/** Whatever a pattern captured as an id must look like one. */
const ID_VALUE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
// C0 and C1 controls (a misconfigured scanner's CR, TAB or GS separators).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Invisible format characters (zero-width, bidi overrides), private use, unassigned, lone
// surrogates and the replacement character left by undecodable bytes.
const UNREADABLE = /[\p{Cf}\p{Co}\p{Cn}\p{Cs}\uFFFD]/u;

/**
 * Parses a scan into what it identifies. Never throws, whatever the text or the patterns (a
 * pattern that does not compile is skipped; configuration should have refused it already).
 * Problems describe the scan, never repeat it.
 */
export function parseSiapkerjaScan(text: string, patterns: readonly ScanPattern[] = DEFAULT_SCAN_PATTERNS): ParsedScan {
  if (typeof text !== 'string') return fail('scan_empty', 'Nothing was scanned.');
  if (text.length > MAX_SCAN_LENGTH) {
    return fail('scan_too_long', `The scanned code is too long (more than ${MAX_SCAN_LENGTH} characters); it is not a SIAPkerja-ID card or a NIK.`);
  }
  const scan = text.trim();
  if (scan === '') return fail('scan_empty', 'The scan was empty.');
  if (CONTROL.test(scan)) {
    return fail('scan_control_chars', "The scan contains control characters; check the scanner's prefix and suffix settings.");
  }
  if (UNREADABLE.test(scan)) return fail('scan_unreadable', 'The scan contains unreadable characters; it is not a SIAPkerja-ID card or a NIK.');

  for (const pattern of patterns) {
    const match = compiled(pattern)?.exec(scan);
    if (!match) continue;
    const value = match[pattern.group ?? 1];
    if (value === undefined || value === '') continue;
    if (pattern.kind === 'nik') {
      const nik = validateNik(value);
      return nik.ok ? { ok: true, kind: 'nik', value: nik.nik, masked: maskNik(nik.nik) } : nik;
    }
    if (!ID_VALUE.test(value)) return fail('scan_bad_id', 'The code has the shape of a SIAPkerja-ID but the id in it is not valid.');
    return { ok: true, kind: 'siapkerja-id', value, masked: maskId(value) };
  }

  // A number close to a NIK's length is most likely a NIK mistyped or misread: say what is wrong.
  if (/^\d+$/.test(scan) && Math.abs(scan.length - NIK_LENGTH) <= 4) {
    const nik = validateNik(scan);
    if (!nik.ok) return nik;
  }
  return fail('scan_unrecognised', 'This code is not a SIAPkerja-ID card or a NIK.');
}

/** `••••••5678`: the last four characters, so a visitor can recognise their own card. */
export function maskId(id: string): string {
  const chars = [...id];
  const shown = chars.length > 8 ? 4 : Math.min(2, Math.max(0, chars.length - 4));
  return '•'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
}

const cache = new WeakMap<ScanPattern, RegExp | null>();

function compiled(pattern: ScanPattern): RegExp | null {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    regex = compile(pattern.source, pattern.flags ?? '');
    cache.set(pattern, regex);
  }
  return regex;
}

function compile(source: string, flags: string): RegExp | null {
  if (flags !== '' && flags !== 'i') return null;
  try {
    // Compiled alone first: a source such as `a)|(b` is refused rather than escaping the anchors.
    new RegExp(source, flags);
    // Anchored, so a pattern cannot accept a valid code with anything around it.
    return new RegExp(`^(?:${source})$`, flags);
  } catch {
    return null;
  }
}

function fail(code: ScanProblemCode, problem: string): ParsedScan {
  return { ok: false, code, problem };
}
