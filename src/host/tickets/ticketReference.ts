import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The signed ticket reference printed in the ticket's QR code and shown on screen. A desk or survey
 * station hands it to this kiosk, which verifies it with its own secret, offline: no central
 * call, and a forged or altered reference (another number, another day) does not verify.
 *
 * Format: `KS1.<yyyymmdd>.<number>.<ticketId>.<mac>`, mac = the first 16 bytes of
 * HMAC-SHA256(key, the text before it), base64url. 128 bits is far beyond guessing, and the whole
 * reference stays short enough for a small QR code (version 3–4) that scans from thermal paper.
 */
export interface TicketReferenceFields {
  serviceDate: string;
  number: string;
  ticketId: number;
}

export interface TicketReferenceSigner {
  sign(fields: TicketReferenceFields): string;
  /** The fields if the reference is well formed and signed by this kiosk; null otherwise. */
  verify(reference: string): TicketReferenceFields | null;
}

const PREFIX = 'KS1';
const PATTERN = /^KS1\.(\d{8})\.([A-Z]-\d{3})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

export function loadTicketReferenceSigner(dataDir: string): TicketReferenceSigner {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'ticket-reference.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = readFileSync(file);
  if (key.length !== 32) throw new Error(`ticket reference key ${file} is damaged (expected 32 bytes)`);
  return createTicketReferenceSigner(key);
}

export function createTicketReferenceSigner(key: Buffer): TicketReferenceSigner {
  const mac = (body: string) => createHmac('sha256', key).update(body).digest().subarray(0, 16);
  return {
    sign({ serviceDate, number, ticketId }) {
      const body = `${PREFIX}.${serviceDate.replaceAll('-', '')}.${number}.${ticketId}`;
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(reference) {
      const match = PATTERN.exec(reference);
      if (!match) return null;
      const [, date, number, id, signature] = match as unknown as [string, string, string, string, string];
      const body = reference.slice(0, reference.length - signature.length - 1);
      // Compare the text, not decoded bytes: base64url ignores the low bits of the last character,
      // and one reference must have exactly one valid spelling.
      const given = Buffer.from(signature, 'ascii');
      const expected = Buffer.from(mac(body).toString('base64url'), 'ascii');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { serviceDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, number, ticketId: Number(id) };
    },
  };
}
