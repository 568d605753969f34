import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVINCES, validateNik } from '../../src/domain/nik.js';
import { createStderrLogger, formatLogLine, scrubPersonalData } from '../../src/host/logger.js';

/**
 * The log's second line of defence (UU PDP 27/2022), attacked with the ways people and programs
 * write a NIK, an e-mail address and an Indonesian mobile number: grouped, glued to a label,
 * inside JSON, as a JSON number, as a key. Whatever comes out, the number or the address does not;
 * and what a technician needs from a log line (ticket numbers, times, desks, counts) does.
 */

const RUNS = Number(process.env.SCRUBBER_PROPERTY_RUNS ?? 1000);
const TIME = new Date('2026-11-23T02:00:00.000Z');
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

// ── NIK ────────────────────────────────────────────────────────────────────────────────────────

/** A well-formed NIK: a real province code, regency, district, birth date (women +40), serial. */
const nikArb = fc
  .record({
    province: fc.constantFrom(...Object.keys(PROVINCES)),
    regency: fc.integer({ min: 1, max: 99 }),
    district: fc.integer({ min: 1, max: 99 }),
    day: fc.integer({ min: 1, max: 28 }),
    female: fc.boolean(),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .map((n) => `${n.province}${pad(n.regency)}${pad(n.district)}${pad(n.day + (n.female ? 40 : 0))}${pad(n.month)}${pad(n.year)}${pad(n.serial, 4)}`);

const groupSeparator = fc.constantFrom(' ', '.', '-', ' - ', '–', '\u00a0');

/**
 * As written on forms and in chat: whole, 4-4-4-4, 6-6-4, or province-regency-district-birth-serial
 * (2-2-2-6-4); the long groups also with a different separator in each gap (3201-0123 4567.8901).
 */
const writtenNikArb = fc
  .tuple(nikArb, fc.constantFrom('whole', '4-4-4-4', '6-6-4', '2-2-2-6-4'), groupSeparator, fc.boolean(), fc.array(groupSeparator, { minLength: 4, maxLength: 4 }))
  .map(([nik, shape, separator, mixed, separators]) => {
    const sizes = shape === 'whole' ? [16] : shape.split('-').map(Number);
    let written = '';
    let at = 0;
    sizes.forEach((size, index) => {
      const gap = index === 0 ? '' : mixed && shape !== '2-2-2-6-4' ? separators[index]! : separator;
      written += gap + nik.slice(at, at + size);
      at += size;
    });
    return { nik, written };
  });

// ── e-mail ─────────────────────────────────────────────────────────────────────────────────────

const asciiWord = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 10 });
/** Letters of other scripts, some with combining marks (é written as e + U+0301, Devanagari vowel signs). */
const otherScriptWord = fc.constantFrom('andré', 'andre\u0301', 'dwi.ayu', 'josé', 'müller', '田中', 'खुशी', 'राम', 'สมชาย', 'ñoño', 'çağrı', 'o\'brien');
const localPartArb = fc
  .tuple(fc.array(fc.oneof(asciiWord, otherScriptWord), { minLength: 1, maxLength: 3 }), fc.constantFrom('.', '_', '-'), fc.option(asciiWord, { nil: undefined }))
  .map(([words, joiner, tag]) => `${words.join(joiner)}${tag ? `+${tag}` : ''}`);
const domainLabel = fc.oneof(asciiWord, fc.constantFrom('surat', 'indonésie', 'kemnaker', '例え', 'उदाहरण', 'co', 'mail-server'));
const domainArb = fc
  .tuple(fc.array(domainLabel, { minLength: 1, maxLength: 3 }), fc.constantFrom('id', 'co.id', 'go.id', 'com', 'jp', 'भारत', 'org'))
  .map(([labels, tld]) => `${labels.join('.')}.${tld}`);
const emailArb = fc.tuple(localPartArb, domainArb, fc.boolean()).map(([local, domain, upper]) => {
  const address = `${local}@${domain}`;
  return upper ? address.toUpperCase() : address;
});

