import { join } from 'node:path';
import { safeStorage } from 'electron';
import { createFileCredentialStore, type CredentialStore } from '../../src/host/central/credentialStore.js';
import { CENTRAL_CREDENTIAL_FILE } from '../../src/host/kioskHost.js';

/**
 * The central device credential, encrypted with the OS keychain (DPAPI on Windows, libsecret or
 * kwallet on Linux). Where the platform has no keychain Electron falls back to a fixed key
 * ('basic_text' on Linux), which is no better than an owner-only file: the store says so, and the
 * technician's screen shows the weaker kind.
 */
export function safeStorageCredentialStore(dataDir: string): CredentialStore {
  const usable = safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  return createFileCredentialStore(join(dataDir, 'secrets', CENTRAL_CREDENTIAL_FILE), {
    kind: usable ? 'safe-storage' : 'owner-only-file',
    encode: (plain) => (usable ? safeStorage.encryptString(plain) : Buffer.from(plain, 'utf8')),
    decode: (stored) => (usable ? safeStorage.decryptString(stored) : stored.toString('utf8')),
  });
}
