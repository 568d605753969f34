import type { ScanInput } from '../../src/devices/barcodeScanner.js';
import { decodeScanBytes, DEFAULT_SCAN_MAX_LENGTH } from './scanFraming.js';

/**
 * Scanned-data input reports of a HID POS barcode scanner (USB HID Point of Sale usage tables,
 * Barcode Scanner page 0x8C), in the layout Honeywell, Zebra and most others use:
 *
 *   byte 0       report id (0x02, the scanned data report)
 *   byte 1       number of data bytes in this report
 *   bytes 2–4    AIM symbology identifier (`]Q1` for QR …), not part of the code
 *   bytes 5…     data
 *   last byte    bit 0 set: more data follows in the next report (long codes span reports)
 *
 * Reports with other ids (status, attributes, a vendor's own) are ignored. A parser that never
 * touches a device and owns no timer, like the line framing.
 */

export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_SCANNED_DATA_REPORT = 0x02;
const HEADER = 5;
/** A code still waiting for its next part after this long lost it. */
export const HID_POS_CONTINUATION_TIMEOUT_MS = 500;

export interface HidPosOptions {
  reportId?: number;
  maxLength?: number;
}

export class HidPosReportParser {
  readonly #reportId: number;
  readonly #maxLength: number;
  #parts: Uint8Array[] = [];
  #size = 0;
  #lastAt = 0;
  #overlong = false;
  #ignored = 0;

  constructor(options: HidPosOptions = {}) {
    this.#reportId = options.reportId ?? HID_POS_SCANNED_DATA_REPORT;
    this.#maxLength = options.maxLength ?? DEFAULT_SCAN_MAX_LENGTH;
  }

  /** Reports with other ids seen so far (for the technician: a scanner in an unexpected mode). */
  get ignoredReports(): number {
    return this.#ignored;
  }

  push(report: Uint8Array, nowMs: number): ScanInput[] {
    const out = this.expire(nowMs);
    if (report.length === 0 || report[0] !== this.#reportId) {
      this.#ignored += 1;
      return out;
    }
    const length = report[1] ?? 0;
    if (report.length < HEADER || HEADER + length > report.length) {
      this.reset();
      out.push({ ok: false, problem: 'The scanner sent a malformed data report; the scan was dropped.' });
      return out;
    }
    // The flag byte ends the report, after the data; a report filled to its end has no flag.
    const moreFollows = report.length > HEADER + length && ((report[report.length - 1] ?? 0) & 0x01) === 1;
    this.#lastAt = nowMs;
    if (!this.#overlong) {
      this.#parts.push(report.slice(HEADER, HEADER + length));
      this.#size += length;
      if (this.#size > this.#maxLength * 4) {
        this.#overlong = true;
        this.#parts = [];
      }
    }
    if (moreFollows) return out;
    out.push(...this.#complete());
    return out;
  }

  deadline(): number | null {
    return this.#parts.length > 0 || this.#overlong ? this.#lastAt + HID_POS_CONTINUATION_TIMEOUT_MS : null;
  }

  /** Drops a code whose next part never came. */
  expire(nowMs: number): ScanInput[] {
    const deadline = this.deadline();
    if (deadline === null || nowMs < deadline) return [];
    this.reset();
    return [{ ok: false, problem: 'A long scan arrived incomplete (its last part never came) and was dropped.' }];
  }

  reset(): void {
    this.#parts = [];
    this.#size = 0;
    this.#overlong = false;
  }

  #complete(): ScanInput[] {
    const overlong = this.#overlong;
    const bytes = new Uint8Array(this.#size);
    let offset = 0;
    for (const part of this.#parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    this.reset();
    if (overlong) return [{ ok: false, problem: `A scan was longer than ${this.#maxLength} characters and was refused.` }];
    // A scanner may still be programmed to append CR or LF in HID POS mode; it is not the code.
    let end = bytes.length;
    while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a)) end -= 1;
    if (end === 0) return [];
    return [decodeScanBytes(bytes.subarray(0, end), this.#maxLength)];
  }
}
