import type { KioskConfigInput } from '../../src/host/kioskConfig.js';

/**
 * Tests run at any hour, and the kiosk refuses visitors outside service hours. Unless a test is
 * about the hours, its kiosk is open around the clock.
 */
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
export const ALWAYS_OPEN_CALENDAR = {
  weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  holidays: [],
  overrides: [],
};

export function openAllDay(config: KioskConfigInput = {}): KioskConfigInput {
  return config.calendar ? config : { ...config, calendar: ALWAYS_OPEN_CALENDAR };
}

/**
 * For a host process on the real clock: the guideline's week, as the screens show it, with the
 * days around today opened all day (a technician's override), so tests and screenshots run at any
 * hour yet show a real site's hours.
 */
export function guidelineWeekOpenToday(config: KioskConfigInput = {}): KioskConfigInput {
  if (config.calendar) return config;
  const day = 86_400_000;
  const wib = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * day).toISOString().slice(0, 10);
  return {
    ...config,
    calendar: {
      weekly: {
        mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:30' }],
        tue: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:30' }],
        wed: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:30' }],
        thu: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:30' }],
        fri: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }],
        sat: [],
        sun: [],
      },
      holidays: [],
      overrides: [-1, 0, 1].map((offset) => ({ date: wib(offset), sessions: ALL_DAY, note: 'Uji / test' })),
    },
  };
}
