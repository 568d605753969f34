import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addDays,
  formatLocalDateTime,
  INDONESIAN_TIME_ZONES,
  instantAt,
  isCalendarDate,
  localClock,
  serviceDateAt,
  weekdayOf,
} from '../../src/domain/serviceDate.js';

/** The slow, obviously right answer the fast path must agree with. */
function intlReference(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: weekdays.indexOf(get('weekday')),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    formatted: `${get('day')}-${get('month')}-${get('year')} ${get('hour')}:${get('minute')}`,
  };
}

describe('service date in the site time zone', () => {
  // 17:30 UTC is 00:30 the next day in WIB (UTC+7), 01:30 in WITA, 02:30 in WIT.
  const lateUtc = new Date('2026-11-23T17:30:00Z');

  it('rolls over at local midnight, not UTC midnight', () => {
    expect(serviceDateAt(lateUtc, 'Asia/Jakarta')).toBe('2026-11-24');
    expect(serviceDateAt(new Date('2026-11-23T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-11-23');
    expect(serviceDateAt(new Date('2026-11-23T16:59:59.999Z'), 'Asia/Jakarta')).toBe('2026-11-23');
    expect(serviceDateAt(new Date('2026-11-23T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-11-24');
  });

  it('knows WITA and WIT', () => {
    expect(serviceDateAt(new Date('2026-11-23T15:30:00Z'), 'Asia/Makassar')).toBe('2026-11-23');
    expect(serviceDateAt(new Date('2026-11-23T16:30:00Z'), 'Asia/Makassar')).toBe('2026-11-24');
    expect(serviceDateAt(new Date('2026-11-23T15:30:00Z'), 'Asia/Jayapura')).toBe('2026-11-24');
    expect(serviceDateAt(new Date('2026-11-23T14:59:00Z'), 'Asia/Jayapura')).toBe('2026-11-23');
  });

  it('prints local date and time with the zone name', () => {
    expect(formatLocalDateTime(lateUtc, 'Asia/Jakarta')).toBe('24-11-2026 00:30 WIB');
    expect(formatLocalDateTime(lateUtc, 'Asia/Makassar')).toBe('24-11-2026 01:30 WITA');
    expect(formatLocalDateTime(lateUtc, 'Asia/Jayapura')).toBe('24-11-2026 02:30 WIT');
    expect(formatLocalDateTime(new Date('2026-11-23T16:59:59Z'), 'Asia/Jakarta')).toBe('23-11-2026 23:59 WIB');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(serviceDateAt(new Date('2026-12-31T17:00:00Z'), 'Asia/Jakarta')).toBe('2027-01-01');
    expect(serviceDateAt(new Date('2028-02-28T17:00:00Z'), 'Asia/Jakarta')).toBe('2028-02-29');
    expect(serviceDateAt(new Date('2027-02-28T17:00:00Z'), 'Asia/Jakarta')).toBe('2027-03-01');
    expect(serviceDateAt(new Date('2100-02-28T17:00:00Z'), 'Asia/Jakarta')).toBe('2100-03-01');
    expect(serviceDateAt(new Date('2000-02-28T17:00:00Z'), 'Asia/Jakarta')).toBe('2000-02-29');
  });

  it('still answers for a zone outside Indonesia, through Intl', () => {
    expect(serviceDateAt(lateUtc, 'UTC')).toBe('2026-11-23');
    expect(serviceDateAt(new Date('2026-07-01T03:30:00Z'), 'America/New_York')).toBe('2026-06-30');
    expect(localClock(new Date('2026-07-01T03:30:00Z'), 'America/New_York')).toEqual({ date: '2026-06-30', weekday: 2, minutes: 23 * 60 + 30 });
  });

  it('refuses an invalid instant or zone as Intl did', () => {
    expect(() => serviceDateAt(new Date(Number.NaN), 'Asia/Jakarta')).toThrow(RangeError);
    expect(() => formatLocalDateTime(new Date(Number.NaN), 'Asia/Jakarta')).toThrow(RangeError);
    expect(() => serviceDateAt(lateUtc, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('speed: no formatter per call for Indonesian zones', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('builds no Intl.DateTimeFormat for WIB, WITA or WIT', () => {
    const instant = new Date('2026-11-23T17:30:00Z');
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    for (const zone of INDONESIAN_TIME_ZONES) {
      serviceDateAt(instant, zone);
      localClock(instant, zone);
      formatLocalDateTime(instant, zone);
      instantAt('2026-11-23', 480, zone);
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('builds the fallback formatter once per zone, not per call', () => {
    serviceDateAt(new Date(), 'Europe/Lisbon'); // warm the cache
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    for (let i = 0; i < 50; i += 1) serviceDateAt(new Date(i * 3_600_000), 'Europe/Lisbon');
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('localClock', () => {
  it('gives local date, weekday (0 = Sunday) and minutes since midnight', () => {
    // 2026-11-24 is a Tuesday; 18:51 UTC on the 23rd is 01:51 WIB on the 24th.
    expect(localClock(new Date('2026-11-23T18:51:00Z'), 'Asia/Jakarta')).toEqual({ date: '2026-11-24', weekday: 2, minutes: 111 });
    expect(localClock(new Date('2026-11-23T18:51:00Z'), 'Asia/Makassar')).toEqual({ date: '2026-11-24', weekday: 2, minutes: 171 });
    expect(localClock(new Date('2026-11-23T18:51:00Z'), 'Asia/Jayapura')).toEqual({ date: '2026-11-24', weekday: 2, minutes: 231 });
  });

  it('drops seconds, so 07:59:59 is still minute 479', () => {
    expect(localClock(new Date('2026-11-24T00:59:59.999Z'), 'Asia/Jakarta').minutes).toBe(479);
    expect(localClock(new Date('2026-11-24T01:00:00Z'), 'Asia/Jakarta').minutes).toBe(480);
  });

  it('spans a whole week of weekdays', () => {
    const weekdays = Array.from({ length: 7 }, (_, day) => localClock(new Date(Date.UTC(2026, 10, 22 + day, 5)), 'Asia/Jakarta').weekday);
    expect(weekdays).toEqual([0, 1, 2, 3, 4, 5, 6]); // 2026-11-22 is a Sunday
  });

  it('agrees with Intl for any instant since 1970 in all three zones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }),
        fc.constantFrom(...INDONESIAN_TIME_ZONES),
        (ms, zone) => {
          const instant = new Date(ms);
          const expected = intlReference(instant, zone);
          expect(localClock(instant, zone)).toEqual({ date: expected.date, weekday: expected.weekday, minutes: expected.minutes });
          expect(serviceDateAt(instant, zone)).toBe(expected.date);
          expect(formatLocalDateTime(instant, zone).slice(0, 16)).toBe(expected.formatted);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('follows the zone history before 1970 (Jakarta was UTC+7:30 in 1960)', () => {
    const instant = new Date('1960-06-01T16:45:00Z');
    expect(localClock(instant, 'Asia/Jakarta')).toEqual({ date: '1960-06-02', weekday: 4, minutes: 15 });
    expect(serviceDateAt(instant, 'Asia/Jakarta')).toBe(intlReference(instant, 'Asia/Jakarta').date);
  });
});

describe('instantAt', () => {
  it('is the instant the local clock shows the given minute', () => {
    expect(instantAt('2026-11-24', 8 * 60, 'Asia/Jakarta').toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(instantAt('2026-11-24', 8 * 60, 'Asia/Makassar').toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(instantAt('2026-11-24', 8 * 60, 'Asia/Jayapura').toISOString()).toBe('2026-11-23T23:00:00.000Z');
    expect(instantAt('2026-11-24', 0, 'Asia/Jakarta').toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });

  it('lets 24:00 fall on the next midnight', () => {
    expect(instantAt('2026-11-24', 1440, 'Asia/Jakarta').toISOString()).toBe(instantAt('2026-11-25', 0, 'Asia/Jakarta').toISOString());
  });

  it('handles zones with daylight saving through Intl', () => {
    expect(instantAt('2026-07-01', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(instantAt('2026-01-15', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(instantAt('2026-11-24', 8 * 60, 'UTC').toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('round-trips with localClock', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 200 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(...INDONESIAN_TIME_ZONES),
        (dayNumber, minutes, zone) => {
          const date = addDays('1971-01-01', dayNumber);
          expect(localClock(instantAt(date, minutes, zone), zone)).toMatchObject({ date, minutes });
        },
      ),
    );
  });

  it('rejects a date that is not on the calendar', () => {
    expect(() => instantAt('2026-02-29', 480, 'Asia/Jakarta')).toThrow(RangeError);
    expect(() => instantAt('2026-13-01', 480, 'Asia/Jakarta')).toThrow(RangeError);
    expect(() => instantAt('24-11-2026', 480, 'Asia/Jakarta')).toThrow(RangeError);
    expect(() => instantAt('2026-11-24', Number.NaN, 'Asia/Jakarta')).toThrow(RangeError);
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-24', 7)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-24', 0)).toBe('2026-11-24');
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-11-24')).toBe(2);
    expect(weekdayOf('2026-11-29')).toBe(0);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });

  it('tells real calendar dates from look-alikes', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-1-10')).toBe(false);
    expect(isCalendarDate('2026-01-10T00:00')).toBe(false);
  });
});
