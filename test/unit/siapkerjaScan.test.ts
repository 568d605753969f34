import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_PATTERNS, MAX_SCAN_LENGTH, maskId, parseSiapkerjaScan, ScanPatternSchema, type ScanPattern } from '../../src/domain/siapkerjaScan.js';

const NIK = '3201014501900001';

describe('parseSiapkerjaScan with the default patterns', () => {
  it('takes a bare NIK, checked and masked', () => {
    expect(parseSiapkerjaScan(NIK)).toEqual({ ok: true, kind: 'nik', value: NIK, masked: '3201••••••••0001' });
    expect(parseSiapkerjaScan(` ${NIK} `)).toMatchObject({ ok: true, value: NIK });
  });

  it('gives the NIK problem for a 16-digit number that is not a NIK', () => {
    expect(parseSiapkerjaScan('3201014501900000')).toMatchObject({ ok: false, code: 'nik_serial' });
    expect(parseSiapkerjaScan('9901014501900001')).toMatchObject({ ok: false, code: 'nik_province' });
  });

  it('says a number of nearly NIK length is the wrong length', () => {
    expect(parseSiapkerjaScan('320101450190001')).toMatchObject({ ok: false, code: 'nik_length' });
    expect(parseSiapkerjaScan('32010145019000011')).toMatchObject({ ok: false, code: 'nik_length' });
    expect(parseSiapkerjaScan('12345')).toMatchObject({ ok: false, code: 'scan_unrecognised' });
  });

  it('takes a SIAPkerja account link on a Kemnaker host', () => {
    expect(parseSiapkerjaScan('https://account.kemnaker.go.id/profile?id=SK-12345678')).toEqual({
      ok: true,
      kind: 'siapkerja-id',
      value: 'SK-12345678',
      masked: '•••••••5678',
    });
    expect(parseSiapkerjaScan('https://siapkerja.kemnaker.go.id/u/card?lang=id&id=AB12CD34&v=2')).toMatchObject({ ok: true, value: 'AB12CD34' });
    expect(parseSiapkerjaScan('HTTPS://KEMNAKER.GO.ID/?id=abcdef12')).toMatchObject({ ok: true, value: 'abcdef12' });
  });

  it('refuses look-alike hosts and links without an id', () => {
    for (const text of [
      'https://kemnaker.go.id.evil.example/?id=SK-12345678',
      'https://evilkemnaker.go.id/?id=SK-12345678',
      'https://evil.example/kemnaker.go.id/?id=SK-12345678',
      'https://evil.example/?next=https://account.kemnaker.go.id/?id=SK-12345678',
      'https://account.kemnaker.go.id/profile',
      'https://account.kemnaker.go.id/profile?uid=SK-12345678',
      'https://account.kemnaker.go.id/profile?id=SK',
      'ftp://account.kemnaker.go.id/profile?id=SK-12345678',
    ]) {
      expect(parseSiapkerjaScan(text), text).toMatchObject({ ok: false, code: 'scan_unrecognised' });
    }
  });

  it('takes a SIAPKERJA: prefixed id', () => {
    expect(parseSiapkerjaScan('SIAPKERJA:KS0012345678')).toMatchObject({ ok: true, kind: 'siapkerja-id', value: 'KS0012345678', masked: '••••••••5678' });
    expect(parseSiapkerjaScan('siapkerja-abc123')).toMatchObject({ ok: true, value: 'abc123', masked: '••••23' });
    expect(parseSiapkerjaScan('SIAPKERJA:ab')).toMatchObject({ ok: false, code: 'scan_unrecognised' });
    expect(parseSiapkerjaScan('SIAPKERJA:-abcdefg')).toMatchObject({ ok: false, code: 'scan_unrecognised' });
  });

  it('refuses empty, overlong, control and invisible input with its own code', () => {
    expect(parseSiapkerjaScan('')).toMatchObject({ ok: false, code: 'scan_empty' });
    expect(parseSiapkerjaScan('  \t ')).toMatchObject({ ok: false, code: 'scan_empty' });
    expect(parseSiapkerjaScan('9'.repeat(MAX_SCAN_LENGTH + 1))).toMatchObject({ ok: false, code: 'scan_too_long' });
    expect(parseSiapkerjaScan(`SIAPKERJA:${'A'.repeat(300)}`)).toMatchObject({ ok: false, code: 'scan_too_long' });
    expect(parseSiapkerjaScan(`SIAPKERJA:AB\rCD1234`)).toMatchObject({ ok: false, code: 'scan_control_chars' });
    expect(parseSiapkerjaScan(`${NIK}\u0000`)).toMatchObject({ ok: false, code: 'scan_control_chars' });
    expect(parseSiapkerjaScan(`SIAPKERJA:\u0085ABCDEF`)).toMatchObject({ ok: false, code: 'scan_control_chars' });
    expect(parseSiapkerjaScan(`SIAPKERJA:ABC\u200bDEF`)).toMatchObject({ ok: false, code: 'scan_unreadable' });
    expect(parseSiapkerjaScan(`SIAPKERJA:ABC\u202eDEF`)).toMatchObject({ ok: false, code: 'scan_unreadable' });
    expect(parseSiapkerjaScan(`SIAPKERJA:ABC\ufffdDEF`)).toMatchObject({ ok: false, code: 'scan_unreadable' });
    expect(parseSiapkerjaScan(`SIAPKERJA:ABC\ud800DEF`)).toMatchObject({ ok: false, code: 'scan_unreadable' });
    expect(parseSiapkerjaScan(undefined as unknown as string)).toMatchObject({ ok: false, code: 'scan_empty' });
  });

  it('never repeats the scan in a problem', () => {
    const result = parseSiapkerjaScan('3201014501900000');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).not.toContain('01450190');
  });
});

