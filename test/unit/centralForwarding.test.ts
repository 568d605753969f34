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
    expect(KioskConfigSchema.parse({}).central).toMatchObject({ url: null, batchSize: 200, keepSentDays: 14 });
  });
});
