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