describe('parseSiapkerjaScan with site patterns', () => {
  const site: ScanPattern[] = [
    { name: 'card', kind: 'siapkerja-id', source: 'KS(\\d{10})' },
    { name: 'ktp-qr', kind: 'nik', source: 'NIK=(\\d{16});.*' },
  ];

  it('uses the site’s patterns instead of the defaults', () => {
    expect(parseSiapkerjaScan('KS0123456789', site)).toMatchObject({ ok: true, kind: 'siapkerja-id', value: '0123456789' });
    expect(parseSiapkerjaScan(`NIK=${NIK};NAMA=X`, site)).toMatchObject({ ok: true, kind: 'nik', value: NIK });
    expect(parseSiapkerjaScan('NIK=3201014501900000;X', site)).toMatchObject({ ok: false, code: 'nik_serial' });
    expect(parseSiapkerjaScan('SIAPKERJA:KS0012345678', site)).toMatchObject({ ok: false, code: 'scan_unrecognised' });
  });

  it('matches the whole scan only', () => {
    expect(parseSiapkerjaScan('xKS0123456789', site)).toMatchObject({ ok: false });
    expect(parseSiapkerjaScan('KS0123456789x', site)).toMatchObject({ ok: false });
  });

  it('refuses a captured id that is not plain letters, digits and dashes', () => {
    const loose: ScanPattern[] = [{ name: 'loose', kind: 'siapkerja-id', source: 'ID:(.+)' }];
    expect(parseSiapkerjaScan('ID:abc def', loose)).toMatchObject({ ok: false, code: 'scan_bad_id' });
    expect(parseSiapkerjaScan('ID:<script>', loose)).toMatchObject({ ok: false, code: 'scan_bad_id' });
  });

  it('validates patterns as configuration, and skips a broken one at run time', () => {
    expect(ScanPatternSchema.safeParse({ name: 'x', kind: 'nik', source: '(\\d{16}' }).success).toBe(false);
    // Balanced only with the anchoring group around it: would escape the anchors.
    expect(ScanPatternSchema.safeParse({ name: 'x', kind: 'nik', source: '\\d{16})|(.*' }).success).toBe(false);
    expect(ScanPatternSchema.safeParse({ name: 'x', kind: 'nik', source: '(\\d{16})', flags: 'g' }).success).toBe(false);
    expect(ScanPatternSchema.parse({ name: 'x', kind: 'nik', source: '(\\d{16})' })).toEqual({ name: 'x', kind: 'nik', source: '(\\d{16})', flags: '', group: 1 });
    for (const pattern of DEFAULT_SCAN_PATTERNS) expect(ScanPatternSchema.safeParse(pattern).success, pattern.name).toBe(true);
    const broken: ScanPattern[] = [{ name: 'broken', kind: 'nik', source: '(' }, ...DEFAULT_SCAN_PATTERNS];
    expect(parseSiapkerjaScan(NIK, broken)).toMatchObject({ ok: true });
  });
});

describe('parseSiapkerjaScan never throws', () => {
  it('on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = parseSiapkerjaScan(text);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.problem).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('turns garbage into ok: false', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }).filter((text) => /[^\x20-\x7e]/.test(text.trim()) || text.trim() === ''),
      fc.uint8Array({ minLength: 1, maxLength: 80 }).map((bytes) => String.fromCharCode(...bytes, 0)),
      fc.string({ minLength: MAX_SCAN_LENGTH + 1, maxLength: 600 }),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        expect(parseSiapkerjaScan(text).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every well-formed prefixed id and masks all but its end', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{5,39}$/);
    fc.assert(
      fc.property(id, (value) => {
        const result = parseSiapkerjaScan(`SIAPKERJA:${value}`);
        expect(result).toEqual({ ok: true, kind: 'siapkerja-id', value, masked: maskId(value) });
        if (result.ok) expect(result.masked).not.toBe(value);
      }),
    );
  });
});

describe('configured scan patterns', () => {
  it('accept the defaults, and refuse patterns that can backtrack for seconds', () => {
    for (const pattern of DEFAULT_SCAN_PATTERNS) expect(ScanPatternSchema.safeParse(pattern).success, pattern.name).toBe(true);
    for (const source of ['SK-((?:[A-Z0-9]+-?)+)', '(a+)+', '(a*)*b', '(\\d{2,}){3,}', '(x)\\1']) {
      expect(ScanPatternSchema.safeParse({ name: 'bad', kind: 'siapkerja-id', source }).success, source).toBe(false);
    }
  });
});
