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
      nested: { contacts: ['a@b.co', 'x\\budi@mail.id'] },
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry.message).toBe('failed:\n[email]\t"[phone]"');
    expect(entry.error).toBe('lookup of [NIK] failed');
    expect(entry.nested).toEqual({ contacts: ['[email]', 'x\\[email]'] });
  });

  it('logs dates as ISO strings', () => {
    const lines: string[] = [];
    createStderrLogger((line) => lines.push(line)).info('printed', { at: new Date('2026-11-23T01:00:00Z') });
    expect(JSON.parse(lines[0]!)).toMatchObject({ at: '2026-11-23T01:00:00.000Z' });
  });

  it('scrubs fields as well as messages', () => {
    const lines: string[] = [];
    createStderrLogger((line) => lines.push(line)).warn('lookup failed', { nik: '3171234567890001' });
    expect(lines.join('')).not.toContain('3171234567890001');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', message: 'lookup failed', nik: '[NIK]' });
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
