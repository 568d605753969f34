/**
 * Local date and clock time at the site. Ticket sequences restart each service day and the opening
 * hours are local, so everything here follows the site's zone (WIB, WITA or WIT), never the
 * machine's clock zone, which technicians often leave at UTC.
 *
 * Indonesia has kept fixed offsets without daylight saving since before 1970, so for its three zones
 * the local time is plain arithmetic. Building an `Intl.DateTimeFormat` per call cost ~141 µs and
 * these functions run on every status poll; any other zone (and instants before 1970, when the
 * zones' history differs) goes through one cached formatter per zone.
 */

/** Indonesia's three zones; the configuration accepts only these. */
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type IndonesianTimeZone = (typeof INDONESIAN_TIME_ZONES)[number];

export const TIME_ZONE_LABEL: Record<IndonesianTimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export type WeekdayNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface LocalClock {
  /** Local date, "YYYY-MM-DD". */
  date: string;
  weekday: WeekdayNumber;
  /** Whole minutes since local midnight (seconds dropped), 0–1439. */
  minutes: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// A Map rather than an object literal so a zone string such as "constructor" cannot hit the prototype.
const FIXED_OFFSET_MS = new Map<string, number>([
  ['Asia/Jakarta', 7 * 60 * MINUTE_MS],
  ['Asia/Makassar', 8 * 60 * MINUTE_MS],
  ['Asia/Jayapura', 9 * 60 * MINUTE_MS],
]);
// From here on the tz database has these zones at constant offsets (WIB +7 since 1964, WIT +9 since
// 1964, WITA +8 since 1945); earlier instants take the Intl path so results match it exactly.
const FIXED_SINCE_MS = 0;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, before anything is cached.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of the zone from UTC at this instant, in milliseconds (whole seconds). */
function offsetMsAt(ms: number, timeZone: string): number {
  const fixed = FIXED_OFFSET_MS.get(timeZone);
  if (fixed !== undefined && ms >= FIXED_SINCE_MS) return fixed;
  let era = 'AD';
  const field = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type === 'era') era = part.value;
    else if (part.type in field) field[part.type as keyof typeof field] = Number(part.value);
  }
  const year = era === 'BC' || era === 'B' ? 1 - field.year : field.year;
  const local = daysFromCivil(year, field.month, field.day) * DAY_MS + ((field.hour * 60 + field.minute) * 60 + field.second) * 1000;
  return local - Math.floor(ms / 1000) * 1000;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date. Arithmetic rather than `Date.UTC`, which
 * would read years 0–99 as 1900–1999 and allocate nothing here either way.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of `daysFromCivil`. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (value: number) => (value < 10 ? `0${value}` : String(value));
const pad4 = (value: number) => String(value).padStart(4, '0');

function isoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

function weekdayOfDays(days: number): WeekdayNumber {
  // 1970-01-01 was a Thursday (4).
  return (((days + 4) % 7) + 7) % 7 as WeekdayNumber;
}

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  // Same failure as the Intl formatter gave for an invalid Date.
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return ms;
}

/** Local milliseconds since 1970-01-01T00:00 local, i.e. the instant shifted by the zone's offset. */
function localMs(instant: Date, timeZone: string): number {
  const ms = instantMs(instant);
  return ms + offsetMsAt(ms, timeZone);
}

/** The service day a moment belongs to, "YYYY-MM-DD" in the given zone. */
export function serviceDateAt(instant: Date, timeZone: string): string {
  return isoDate(Math.floor(localMs(instant, timeZone) / DAY_MS));
}

/** Local date, weekday and minute of the day, for opening-hours decisions. */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const local = localMs(instant, timeZone);
  const days = Math.floor(local / DAY_MS);
  return { date: isoDate(days), weekday: weekdayOfDays(days), minutes: Math.floor((local - days * DAY_MS) / MINUTE_MS) };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a "YYYY-MM-DD" that names a real calendar day, else undefined. */
function daysOfDate(date: string): number | undefined {
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const days = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  // A round trip rejects 2026-02-30 and month 13, which the arithmetic would silently roll over.
  return isoDate(days) === date ? days : undefined;
}

function requireDays(date: string): number {
  const days = daysOfDate(date);
  if (days === undefined) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return days;
}

/** True for "YYYY-MM-DD" naming a real day (so not 2026-02-29). */
export function isCalendarDate(date: string): boolean {
  return daysOfDate(date) !== undefined;
}

/** The date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  return isoDate(requireDays(date) + days);
}

/** Weekday of a local date, 0 = Sunday. */
export function weekdayOf(date: string): WeekdayNumber {
  return weekdayOfDays(requireDays(date));
}

/**
 * The instant when the site's clock shows `minutes` past midnight of `date`. Minutes may reach
 * 1440 ("24:00") or beyond and then fall on a later day.
 */
export function instantAt(date: string, minutes: number, timeZone: string): Date {
  if (!Number.isFinite(minutes)) throw new RangeError(`minutes must be a finite number, got ${minutes}`);
  const local = requireDays(date) * DAY_MS + minutes * MINUTE_MS;
  const fixed = FIXED_OFFSET_MS.get(timeZone);
  if (fixed !== undefined && local - fixed >= FIXED_SINCE_MS) return new Date(local - fixed);
  // Zones with changing offsets: guess with the offset at the local reading, then correct once with
  // the offset at the guess. In a daylight-saving gap this lands just past the gap.
  const guess = local - offsetMsAt(local, timeZone);
  return new Date(local - offsetMsAt(guess, timeZone));
}

/** "23-11-2026 14:05 WIB" — the form printed on tickets. */
export function formatLocalDateTime(instant: Date, timeZone: IndonesianTimeZone): string {
  const local = localMs(instant, timeZone);
  const days = Math.floor(local / DAY_MS);
  const { year, month, day } = civilFromDays(days);
  const minutes = Math.floor((local - days * DAY_MS) / MINUTE_MS);
  return `${pad2(day)}-${pad2(month)}-${year} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)} ${TIME_ZONE_LABEL[timeZone]}`;
}

/** The zone's offset from UTC in minutes at an instant (constant for Indonesia's zones since 1964). */
export function utcOffsetMinutes(timeZone: string, at: Date = new Date()): number {
  return Math.round(offsetMsAt(instantMs(at), timeZone) / MINUTE_MS);
}
