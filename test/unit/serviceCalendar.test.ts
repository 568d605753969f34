import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_CALENDAR, ServiceCalendarSchema, serviceStateAt, type ServiceCalendar } from '../../src/domain/serviceCalendar.js';
import type { IndonesianTimeZone } from '../../src/domain/serviceDate.js';

// The week of 23 November 2026: Monday 23 … Friday 27, Saturday 28, Sunday 29, Monday 30.
const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';
const FRIDAY = '2026-11-27';
const SATURDAY = '2026-11-28';
const SUNDAY = '2026-11-29';
const NEXT_MONDAY = '2026-11-30';

const OFFSET_HOURS: Record<IndonesianTimeZone, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };

/** The instant a wall clock in the zone shows `time` on `date`, computed independently of the module. */
function local(date: string, time: string, zone: IndonesianTimeZone = 'Asia/Jakarta'): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(Date.parse(`${date}T00:00:00Z`) + ((hours - OFFSET_HOURS[zone]) * 60 + minutes) * 60_000);
}

function stateAt(date: string, time: string, calendar: ServiceCalendar = DEFAULT_SERVICE_CALENDAR, zone: IndonesianTimeZone = 'Asia/Jakarta') {
  return serviceStateAt(local(date, time, zone), calendar, zone);
}

describe('the default calendar (Kepmenaker 225/2023)', () => {
  it('has the decree hours and closes weekends', () => {
    expect(DEFAULT_SERVICE_CALENDAR.weekly.mon).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '16:30' },
    ]);
    expect(DEFAULT_SERVICE_CALENDAR.weekly.thu).toEqual(DEFAULT_SERVICE_CALENDAR.weekly.mon);
    expect(DEFAULT_SERVICE_CALENDAR.weekly.fri).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '16:30' },
    ]);
    expect(DEFAULT_SERVICE_CALENDAR.weekly.sat).toEqual([]);
    expect(DEFAULT_SERVICE_CALENDAR.weekly.sun).toEqual([]);
    expect(ServiceCalendarSchema.parse(DEFAULT_SERVICE_CALENDAR)).toEqual(DEFAULT_SERVICE_CALENDAR);
  });
});

