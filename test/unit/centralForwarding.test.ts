import { describe, expect, it } from 'vitest';
import { retryAfter } from '../../src/host/central/centralClient.js';
import { checkResource } from '../../src/host/central/forwarder.js';
import { KioskConfigSchema } from '../../src/host/kioskConfig.js';

const NOW = new Date('2026-12-03T10:00:00.000Z');

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, caps an hour, ignores nonsense', () => {
    expect(retryAfter('7', () => NOW)).toBe(7000);
    expect(retryAfter('0', () => NOW)).toBe(0);
    expect(retryAfter('Thu, 03 Dec 2026 10:00:30 GMT', () => NOW)).toBe(30_000);
    expect(retryAfter('Thu, 03 Dec 2026 09:00:00 GMT', () => NOW)).toBe(0);
    expect(retryAfter('999999', () => NOW)).toBe(3_600_000);
    expect(retryAfter('soon', () => NOW)).toBeUndefined();
    expect(retryAfter(undefined, () => NOW)).toBeUndefined();
    expect(retryAfter(['5', '9'], () => NOW)).toBe(5000);
  });
});

describe('pulled resources', () => {
  it('refuses what breaks the contract, and a catalogue with services the kiosk does not know', () => {
    expect(checkResource('config', '{')).toBe('not JSON');
    expect(checkResource('config', JSON.stringify({ version: 1, holidays: [{ date: '2027-01-01', name: 'Tahun Baru' }] }))).toBeUndefined();
    expect(checkResource('config', JSON.stringify({ version: 2, holidays: [] }))).toMatch(/version/);
    expect(checkResource('vacancies', JSON.stringify({ version: 1, vacancies: 'none' }))).toBeDefined();
    const catalogue = (code: string) => JSON.stringify({ version: 1, services: [{ code, name: 'Layanan', nameEn: 'Service', userTypes: ['pekerja'] }] });
    expect(checkResource('catalogue', catalogue('D1.P01'))).toBeUndefined();
    expect(checkResource('catalogue', catalogue('D1.P99'))).toMatch(/does not know: D1.P99/);
  });
});

describe('central configuration', () => {
  it('takes an https address and refuses credentials inside it', () => {
    expect(KioskConfigSchema.parse({ central: { url: 'https://siapkerja.example.go.id/kios-api' } }).central.url).toBe('https://siapkerja.example.go.id/kios-api');
    expect(KioskConfigSchema.safeParse({ central: { url: 'https://user:secret@siapkerja.example.go.id' } }).success).toBe(false);
    expect(KioskConfigSchema.safeParse({ central: { url: 'ftp://siapkerja.example.go.id' } }).success).toBe(false);
    // Visitors' data never in clear: plain http only to this machine (a test receiver).
    expect(KioskConfigSchema.safeParse({ central: { url: 'http://siapkerja.example.go.id' } }).success).toBe(false);
    expect(KioskConfigSchema.safeParse({ central: { url: 'http://10.0.0.5:8787' } }).success).toBe(false);
    expect(KioskConfigSchema.safeParse({ central: { url: 'http://127.0.0.1:8787' } }).success).toBe(true);
    expect(KioskConfigSchema.parse({}).central).toMatchObject({ url: null, batchSize: 200, keepSentDays: 14 });
  });
});

describe('WhatsApp numbers for central (E.164)', () => {
  it('turns what a visitor types into +62…, and gives up rather than send a wrong number', async () => {
    const { e164 } = await import('../../src/host/tickets/ticketService.js');
    for (const typed of ['0812 3456 7890', '+62 812-3456-7890', '6281234567890', '+62 0812 3456 7890', '812 3456 7890']) expect(e164(typed), typed).toBe('+6281234567890');
    expect(e164('+44 20 7946 0958')).toBe('+442079460958');
    expect(e164('+0812 3456 7890')).toBeUndefined();
    expect(e164('0812 3456 7890 1234')).toBeUndefined();
    expect(e164('0812')).toBeUndefined();
  });
});

describe('the credential file', () => {
  it('is owner-only, names its codec, and an unreadable one is reported with a fixed message', async () => {
    const { mkdtempSync, statSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createFileCredentialStore, PLAIN_OWNER_ONLY, CredentialUnreadable } = await import('../../src/host/central/credentialStore.js');
    const path = join(mkdtempSync(join(tmpdir(), 'kiosk-cred-')), 'secrets', 'central-credential');
    const store = createFileCredentialStore(path, PLAIN_OWNER_ONLY);
    expect(store.load()).toBeUndefined();
    const credential = { url: 'https://pusat.example.go.id', deviceId: 'kiosk_abcdefghijklmnopqrstuvwxyz', credential: `kcs_${'a'.repeat(43)}`, registeredAt: '2026-12-03T00:00:00.000Z' };
    store.save(credential);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ v: 1, codec: 'owner-only-file' });
    expect(store.load()).toEqual(credential);

    // Another codec (a keychain present at save, absent now) is named, not misread.
    const keychain = createFileCredentialStore(path, { kind: 'safe-storage', encode: (plain) => Buffer.from(plain), decode: (bytes) => bytes.toString() });
    expect(() => keychain.load()).toThrow(/stored with owner-only-file/);
    writeFileSync(path, '\0\0\0 {"secret": "kcs_leak"');
    expect(() => store.load()).toThrow(CredentialUnreadable);
    try {
      store.load();
    } catch (error) {
      expect((error as Error).message).not.toContain('kcs_leak');
    }
  });
});
