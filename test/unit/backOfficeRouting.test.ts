import { describe, expect, it } from 'vitest';
import type { CoordinatingLevel, UserType } from '../../src/contract/vocabulary.js';
import { coordinatingLevel } from '../../src/domain/backOfficeRouting.js';
import { DomainError } from '../../src/domain/domainError.js';

function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('coordinatingLevel for employers (pemberi kerja)', () => {
  it('follows where the employer operates', () => {
    expect(coordinatingLevel({ userType: 'pemberi_kerja', employerScope: 'kabupaten_kota' })).toBe('dinas_kabupaten_kota');
    expect(coordinatingLevel({ userType: 'pemberi_kerja', employerScope: 'provinsi' })).toBe('dinas_provinsi');
    expect(coordinatingLevel({ userType: 'pemberi_kerja', employerScope: 'nasional' })).toBe('kementerian');
  });

  it('accepts a chosen level that agrees with the rule', () => {
    expect(coordinatingLevel({ userType: 'pemberi_kerja', employerScope: 'provinsi', chosenLevel: 'dinas_provinsi' })).toBe('dinas_provinsi');
  });

  it('requires the employer scope', () => {
    const error = failure(() => coordinatingLevel({ userType: 'pemberi_kerja', chosenLevel: 'kementerian' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/employer's scope/);
  });

  it('refuses a chosen level that contradicts the rule, naming the right one', () => {
    const error = failure(() => coordinatingLevel({ userType: 'pemberi_kerja', employerScope: 'kabupaten_kota', chosenLevel: 'kementerian' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('an employer operating within one regency/city is coordinated by dinas_kabupaten_kota, not kementerian');
  });
});

describe('coordinatingLevel for job seekers, workers and the public', () => {
  const others: UserType[] = ['pencari_kerja', 'pekerja', 'masyarakat'];
  const levels: CoordinatingLevel[] = ['dinas_kabupaten_kota', 'dinas_provinsi', 'kementerian'];

  it('takes whichever level the officer chose', () => {
    for (const userType of others) {
      for (const chosenLevel of levels) expect(coordinatingLevel({ userType, chosenLevel })).toBe(chosenLevel);
    }
  });

  it('ignores an employer scope, which does not apply to them', () => {
    expect(coordinatingLevel({ userType: 'pekerja', employerScope: 'nasional', chosenLevel: 'dinas_kabupaten_kota' })).toBe('dinas_kabupaten_kota');
  });

  it('requires a chosen level', () => {
    for (const userType of others) {
      const error = failure(() => coordinatingLevel({ userType }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(userType);
      expect(error.message).toMatch(/chosen level/);
    }
  });
});