// ── Indonesian mobile numbers ──────────────────────────────────────────────────────────────────

/** The national number after 0 / 62: 8, an operator digit, then 7 to 10 more digits (9–12 in all). */
const nationalArb = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 10 }))
  .map(([operator, rest]) => `8${operator}${rest}`);
const phonePrefix = fc.constantFrom('0', '+62', '62', '+62 ', '62 ', '+62-', '(+62) ', '(+62)', '+62 (0)');
/**
 * Groupings as people write them — 0812 3456 7890, +62 812-3456-7890, 0812.345.678, (0812) 3456-7890,
 * +62 (812) 3456 7890 — or none: two groups of 3 or 4 after the first, the rest (2 to 5 digits) last.
 */
const phoneArb = fc
  .tuple(nationalArb, phonePrefix, fc.constantFrom(' ', '.', '-', '', ' - ', '\u00a0'), fc.constantFrom(3, 4), fc.constantFrom(3, 4), fc.boolean(), fc.boolean())
  .map(([national, prefix, separator, first, second, whole, bracketed]) => {
    // The trunk 0 is written with the operator's digits (0812), the country code apart from them (+62 812).
    const trunk = prefix === '0' || prefix === '+62 (0)';
    const lead = prefix === '0' ? '' : prefix;
    const body = trunk && prefix === '0' ? `0${national}` : national;
    if (whole) return { national, written: `${lead}${body}` };
    const groups = [body.slice(0, first)];
    let at = first;
    while (body.length - at > 5) {
      const size = Math.min(second, body.length - at - 2);
      groups.push(body.slice(at, at + size));
      at += size;
    }
    groups.push(body.slice(at));
    if (bracketed) return { national, written: `${lead}(${groups[0]}) ${groups.slice(1).join('-')}` };
    return { national, written: `${lead}${groups.join(separator)}` };
  });
/** What sits glued in front of a number in notes and chat exports. */
const glueArb = fc.constantFrom('hp', 'HP:', 'hp.', 'wa', 'WA:', 'wa:', 'tel:', 'Tel.', 'telp', 'no.hp', 'nomor:', 'NIK:', 'nik', 'email:', 'mailto:', '');

// ── context ────────────────────────────────────────────────────────────────────────────────────

/** What a log line is made of besides personal data; every one of these must survive the scrubber. */
const operationalArb = fc.oneof(
  fc.tuple(fc.constantFrom(...'ABCDEFG'), fc.integer({ min: 1, max: 999 })).map(([letter, n]) => `${letter}-${pad(n, 3)}`),
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.integer({ min: 1, max: 7 }).map((desk) => `desk ${desk}`),
  fc.integer({ min: 1, max: 20 }).map((counter) => `loket ${counter}`),
  fc.integer({ min: 0, max: 99_999 }).map((ms) => `${ms} ms`),
  fc.integer({ min: 0, max: 10_000 }).map((count) => `${count} tiket`),
  fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 65535 })).map(([host, port]) => `192.168.10.${host}:${port}`),
  fc.integer({ min: 0, max: 24 }).map((hours) => `${hours} jam`),
  fc.constantFrom('printer paper-out', 'kode D4.01', 'v0.1.0', 'survey U9', 'seq 1042', '/dev/usb/lp0', '/dev/ttyUSB0', 'HTTP 503', 'Kemnaker 1500-630', 'JKT-PUSAT-01'),
);
const contextArb = fc.array(fc.oneof(operationalArb, asciiWord), { maxLength: 4 }).map((words) => words.join(' '));

/** Free text around the value: anything, as long as it does not run into it (a digit, a +, an address character). */
const looseBefore = fc.string({ maxLength: 20 }).map((text) => `${text} `);
const looseAfter = fc.string({ maxLength: 20 }).map((text) => ` ${text}`);

// ── what must never come out ───────────────────────────────────────────────────────────────────

const digitsOf = (text: string) => text.replace(/\D/g, '');

