import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskLogger, createStderrLogger, scrubPersonalData } from '../../src/host/logger.js';

describe('personal data never reaches the log', () => {
  it.each([
    ['a NIK', 'visitor 3171234567890001 served', 'visitor [NIK] served'],
    ['an e-mail address', 'sent to budi.santoso+kios@mail.co.id', 'sent to [email]'],
    ['a mobile number', 'WA 0812-3456-7890 and +62 813 1234 5678', 'WA [phone] and [phone]'],
  ])('scrubs %s', (_name, text, expected) => {
    expect(scrubPersonalData(text)).toBe(expected);
  });

  it('leaves operational data alone', () => {
    const text =
      'ticket A-001 desk 4 at 2026-11-23T01:02:03.456Z, printer 192.168.10.20:9100, 12 ms, file 20261123T080000000Z-A-001.bin';
    expect(scrubPersonalData(text)).toBe(text);
  });

  it('keeps every line valid JSON whatever the text around the data', () => {
    const lines: string[] = [];
    createStderrLogger((line) => lines.push(line)).error('failed:\nbudi@mail.id\t"0812 3456 7890"', {
      error: new Error('lookup of 3171234567890001 failed'),
      reason: ['a@b.co', 'x\\budi@mail.id'],
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry.message).toBe('failed:\n[email]\t"[phone]"');
    expect(entry.error).toBe('lookup of [NIK] failed');
    expect(entry.reason).toEqual(['[email]', 'x\\[email]']);
  });

  it('logs dates as ISO strings', () => {
    const lines: string[] = [];
    createStderrLogger((line) => lines.push(line)).info('printed', { at: new Date('2026-11-23T01:00:00Z') });
    expect(JSON.parse(lines[0]!)).toMatchObject({ at: '2026-11-23T01:00:00.000Z' });
  });

  it('scrubs fields as well as messages', () => {
    const lines: string[] = [];
    createStderrLogger((line) => lines.push(line)).warn('lookup failed', { error: 'no account for 3171234567890001' });
    expect(lines.join('')).not.toContain('3171234567890001');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', message: 'lookup failed', error: 'no account for [NIK]' });
  });

  it('writes only fields on the allow-list, and says which it left out', () => {
    const lines: string[] = [];
    const fields = { deskId: 4, nik: '3171234567890001', name: 'Budi Santoso', '3171234567890001': 'key' } as Record<string, unknown>;
    createStderrLogger((line) => lines.push(line)).info('visitor', fields as never);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ deskId: 4, fieldsNotLogged: ['nik', 'name', '[NIK]'] });
    expect(lines[0]).not.toContain('Budi');
    expect(lines[0]).not.toContain('3171234567890001');
  });

  // The variants that got through the earlier scrubber (issue 9): each must come out scrubbed.
  it.each([
    ['a grouped NIK', 'NIK 3201 0123 4567 8901', 'NIK [NIK]'],
    ['a NIK in 6-6-4 groups', 'NIK 320101.450190.0001', 'NIK [NIK]'],
    ['a NIK with dashes', '3201-0123-4567-8901', '[NIK]'],
    ['a non-ASCII e-mail address', 'kirim ke budi@surat.indonésie.id', 'kirim ke [email]'],
    ['an e-mail in another script', '田中@例え.jp', '[email]'],
    ['a dotted phone', 'WA 0812.3456.7890', 'WA [phone]'],
    ['a bracketed phone', 'telp (0812) 3456-7890', 'telp [phone]'],
    ['+62 with a bracketed prefix', '+62 (812) 3456 7890', '[phone]'],
    ['a prefix glued to the number', 'hp081234567890', 'hp[phone]'],
    ['wa: glued to +62', 'wa:+6281234567890', 'wa:[phone]'],
    ['62 without plus', '6281234567890', '[phone]'],
    ['dashes after +62', '+62-813-1234-5678', '[phone]'],
  ])('scrubs %s', (_name, text, expected) => {
    expect(scrubPersonalData(text)).toBe(expected);
  });

  // Found by the property test (test/unit/logScrubber.property.test.ts): each got through, whole or in part.
  it.each([
    ['a NIK with spaced dashes', 'NIK 3201 - 0123 - 4567 - 8901', 'NIK [NIK]'],
    ['a NIK with mixed separators', '3201-0123 4567.8901', '[NIK]'],
    ['a NIK after a date', '2026-11-23 3201 0123 4567 8901', '2026-11-23 [NIK]'],
    ['an e-mail in a script with combining marks', 'kirim ke राम@उदाहरण.भारत', 'kirim ke [email]'],
    ['an e-mail with a decomposed accent', 'andre\u0301@contoh.id', '[email]'],
    ['an apostrophe in an e-mail', "o'brien@contoh.id", '[email]'],
    ['a phone with spaced dashes', '0812 - 3456 - 7890', '[phone]'],
    ['a phone followed by a count', 'WA 0812 3456 7890 24 jam', 'WA [phone] 24 jam'],
    ['+62 (0) trunk notation', '+62 (0)812 3456 7890', '[phone]'],
    ['a phone after a ticket number', 'D-081 0812 3456 7890', 'D-081 [phone]'],
  ])('scrubs %s', (_name, text, expected) => {
    expect(scrubPersonalData(text)).toBe(expected);
  });

  it.each([
    ['two dates (a period)', 'period 2026-11-01 2026-11-30'],
    ['two dates with a dash', '2026-11-01 – 2026-11-30'],
    ['a date and a printer address', '2026-11-23 192.168.10.20:9100'],
    ['a ticket number before a time', 'A-081 2026-11-23T01:00:00Z'],
    ['a toll-free number', 'kode 0800 1234 567'],
  ])('leaves alone %s', (_name, text) => {
    expect(scrubPersonalData(text)).toBe(text);
  });

  it('scrubs a mobile number that lost its leading 0 as a JSON number, and leaves other numbers alone', () => {
    const lines: string[] = [];
    createStderrLogger((line) => lines.push(line)).info('numbers', { count: 81234567890, number: 6281234567890n as never, ms: 800000000, attempt: 3 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ count: '[phone]', number: '[phone]', ms: 800000000, attempt: 3 });
  });

  it('scrubs numbers stored as JSON numbers, keys, and never throws on BigInt, cycles or odd values', () => {
    const lines: string[] = [];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const log = createStderrLogger((line) => lines.push(line));
    expect(() =>
      log.error('odd', {
        number: 3171234567890001,
        count: 6281234567890,
        code: 12n as unknown as string,
        state: 123456789012345678901234n,
        reason: [3201012345678901, 'ok'],
        error: Object.assign(new Error('x'), { self: cyclic }),
        at: new Date(Number.NaN),
        url: cyclic as never,
      }),
    ).not.toThrow();
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ number: '[NIK]', count: '[phone]', code: '12', state: '123456789012345678901234', reason: ['[NIK]', 'ok'], at: 'Invalid Date', url: { self: '[cycle]' } });
    expect(lines[0]).not.toMatch(/3171234567890001|6281234567890|3201012345678901/);
    // A sink that throws does not stop the others.
    const kept: string[] = [];
    expect(() => createStderrLogger(() => { throw new Error('closed'); }).info('x')).not.toThrow();
    createStderrLogger((line) => kept.push(line)).info('still', { ok: true });
    expect(kept).toHaveLength(1);
  });
});

