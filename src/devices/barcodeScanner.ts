import type { DeviceStatus } from '../contract/api.js';

/**
 * One read from a scanner, after the driver's framing (prefix/suffix, line end, length limit).
 * A frame the driver could not accept (overlong, binary noise) arrives as a problem, so the
 * technician and the officer learn that something was scanned and why it was refused.
 */
export type ScanInput = { ok: true; text: string } | { ok: false; problem: string };

/**
 * The port for the SIAPkerja-ID barcode scanner. The payload is parsed and validated by the core
 * (`src/domain/siapkerjaScan.ts`), never by the driver: drivers deliver text.
 */
export interface BarcodeScanner {
  onScan(listener: (scan: ScanInput) => void): () => void;
  status(): DeviceStatus;
  onStatusChange(listener: (status: DeviceStatus) => void): () => void;
  close(): Promise<void>;
}
