import { describe, expect, it } from 'vitest';
import { parsePeriodKey, period, periodContaining, periodsEndingWith } from '../../src/domain/reportPeriod.js';

describe('report periods', () => {
  it('names months, quarters, semesters and years with their first and last service dates', () => {
    expect(parsePeriodKey('2026-11')).toMatchObject({ kind: 'month', from: '2026-11-01', to: '2026-11-30', label: { id: 'November 2026', en: 'November 2026' } });
    expect(parsePeriodKey('2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriodKey('2026-Q4')).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31', label: { id: 'Triwulan IV 2026' } });
    expect(parsePeriodKey('2026-S1')).toMatchObject({ kind: 'semester', from: '2026-01-01', to: '2026-06-30', label: { id: 'Semester I 2026' } });
    expect(parsePeriodKey('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses what is not a period', () => {
    for (const key of ['2026-13', '2026-00', '2026-Q5', '2026-S3', '26-11', '2026-1', '2026-11-01', '']) expect(() => parsePeriodKey(key)).toThrow();
    expect(() => period('quarter', 2026, 5)).toThrow(RangeError);
  });

  it('finds the period of a date and the periods before it, across a year boundary', () => {
    expect(periodContaining('quarter', '2026-11-23').key).toBe('2026-Q4');
    expect(periodContaining('semester', '2026-06-30').key).toBe('2026-S1');
    expect(periodsEndingWith(parsePeriodKey('2026-02'), 4).map((p) => p.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsEndingWith(parsePeriodKey('2026-Q1'), 3).map((p) => p.key)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
    expect(periodsEndingWith(parsePeriodKey('2026'), 2).map((p) => p.key)).toEqual(['2025', '2026']);
    // The trend of an early period stops at 2000 instead of failing.
    expect(periodsEndingWith(parsePeriodKey('2000-02'), 6).map((p) => p.key)).toEqual(['2000-01', '2000-02']);
  });
});