function expectNoNik(output: string, nik: string): void {
  expect(digitsOf(output)).not.toContain(nik);
  expect(output).not.toContain(nik.slice(4, 12));
}

function expectNoPhone(output: string, national: string): void {
  expect(digitsOf(output)).not.toContain(national);
}

function expectNoEmail(output: string, email: string): void {
  expect(output.toLowerCase()).not.toContain(email.toLowerCase());
  expect(output).not.toContain('@');
}

/** Every way a value reaches the log: the scrubber on its own, a message, a field, JSON text, a key, a nested value. */
function throughEveryPath(text: string): string[] {
  const lines: string[] = [];
  const log = createStderrLogger((line) => lines.push(line));
  log.info(text);
  log.warn('lookup failed', { error: text, reason: [text], url: { [text]: text } as never });
  log.error('odd field', { [text]: 1 } as never);
  return [scrubPersonalData(text), scrubPersonalData(JSON.stringify({ note: text })), formatLogLine('info', 'x', { error: new Error(text) }, TIME), ...lines];
}

// ── properties ─────────────────────────────────────────────────────────────────────────────────

describe('the log scrubber, against generated personal data', () => {
  it('generates only well-formed NIKs', () => {
    fc.assert(fc.property(nikArb, (nik) => validateNik(nik, { today: TIME }).ok), { numRuns: RUNS });
  });

  it('replaces a written NIK exactly, between words and operational text', () => {
    fc.assert(
      fc.property(writtenNikArb, contextArb, contextArb, ({ written }, before, after) => {
        expect(scrubPersonalData(`${before}: ${written}, ${after}`)).toBe(`${scrubPersonalData(before)}: [NIK], ${scrubPersonalData(after)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets a NIK through, whatever surrounds it and whichever way it reaches the log', () => {
    fc.assert(
      fc.property(writtenNikArb, glueArb, looseBefore, looseAfter, ({ nik, written }, glue, before, after) => {
        for (const output of throughEveryPath(`${before}${glue}${written}${after}`)) expectNoNik(output, nik);
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets a NIK through as a JSON number, a BigInt or a key', () => {
    fc.assert(
      fc.property(nikArb, (nik) => {
        const lines: string[] = [];
        const log = createStderrLogger((line) => lines.push(line));
        log.info('numbers', { number: Number(nik), count: BigInt(nik) as never, reason: [Number(nik)], url: { [nik]: Number(nik) } as never });
        const outputs = [...lines, scrubPersonalData(JSON.stringify({ nik: Number(nik) })), scrubPersonalData(`{"${nik}":true}`)];
        // Beyond 2^53 a NIK as a number is rounded: what would be written is the rounded number.
        const written = String(Number(nik));
        for (const output of outputs) {
          expectNoNik(output, nik);
          expect(digitsOf(output)).not.toContain(written);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('replaces an e-mail address exactly, between words and operational text', () => {
    fc.assert(
      fc.property(emailArb, contextArb, contextArb, (email, before, after) => {
        expect(scrubPersonalData(`${before}: ${email}, ${after}`)).toBe(`${scrubPersonalData(before)}: [email], ${scrubPersonalData(after)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets an e-mail address through, whatever surrounds it and whichever way it reaches the log', () => {
    const noAt = (text: string) => text.replaceAll('@', ' ');
    fc.assert(
      fc.property(emailArb, glueArb, looseBefore.map(noAt), looseAfter.map(noAt), (email, glue, before, after) => {
        for (const output of throughEveryPath(`${before}${glue}${email}${after}`)) expectNoEmail(output, email);
      }),
      { numRuns: RUNS },
    );
  });

  it('replaces a mobile number exactly, between words and operational text', () => {
    fc.assert(
      fc.property(phoneArb, contextArb, contextArb, ({ written }, before, after) => {
        expect(scrubPersonalData(`${before}: ${written}, ${after}`)).toBe(`${scrubPersonalData(before)}: [phone], ${scrubPersonalData(after)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('replaces a mobile number glued to a label, and one followed by a small number ("24 jam")', () => {
    fc.assert(
      fc.property(phoneArb, glueArb, fc.integer({ min: 10, max: 99 }), ({ national, written }, glue, small) => {
        expect(scrubPersonalData(`${glue}${written}`)).toBe(`${glue}[phone]`);
        const followed = scrubPersonalData(`${glue}${written} ${small} jam`);
        // A number and the count after it may read as one longer number (081 000 0000 10), or make
        // the 16 digits of a NIK: then both go. Where they cannot be one, the count stays.
        const oneNumber = national.length + 2 <= 12 || digitsOf(written).length + 2 === 16;
        if (!oneNumber) expect(followed).toBe(`${glue}[phone] ${small} jam`);
        else {
          expectNoPhone(followed, national);
          expect(followed.endsWith(' jam')).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets a mobile number through, whatever surrounds it and whichever way it reaches the log', () => {
    fc.assert(
      fc.property(phoneArb, glueArb, looseBefore, looseAfter, ({ national, written }, glue, before, after) => {
        for (const output of throughEveryPath(`${before}${glue}${written}${after}`)) expectNoPhone(output, national);
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets a mobile number through as a JSON number (its leading 0 lost) or a BigInt', () => {
    fc.assert(
      fc.property(nationalArb, fc.constantFrom('0', '62'), (national, prefix) => {
        const lines: string[] = [];
        createStderrLogger((line) => lines.push(line)).info('numbers', { count: Number(`${prefix}${national}`), number: BigInt(`${prefix}${national}`) as never });
        for (const output of lines) expectNoPhone(output, national);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves operational text alone: ticket numbers, times, desks, counters, counts, addresses', () => {
    fc.assert(
      fc.property(fc.array(operationalArb, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', ', ', ' | ', '; '), (words, joiner) => {
        const text = words.join(joiner);
        expect(scrubPersonalData(text)).toBe(text);
      }),
      { numRuns: RUNS },
    );
    // And as fields: small numbers stay numbers.
    const entry = JSON.parse(formatLogLine('info', 'ticket issued', { number: 'A-001', deskId: 4, count: 12, ms: 250, at: TIME }, TIME)) as Record<string, unknown>;
    expect(entry).toMatchObject({ number: 'A-001', deskId: 4, count: 12, ms: 250, at: TIME.toISOString() });
  });
});

describe('logging never throws', () => {
  const cyclic = (): Record<string, unknown> => {
    const value: Record<string, unknown> = { list: [] };
    (value.list as unknown[]).push(value);
    value.self = value;
    return value;
  };
  const hostile = fc.constantFrom<unknown>(
    123456789012345678901234567890n,
    cyclic(),
    Object.create(null),
    new Proxy({}, { ownKeys: () => { throw new Error('no keys for you'); } }),
    { toJSON: () => { throw new Error('toJSON'); } },
    { get boom() { throw new Error('getter'); } },
    Symbol('s'),
    () => 1,
    new Date(Number.NaN),
    Object.assign(new Error('with 3273015708850007'), { cause: cyclic() }),
    new Map([[1, 2]]),
    new Uint8Array([1, 2, 3]),
    Number.NaN,
    -0,
    Infinity,
  );

  it('writes one JSON line for any value, in any field, in the message, or as a key', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }), hostile), fc.string(), (value, key) => {
        const lines: string[] = [];
        const log = createStderrLogger((line) => lines.push(line));
        expect(() => {
          log.info('value', { reason: value as never, error: value as never, url: { [key]: value } as never });
          log.warn(value as never, { [key]: value } as never);
          log.error('key', { [String(key)]: value } as never);
        }).not.toThrow();
        expect(lines).toHaveLength(3);
        for (const line of lines) {
          expect(line.endsWith('\n')).toBe(true);
          expect(line.slice(0, -1)).not.toContain('\n');
          expect(() => JSON.parse(line)).not.toThrow();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
