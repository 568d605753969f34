import { describe, expect, it } from 'vitest';
import { maskNik, PROVINCES, validateNik } from '../../src/domain/nik.js';

const today = new Date('2026-11-23T03:00:00Z');
const check = (text: string) => validateNik(text, { today });

describe('validateNik', () => {
  it('reads a man’s NIK: province, date of birth, sex', () => {
    expect(check('3174051203850002')).toEqual({
      ok: true,
      nik: '3174051203850002',
      province: { code: '31', name: 'DKI Jakarta' },
      birthDate: '1985-03-12',
      sex: 'male',
    });
  });

  it('reads a woman’s NIK: 40 is added to the day', () => {
    const nik = check('3201014501900001');
    expect(nik).toMatchObject({ ok: true, birthDate: '1990-01-05', sex: 'female', province: { name: 'Jawa Barat' } });
    expect(check('3201017112990001')).toMatchObject({ ok: true, birthDate: '1999-12-31', sex: 'female' });
  });

  it('forgives spaces around the number, not inside it', () => {
    expect(check('  3174051203850002\n')).toMatchObject({ ok: true, nik: '3174051203850002' });
    expect(check('3174 0512 0385 0002')).toMatchObject({ ok: false, code: 'nik_digits' });
  });

  it('guesses the century: the latest year not in the future', () => {
    expect(check('3174051203200002')).toMatchObject({ birthDate: '2020-03-12' });
    expect(check('3174051203300002')).toMatchObject({ birthDate: '1930-03-12' });
    // 25 December 2026 has not come yet on 23 November 2026.
    expect(check('3174052512260002')).toMatchObject({ birthDate: '1926-12-25' });
    expect(check('3174052311260002')).toMatchObject({ birthDate: '2026-11-23' });
  });

  it('knows all 38 provinces, the 2022 Papua ones included', () => {
    const codes = Object.keys(PROVINCES).sort();
    expect(codes).toHaveLength(38);
    expect(codes).toEqual([
      '11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '51', '52', '53',
      '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82', '91', '92', '93', '94', '95', '96',
    ]);
    for (const code of ['93', '94', '95', '96']) expect(check(`${code}01011203850002`)).toMatchObject({ ok: true, province: { code } });
  });

  it('allows cities (regency codes 71–79)', () => {
    expect(check('3273011203850002')).toMatchObject({ ok: true });
  });

  it.each([
    ['', 'nik_length'],
    ['317405120385000', 'nik_length'],
    ['31740512038500021', 'nik_length'],
    ['31740512O3850002', 'nik_digits'],
    ['３１７４０５１２０３８５０００２', 'nik_digits'],
    ['2074051203850002', 'nik_province'],
    ['9774051203850002', 'nik_province'],
    ['0074051203850002', 'nik_province'],
    ['3100051203850002', 'nik_regency'],
    ['3174001203850002', 'nik_district'],
    ['3174050003850002', 'nik_birth_date'],
    ['3174053203850002', 'nik_birth_date'],
    ['3174054003850002', 'nik_birth_date'],
    ['3174057203850002', 'nik_birth_date'],
    ['3174051213850002', 'nik_birth_date'],
    ['3174051200850002', 'nik_birth_date'],
    ['3174053104850002', 'nik_birth_date'],
    ['3174051203850000', 'nik_serial'],
  ])('refuses %j with %s', (text, code) => {
    const result = check(text);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.problem.length).toBeGreaterThan(10);
  });

  it('checks 29 February against the guessed year', () => {
    expect(check('3174052902000002')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(check('3174052902240002')).toMatchObject({ ok: true, birthDate: '2024-02-29' });
    expect(check('3174056902240002')).toMatchObject({ ok: true, birthDate: '2024-02-29', sex: 'female' });
    expect(check('3174052902230002')).toMatchObject({ ok: false, code: 'nik_birth_date' });
    // 2096 is in the future, 1996 was a leap year.
    expect(check('3174052902960002')).toMatchObject({ ok: true, birthDate: '1996-02-29' });
    expect(check('3174052902970002')).toMatchObject({ ok: false, code: 'nik_birth_date' });
  });

  it('never repeats the number in a problem', () => {
    for (const text of ['3174051203850000', '3174053203850002', '2074051203850002']) {
      const result = check(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).not.toContain(text.slice(4, 12));
    }
  });
});

describe('maskNik', () => {
  it('shows the first and last four digits', () => {
    expect(maskNik('3201014501900001')).toBe('3201••••••••0001');
  });

  it('hides anything too short to mask safely', () => {
    expect(maskNik('12345')).toBe('•••••');
  });
});
