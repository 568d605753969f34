import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, serviceDateAt } from '../../src/domain/serviceDate.js';

describe('service date in the site time zone', () => {
  // 17:30 UTC is 00:30 the next day in WIB (UTC+7), 01:30 in WITA, 02:30 in WIT.
  const lateUtc = new Date('2026-11-23T17:30:00Z');

  it('rolls over at local midnight, not UTC midnight', () => {
    expect(serviceDateAt(lateUtc, 'Asia/Jakarta')).toBe('2026-11-24');
    expect(serviceDateAt(new Date('2026-11-23T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-11-23');
  });

  it('knows WITA and WIT', () => {
    expect(serviceDateAt(new Date('2026-11-23T15:30:00Z'), 'Asia/Makassar')).toBe('2026-11-23');
    expect(serviceDateAt(new Date('2026-11-23T16:30:00Z'), 'Asia/Makassar')).toBe('2026-11-24');
    expect(serviceDateAt(new Date('2026-11-23T15:30:00Z'), 'Asia/Jayapura')).toBe('2026-11-24');
  });

  it('prints local date and time with the zone name', () => {
    expect(formatLocalDateTime(lateUtc, 'Asia/Jakarta')).toBe('24-11-2026 00:30 WIB');
    expect(formatLocalDateTime(lateUtc, 'Asia/Jayapura')).toBe('24-11-2026 02:30 WIT');
  });
});
