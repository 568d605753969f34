import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Where the kiosk keeps its central device credential. In Electron the secret is encrypted with
 * the OS keychain (`safeStorage`, main/electron); the headless host has no keychain, so it keeps a
 * file only its owner can read and says so at start-up and on the technician's screen.
 */

export const StoredCredentialSchema = z.object({
  url: z.string().min(1),
  deviceId: z.string().min(1),
  credential: z.string().min(1),
  registeredAt: z.iso.datetime(),
});
export type StoredCredential = z.infer<typeof StoredCredentialSchema>;

export interface CredentialStore {
  readonly kind: 'safe-storage' | 'owner-only-file';
  load(): StoredCredential | undefined;
  save(credential: StoredCredential): void;
  clear(): void;
}

/** How the file's bytes are protected: Electron passes safeStorage; the headless host passes none. */
export interface CredentialCodec {
  readonly kind: 'safe-storage' | 'owner-only-file';
  encode(plain: string): Buffer;
  decode(stored: Buffer): string;
}

export const PLAIN_OWNER_ONLY: CredentialCodec = {
  kind: 'owner-only-file',
  encode: (plain) => Buffer.from(plain, 'utf8'),
  decode: (stored) => stored.toString('utf8'),
};

/** The file names its codec, so a keychain that is missing on one boot is reported, not misread. */
const FileSchema = z.object({ v: z.literal(1), codec: z.enum(['safe-storage', 'owner-only-file']), data: z.string().min(1) });

export class CredentialUnreadable extends Error {
  constructor(reason: string) {
    // A fixed text: a parser's message could quote the file, and this one is logged.
    super(`the central device credential cannot be read (${reason}); register the kiosk again`);
    this.name = 'CredentialUnreadable';
  }
}

export function createFileCredentialStore(path: string, codec: CredentialCodec): CredentialStore {
  return {
    kind: codec.kind,
    load() {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new CredentialUnreadable('the file cannot be opened');
      }
      let file: z.infer<typeof FileSchema>;
      try {
        file = FileSchema.parse(JSON.parse(bytes.toString('utf8')));
      } catch {
        throw new CredentialUnreadable('not a credential file');
      }
      if (file.codec !== codec.kind) throw new CredentialUnreadable(`stored with ${file.codec}, and this run uses ${codec.kind}`);
      let plain: string;
      try {
        plain = codec.decode(Buffer.from(file.data, 'base64'));
      } catch {
        throw new CredentialUnreadable('it does not decrypt');
      }
      let parsed: ReturnType<typeof StoredCredentialSchema.safeParse>;
      try {
        parsed = StoredCredentialSchema.safeParse(JSON.parse(plain));
      } catch {
        throw new CredentialUnreadable('damaged');
      }
      if (!parsed.success) throw new CredentialUnreadable('damaged');
      return parsed.data;
    },
    save(credential) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.tmp`;
      const body = JSON.stringify({ v: 1, codec: codec.kind, data: codec.encode(JSON.stringify(credential)).toString('base64') });
      // Owner-only from the first byte, on disk before the rename, then the rename made durable:
      // a power cut leaves the old credential or the new one, never half of one.
      const fd = openSync(temporary, 'w', 0o600);
      try {
        writeSync(fd, body);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      chmodSync(temporary, 0o600);
      renameSync(temporary, path);
      const directory = openSync(dirname(path), 'r');
      try {
        fsyncSync(directory);
      } finally {
        closeSync(directory);
      }
    },
    clear() {
      rmSync(path, { force: true });
    },
  };
}
