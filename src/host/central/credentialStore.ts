import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

export function createFileCredentialStore(path: string, codec: CredentialCodec): CredentialStore {
  return {
    kind: codec.kind,
    load() {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      const parsed = StoredCredentialSchema.safeParse(JSON.parse(codec.decode(bytes)));
      if (!parsed.success) throw new Error(`${path} does not hold a device credential; register the kiosk again`);
      return parsed.data;
    },
    save(credential) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.tmp`;
      // Written owner-only from the first byte, then renamed, so no reader ever sees a half file
      // or a moment of wider permissions.
      writeFileSync(temporary, codec.encode(JSON.stringify(credential)), { mode: 0o600 });
      chmodSync(temporary, 0o600);
      renameSync(temporary, path);
    },
    clear() {
      rmSync(path, { force: true });
    },
  };
}