describe('serviceStateAt, Monday to Thursday', () => {
  it('is closed before 08:00 and open from 08:00', () => {
    expect(stateAt(MONDAY, '07:59')).toMatchObject({ state: 'closed', serviceDate: MONDAY, nextOpening: local(MONDAY, '08:00') });
    const open = stateAt(MONDAY, '08:00');
    expect(open).toMatchObject({ state: 'open', closesAt: local(MONDAY, '12:00'), nextOpening: local(MONDAY, '13:00') });
  });

  it('counts 07:59:59 as before opening', () => {
    expect(serviceStateAt(new Date(local(MONDAY, '08:00').getTime() - 1000), DEFAULT_SERVICE_CALENDAR, 'Asia/Jakarta').state).toBe('closed');
  });

  it('breaks at 12:00 (session end is exclusive) and reopens at 13:00', () => {
    expect(stateAt(MONDAY, '11:59')).toMatchObject({ state: 'open', closesAt: local(MONDAY, '12:00') });
    const lunch = stateAt(MONDAY, '12:00');
    expect(lunch).toMatchObject({ state: 'break', nextOpening: local(MONDAY, '13:00') });
    expect(lunch.closesAt).toBeUndefined();
    expect(stateAt(MONDAY, '12:59').state).toBe('break');
    expect(stateAt(MONDAY, '13:00')).toMatchObject({ state: 'open', closesAt: local(MONDAY, '16:30') });
  });

  it('closes at 16:30 and names the next morning', () => {
    expect(stateAt(MONDAY, '16:29')).toMatchObject({ state: 'open', closesAt: local(MONDAY, '16:30'), nextOpening: local(TUESDAY, '08:00') });
    const evening = stateAt(MONDAY, '16:30');
    expect(evening).toMatchObject({ state: 'closed', nextOpening: local(TUESDAY, '08:00') });
    expect(evening.closesAt).toBeUndefined();
    expect(stateAt(MONDAY, '23:59')).toMatchObject({ state: 'closed', serviceDate: MONDAY, nextOpening: local(TUESDAY, '08:00') });
  });

  it('at Tuesday 01:51 is closed, opening at 08:00 that same day', () => {
    const night = stateAt(TUESDAY, '01:51');
    expect(night).toMatchObject({ state: 'closed', serviceDate: TUESDAY, nextOpening: local(TUESDAY, '08:00') });
    expect(night.nextOpening?.toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(night.today).toEqual(DEFAULT_SERVICE_CALENDAR.weekly.tue);
    expect(night.holiday).toBeUndefined();
    expect(night.override).toBeUndefined();
  });
});

describe('serviceStateAt, Friday', () => {
  it('opens at 07:30 and breaks at 11:30 for Friday prayers', () => {
    expect(stateAt(FRIDAY, '07:29')).toMatchObject({ state: 'closed', nextOpening: local(FRIDAY, '07:30') });
    expect(stateAt(FRIDAY, '07:30')).toMatchObject({ state: 'open', closesAt: local(FRIDAY, '11:30') });
    expect(stateAt(FRIDAY, '11:29').state).toBe('open');
    expect(stateAt(FRIDAY, '11:30')).toMatchObject({ state: 'break', nextOpening: local(FRIDAY, '13:00') });
    expect(stateAt(FRIDAY, '13:00')).toMatchObject({ state: 'open', closesAt: local(FRIDAY, '16:30') });
  });

  it('after closing points to Monday, skipping the weekend', () => {
    expect(stateAt(FRIDAY, '16:30')).toMatchObject({ state: 'closed', nextOpening: local(NEXT_MONDAY, '08:00') });
  });
});

describe('serviceStateAt, weekends, holidays and overrides', () => {
  it('is closed all weekend, with Monday 08:00 local as the next opening', () => {
    for (const [date, time] of [
      [SATURDAY, '00:00'],
      [SATURDAY, '10:00'],
      [SUNDAY, '10:00'],
      [SUNDAY, '23:59'],
    ] as const) {
      const state = stateAt(date, time);
      expect(state).toMatchObject({ state: 'closed', serviceDate: date, today: [], nextOpening: local(NEXT_MONDAY, '08:00') });
    }
    expect(stateAt(SATURDAY, '10:00').nextOpening?.toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });

  const withHoliday: ServiceCalendar = {
    ...DEFAULT_SERVICE_CALENDAR,
    holidays: [{ date: TUESDAY, name: 'Hari Libur Contoh' }],
  };

  it('keeps a holiday closed and names it', () => {
    const state = stateAt(TUESDAY, '09:00', withHoliday);
    expect(state).toMatchObject({ state: 'closed', serviceDate: TUESDAY, today: [], holiday: 'Hari Libur Contoh' });
    expect(state.nextOpening).toEqual(local('2026-11-25', '08:00'));
  });

  it('skips a holiday when looking for the next opening', () => {
    expect(stateAt(MONDAY, '17:00', withHoliday).nextOpening).toEqual(local('2026-11-25', '08:00'));
    const longHoliday: ServiceCalendar = {
      ...DEFAULT_SERVICE_CALENDAR,
      holidays: [
        { date: NEXT_MONDAY, name: 'Cuti bersama' },
        { date: '2026-12-01', name: 'Cuti bersama' },
      ],
    };
    expect(stateAt(FRIDAY, '17:00', longHoliday).nextOpening).toEqual(local('2026-12-02', '08:00'));
  });

  it('lets an override open a Saturday for an event', () => {
    const eventDay: ServiceCalendar = {
      ...DEFAULT_SERVICE_CALENDAR,
      overrides: [{ date: SATURDAY, sessions: [{ start: '09:00', end: '14:00' }], note: 'Job fair' }],
    };
    expect(stateAt(SATURDAY, '08:59', eventDay)).toMatchObject({ state: 'closed', override: 'Job fair', nextOpening: local(SATURDAY, '09:00') });
    expect(stateAt(SATURDAY, '10:00', eventDay)).toMatchObject({
      state: 'open',
      override: 'Job fair',
      today: [{ start: '09:00', end: '14:00' }],
      closesAt: local(SATURDAY, '14:00'),
      nextOpening: local(NEXT_MONDAY, '08:00'),
    });
    // Friday evening now looks ahead to the event, not to Monday.
    expect(stateAt(FRIDAY, '17:00', eventDay).nextOpening).toEqual(local(SATURDAY, '09:00'));
  });

  it('lets an override open a holiday, which then is not reported as one', () => {
    const calendar: ServiceCalendar = {
      ...withHoliday,
      overrides: [{ date: TUESDAY, sessions: [{ start: '08:00', end: '12:00' }] }],
    };
    const state = stateAt(TUESDAY, '09:00', calendar);
    expect(state).toMatchObject({ state: 'open', override: '' });
    expect(state.holiday).toBeUndefined();
  });

  it('lets an override close a working day or shorten it', () => {
    const closed: ServiceCalendar = { ...DEFAULT_SERVICE_CALENDAR, overrides: [{ date: TUESDAY, sessions: [], note: 'Power outage' }] };
    expect(stateAt(TUESDAY, '09:00', closed)).toMatchObject({ state: 'closed', today: [], override: 'Power outage', nextOpening: local('2026-11-25', '08:00') });
    const short: ServiceCalendar = { ...DEFAULT_SERVICE_CALENDAR, overrides: [{ date: TUESDAY, sessions: [{ start: '08:00', end: '10:00' }] }] };
    expect(stateAt(TUESDAY, '10:00', short)).toMatchObject({ state: 'closed', nextOpening: local('2026-11-25', '08:00') });
  });

  it('gives no next opening when nothing opens within 30 days', () => {
    const neverOpen: ServiceCalendar = { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], overrides: [] };
    expect(stateAt(MONDAY, '09:00', neverOpen).nextOpening).toBeUndefined();
    const in30: ServiceCalendar = { ...neverOpen, overrides: [{ date: '2026-12-23', sessions: [{ start: '08:00', end: '09:00' }] }] };
    expect(stateAt(MONDAY, '09:00', in30).nextOpening).toEqual(local('2026-12-23', '08:00'));
    const in31: ServiceCalendar = { ...neverOpen, overrides: [{ date: '2026-12-24', sessions: [{ start: '08:00', end: '09:00' }] }] };
    expect(stateAt(MONDAY, '09:00', in31).nextOpening).toBeUndefined();
  });

  it('treats a session ending at 24:00 as open until midnight', () => {
    const late: ServiceCalendar = { ...DEFAULT_SERVICE_CALENDAR, overrides: [{ date: SATURDAY, sessions: [{ start: '20:00', end: '24:00' }] }] };
    expect(stateAt(SATURDAY, '23:59', late)).toMatchObject({ state: 'open', closesAt: local(SUNDAY, '00:00') });
  });
});

describe('serviceStateAt in WITA and WIT', () => {
  it('uses the local clock of Makassar (UTC+8)', () => {
    expect(stateAt(MONDAY, '07:59', DEFAULT_SERVICE_CALENDAR, 'Asia/Makassar').state).toBe('closed');
    const open = stateAt(MONDAY, '08:00', DEFAULT_SERVICE_CALENDAR, 'Asia/Makassar');
    expect(open).toMatchObject({ state: 'open', closesAt: local(MONDAY, '12:00', 'Asia/Makassar') });
    expect(open.closesAt?.toISOString()).toBe('2026-11-23T04:00:00.000Z');
  });

  it('uses the local clock of Jayapura (UTC+9), where the day starts before UTC midnight', () => {
    // 23:30 UTC on Sunday is 08:30 WIT on Monday.
    const state = serviceStateAt(new Date('2026-11-29T23:30:00Z'), DEFAULT_SERVICE_CALENDAR, 'Asia/Jayapura');
    expect(state).toMatchObject({ state: 'open', serviceDate: NEXT_MONDAY, closesAt: new Date('2026-11-30T03:00:00Z') });
    // The same instant is still Sunday evening in Jakarta.
    expect(serviceStateAt(new Date('2026-11-29T23:30:00Z'), DEFAULT_SERVICE_CALENDAR, 'Asia/Jakarta')).toMatchObject({
      state: 'closed',
      serviceDate: NEXT_MONDAY,
      nextOpening: new Date('2026-11-30T01:00:00Z'),
    });
    expect(stateAt(SATURDAY, '10:00', DEFAULT_SERVICE_CALENDAR, 'Asia/Jayapura').nextOpening?.toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });
});

describe('ServiceCalendarSchema', () => {
  const week = DEFAULT_SERVICE_CALENDAR.weekly;
  const messages = (input: unknown) => {
    const result = ServiceCalendarSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('fills in missing holidays and overrides', () => {
    expect(ServiceCalendarSchema.parse({ weekly: week })).toEqual({ weekly: week, holidays: [], overrides: [] });
  });

  it('rejects malformed times', () => {
    expect(messages({ weekly: { ...week, mon: [{ start: '8:00', end: '12:00' }] } })).toEqual(['weekly.mon.0.start: a time HH:MM']);
    expect(messages({ weekly: { ...week, mon: [{ start: '08:00', end: '24:30' }] } })).toEqual(['weekly.mon.0.end: a time HH:MM']);
  });

  it('rejects a session that ends before it starts', () => {
    expect(messages({ weekly: { ...week, tue: [{ start: '13:00', end: '12:00' }] } })).toEqual([
      'weekly.tue.0.end: the session must end after it starts (13:00–12:00)',
    ]);
    expect(messages({ weekly: { ...week, tue: [{ start: '13:00', end: '13:00' }] } })).toHaveLength(1);
  });

  it('rejects unsorted or overlapping sessions but accepts touching ones', () => {
    expect(
      messages({
        weekly: {
          ...week,
          wed: [
            { start: '13:00', end: '16:30' },
            { start: '08:00', end: '12:00' },
          ],
        },
      }),
    ).toEqual(['weekly.wed.1.start: sessions must be in time order without overlap (13:00–16:30 then 08:00–12:00)']);
    expect(
      messages({
        weekly: {
          ...week,
          wed: [
            { start: '08:00', end: '12:30' },
            { start: '12:00', end: '16:30' },
          ],
        },
      }),
    ).toHaveLength(1);
    expect(
      messages({
        weekly: {
          ...week,
          wed: [
            { start: '08:00', end: '12:00' },
            { start: '12:00', end: '16:30' },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('requires every weekday and no unknown ones', () => {
    const { sun: _sun, ...sixDays } = week;
    expect(messages({ weekly: sixDays })).toEqual([expect.stringMatching(/^weekly\.sun: /)]);
    expect(messages({ weekly: { ...week, monday: [] } })[0]).toMatch(/monday/);
  });

  it('rejects impossible or malformed dates', () => {
    expect(messages({ weekly: week, holidays: [{ date: '2026-02-30', name: 'X' }] })).toEqual([
      'holidays.0.date: a calendar date YYYY-MM-DD (e.g. 2026-08-17)',
    ]);
    expect(messages({ weekly: week, overrides: [{ date: '17-08-2026', sessions: [] }] })).toEqual([
      'overrides.0.date: a calendar date YYYY-MM-DD (e.g. 2026-08-17)',
    ]);
  });

  it('rejects a holiday listed twice, or without a name', () => {
    expect(
      messages({
        weekly: week,
        holidays: [
          { date: '2026-08-17', name: 'Hari Kemerdekaan' },
          { date: '2026-08-17', name: 'Again' },
        ],
      }),
    ).toEqual(['holidays.1.date: the holiday 2026-08-17 is listed twice']);
    expect(messages({ weekly: week, holidays: [{ date: '2026-08-17', name: '  ' }] })).toEqual(['holidays.0.name: a holiday needs a name']);
  });

  it('rejects two overrides for one date and checks override sessions', () => {
    expect(
      messages({
        weekly: week,
        overrides: [
          { date: '2026-11-28', sessions: [] },
          { date: '2026-11-28', sessions: [] },
        ],
      }),
    ).toEqual(['overrides.1.date: the override for 2026-11-28 is listed twice']);
    expect(messages({ weekly: week, overrides: [{ date: '2026-11-28', sessions: [{ start: '14:00', end: '09:00' }] }] })).toEqual([
      'overrides.0.sessions.0.end: the session must end after it starts (14:00–09:00)',
    ]);
  });

  it('accepts a holiday with an override on the same date', () => {
    const calendar = {
      weekly: week,
      holidays: [{ date: '2026-08-17', name: 'Hari Kemerdekaan' }],
      overrides: [{ date: '2026-08-17', sessions: [{ start: '08:00', end: '12:00' }], note: 'Pameran kerja' }],
    };
    expect(ServiceCalendarSchema.parse(calendar)).toEqual(calendar);
  });
});
