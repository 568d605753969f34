import { describe, expect, it } from 'vitest';
import type { CentralStatus, ForwarderState } from '../../src/contract/central.js';
import { ForwarderStateSchema } from '../../src/contract/central.js';
import { centralHeadline, describeSkew, formatPairingCode, formatSpan } from '../../renderer/src/stations/admin/centralWords.js';
import staffEn from '../../renderer/src/i18n/staff.en.json' with { type: 'json' };
import staffId from '../../renderer/src/i18n/staff.id.json' with { type: 'json' };

/** The staff pages' catalogues, read as the page reads them (staffI18n.ts needs a browser build). */
function translator(catalogue: Record<string, string>) {
  return (key: string, params?: Record<string, string | number>): string => {
    const template = catalogue[key];
    if (template === undefined) throw new Error(`no text for ${key}`);
    return template.replace(/\{(\w+)\}/g, (match, name: string) => String(params?.[name] ?? match));
  };
}
const id = translator(staffId);
const en = translator(staffEn);
const time = (iso: string) => iso.slice(11, 16);

function status(overrides: Partial<CentralStatus> = {}): CentralStatus {
  return {
    state: 'idle',
    url: 'https://central.example',
    deviceId: 'dev-1',
    credentialStorage: 'safe-storage',
    backlog: 0,
    poisoned: 0,
    heldSurveyResponses: 0,
    oldestPendingAt: null,
    oldestPendingAgeSeconds: null,
    lastSuccessAt: '2027-01-05T02:00:00.000Z',
    lastError: null,
    nextAttemptAt: null,
    clockSkewSeconds: 0,
    pulls: [],
    ...overrides,
  };
}

function headline(value: CentralStatus, t = id): string {
  const line = centralHeadline(value, time);
  return t(line.key, line.params);
}

describe("the Pusat tab's words", () => {
  it('names every forwarder state, in Bahasa Indonesia and English', () => {
    const words: Record<ForwarderState, string> = {
      not_configured: 'Alamat pusat belum diatur',
      not_registered: 'Belum terdaftar di pusat',
      idle: 'Terkirim semua',
      sending: 'Sedang mengirim (4 menunggu)',
      backing_off: 'Gagal, dicoba lagi pukul 02:05',
      revoked: 'Kredensial dicabut — daftarkan ulang',
    };
    for (const state of ForwarderStateSchema.options) {
      const value = status({ state, ...(state === 'sending' ? { backlog: 4 } : {}), ...(state === 'backing_off' ? { nextAttemptAt: '2027-01-05T02:05:00.000Z' } : {}) });
      expect(headline(value)).toBe(words[state]);
      expect(headline(value, en)).not.toMatch(/\{|central\./);
    }
    expect(headline(status({ state: 'backing_off', nextAttemptAt: '2027-01-05T02:05:00.000Z' }), en)).toBe('Failed, retrying at 02:05');
  });

  it('says "sent" only when nothing waits, nothing is held or quarantined, and central has answered', () => {
    expect(centralHeadline(status(), time).tone).toBe('ok');
    for (const value of [
      status({ backlog: 3, oldestPendingAt: '2027-01-05T01:00:00.000Z', oldestPendingAgeSeconds: 3600 }),
      status({ lastSuccessAt: null }),
      status({ poisoned: 1 }),
      status({ heldSurveyResponses: 12 }),
      status({ state: 'sending', backlog: 0 }),
    ]) {
      expect(headline(value)).not.toMatch(/terkirim semua/i);
      expect(headline(value, en)).not.toMatch(/everything sent/i);
      expect(centralHeadline(value, time).tone).not.toBe('ok');
    }
    expect(headline(status({ backlog: 3 }))).toBe('Menunggu: 3 data dikirim pada putaran berikutnya');
    expect(headline(status({ lastSuccessAt: null }))).toMatch(/^Menunggu/);
  });

  it('gives spans as people say them, the two largest units', () => {
    expect(formatSpan(3 * 86_400 + 4 * 3600 + 59, id)).toBe('3 hari 4 jam');
    expect(formatSpan(3 * 86_400 + 4 * 3600, en)).toBe('3 days 4 hours');
    expect(formatSpan(86_400 + 3600, en)).toBe('1 day 1 hour');
    expect(formatSpan(2 * 86_400, id)).toBe('2 hari');
    expect(formatSpan(2 * 3600 + 5 * 60, id)).toBe('2 jam 5 menit');
    expect(formatSpan(25 * 60 + 10, id)).toBe('25 menit');
    expect(formatSpan(40, id)).toBe('40 detik');
    expect(formatSpan(1, en)).toBe('1 second');
    expect(formatSpan(-90, en)).toBe('1 minute');
  });

  it('warns of a clock more than two minutes off, either way', () => {
    expect(describeSkew(null, id)).toEqual({ text: 'Belum dibandingkan dengan pusat', warn: false });
    expect(describeSkew(0, id).warn).toBe(false);
    expect(describeSkew(120, id)).toEqual({ text: '2 menit lebih cepat dari pusat', warn: false });
    expect(describeSkew(121, id).warn).toBe(true);
    expect(describeSkew(-3 * 3600, en)).toEqual({ text: '3 hours behind central', warn: true });
  });

  it('shapes a pairing code as it is typed', () => {
    expect(formatPairingCode('k7qm')).toBe('K7QM');
    expect(formatPairingCode('k7qm4')).toBe('K7QM-4');
    expect(formatPairingCode('K7QM 4XPA')).toBe('K7QM-4XPA');
    expect(formatPairingCode('k7qm-4xpa-extra')).toBe('K7QM-4XPA');
    // 0 and 1 are not in the code's alphabet (they read as O and I).
    expect(formatPairingCode('10K7QM')).toBe('K7QM');
  });
});