describe('kiosk log files', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON line per event to a file per day and drops files past retention', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
    writeFileSync(join(dir, 'kiosk-2026-09-01.log'), 'old\n');
    writeFileSync(join(dir, 'kiosk-2026-11-01.log'), 'recent\n');
    writeFileSync(join(dir, 'notes.txt'), 'not ours\n');
    let now = new Date('2026-11-23T05:00:00Z');
    const log = createKioskLogger(dir, () => now, () => undefined);
    // Pruned at start-up already, before anything is logged.
    expect(existsSync(join(dir, 'kiosk-2026-09-01.log'))).toBe(false);
    log.info('ticket issued', { number: 'A-001' });
    expect(readdirSync(dir).sort()).toEqual(['kiosk-2026-11-01.log', 'kiosk-2026-11-23.log', 'notes.txt']);
    const line = JSON.parse(readFileSync(join(dir, 'kiosk-2026-11-23.log'), 'utf8').trim());
    expect(line).toMatchObject({ level: 'info', message: 'ticket issued', number: 'A-001' });
    expect(existsSync(join(dir, 'kiosk-2026-09-01.log'))).toBe(false);

    // A kiosk that runs for weeks prunes as the days go by, not only at start-up.
    now = new Date('2026-12-05T05:00:00Z');
    log.info('ticket issued', { number: 'A-001' });
    expect(readdirSync(dir).sort()).toEqual(['kiosk-2026-11-23.log', 'kiosk-2026-12-05.log', 'notes.txt']);
  });
});
