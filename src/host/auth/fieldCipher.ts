import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Encrypts personal data at rest (UU PDP 27/2022): a visitor's WhatsApp number and e-mail for a
 * back-office follow-up, a scanned SIAPkerja-ID. AES-256-GCM with a per-kiosk key kept beside the
 * database, readable by the kiosk's user only, so a copied database file alone reveals nothing.
 */
export interface FieldCipher {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

export function loadFieldCipher(dataDir: string): FieldCipher {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, 'field.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = readFileSync(file);
  if (key.length !== 32) throw new Error(`field key ${file} is damaged (expected 32 bytes)`);
  return createFieldCipher(key);
}

export function createFieldCipher(key: Buffer): FieldCipher {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed) {
      const [version, data] = sealed.split(':');
      if (version !== VERSION || !data) throw new Error('sealed field in an unknown format');
      const bytes = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** "0812-****-7890": enough for the visitor to recognise their number, not enough to call it. */
export function maskPhone(phone: string): string {
  // One national form whatever was typed (+62 812…, 62812…, 0812…), so the same number always
  // masks the same way and staff can match it.
  const typed = phone.replace(/\D/g, '');
  const digits = typed.startsWith('62') && typed.length >= 10 ? `0${typed.slice(2)}` : typed;
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 4)}-****-${digits.slice(-3)}`;
}

/** "b***@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
