import { z } from 'zod';
import { ServiceSessionSchema, type ServiceSession, type ServiceStateName } from '../contract/vocabulary.js';
import { addDays, instantAt, isCalendarDate, localClock, weekdayOf, type IndonesianTimeZone, type WeekdayNumber } from './serviceDate.js';

/**
 * When the kiosk serves: the weekly opening hours, public holidays, and a technician's one-off
 * changes (an event day that opens a weekend, or shorter hours). Times are the site's local time.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface ServiceCalendar {
  weekly: Record<Weekday, ServiceSession[]>;
  /** Closed all day, unless an override for the same date says otherwise. */
  holidays: { date: string; name: string }[];
  /** Replaces the day's hours, holiday or not; empty sessions close the day. */
  overrides: { date: string; sessions: ServiceSession[]; note?: string }[];
}

const MON_THU: ServiceSession[] = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '16:30' },
];

/** Kepmenaker 225/2023 (operating hours): five working days, Friday starting earlier for Friday prayers. */
export const DEFAULT_SERVICE_CALENDAR: ServiceCalendar = {
  weekly: {
    mon: MON_THU,
    tue: MON_THU,
    wed: MON_THU,
    thu: MON_THU,
    fri: [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '16:30' },
    ],
    sat: [],
    sun: [],
  },
  holidays: [],
  overrides: [],
};

export interface ServiceState {
  state: ServiceStateName;
  serviceDate: string;
  /** Sessions that apply today, after holidays and overrides. */
  today: ServiceSession[];
  /** Holiday name, when today is a holiday and no override reopens it. */
  holiday?: string;
  /** Present whenever an override applies: its note, or '' when none was given. */
  override?: string;
  /** End of the current session, when open. */
  closesAt?: Date;
  /** Start of the first session after this instant, within the look-ahead; absent if none. */
  nextOpening?: Date;
}

/** How far ahead to look for the next opening; beyond this the kiosk just says "closed". */
const LOOK_AHEAD_DAYS = 30;

const WEEKDAY_KEYS: Record<WeekdayNumber, Weekday> = { 0: 'sun', 1: 'mon', 2: 'tue', 3: 'wed', 4: 'thu', 5: 'fri', 6: 'sat' };

/** "HH:MM" → minutes since midnight; "24:00" → 1440. */
function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

interface DayPlan {
  sessions: ServiceSession[];
  holiday?: string;
  override?: string;
}

/** Looks days up in a calendar; the maps are built once per question rather than per day scanned. */
function dayPlanner(calendar: ServiceCalendar): (date: string, weekday: WeekdayNumber) => DayPlan {
  const holidays = new Map(calendar.holidays.map((holiday) => [holiday.date, holiday.name]));
  const overrides = new Map(calendar.overrides.map((override) => [override.date, override]));
  return (date, weekday) => {
    const override = overrides.get(date);
    if (override) return { sessions: override.sessions, override: override.note ?? '' };
    const holiday = holidays.get(date);
    if (holiday !== undefined) return { sessions: [], holiday };
    return { sessions: calendar.weekly[WEEKDAY_KEYS[weekday]] };
  };
}

/** Whether the kiosk is serving at this instant, and when that changes. */
export function serviceStateAt(instant: Date, calendar: ServiceCalendar, timeZone: IndonesianTimeZone): ServiceState {
  const clock = localClock(instant, timeZone);
  const planFor = dayPlanner(calendar);
  const plan = planFor(clock.date, clock.weekday);
  const result: ServiceState = { state: 'closed', serviceDate: clock.date, today: plan.sessions };
  if (plan.holiday !== undefined) result.holiday = plan.holiday;
  if (plan.override !== undefined) result.override = plan.override;

  // End is exclusive: at 16:30 the 13:00–16:30 session is over.
  const current = plan.sessions.find((session) => minutesOf(session.start) <= clock.minutes && clock.minutes < minutesOf(session.end));
  const later = plan.sessions.find((session) => minutesOf(session.start) > clock.minutes);
  if (current) {
    result.state = 'open';
    result.closesAt = instantAt(clock.date, minutesOf(current.end), timeZone);
  } else if (later && plan.sessions.some((session) => minutesOf(session.end) <= clock.minutes)) {
    result.state = 'break';
  }

  if (later) {
    result.nextOpening = instantAt(clock.date, minutesOf(later.start), timeZone);
  } else {
    for (let ahead = 1; ahead <= LOOK_AHEAD_DAYS; ahead += 1) {
      const date = addDays(clock.date, ahead);
      const first = planFor(date, weekdayOf(date)).sessions[0];
      if (first) {
        result.nextOpening = instantAt(date, minutesOf(first.start), timeZone);
        break;
      }
    }
  }
  return result;
}

const DateSchema = z.string().refine(isCalendarDate, 'a calendar date YYYY-MM-DD (e.g. 2026-08-17)');

/** A day's sessions: each ends after it starts, in time order, not overlapping (touching is fine). */
const SessionsSchema = z.array(ServiceSessionSchema).superRefine((sessions, ctx) => {
  sessions.forEach((session, index) => {
    if (minutesOf(session.start) >= minutesOf(session.end)) {
      ctx.addIssue({ code: 'custom', path: [index, 'end'], message: `the session must end after it starts (${session.start}–${session.end})` });
    }
    const previous = sessions[index - 1];
    if (previous && minutesOf(previous.end) > minutesOf(session.start)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'start'],
        message: `sessions must be in time order without overlap (${previous.start}–${previous.end} then ${session.start}–${session.end})`,
      });
    }
  });
});

function uniqueDates(what: string) {
  return (entries: readonly { date: string }[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      if (seen.has(entry.date)) ctx.addIssue({ code: 'custom', path: [index, 'date'], message: `${what} ${entry.date} is listed twice` });
      seen.add(entry.date);
    });
  };
}

/** A calendar as written in the configuration file; every problem names its day or date. */
export const ServiceCalendarSchema = z
  .object({
    weekly: z
      .object({
        mon: SessionsSchema,
        tue: SessionsSchema,
        wed: SessionsSchema,
        thu: SessionsSchema,
        fri: SessionsSchema,
        sat: SessionsSchema,
        sun: SessionsSchema,
      })
      .strict(),
    holidays: z
      .array(z.object({ date: DateSchema, name: z.string().trim().min(1, 'a holiday needs a name') }).strict())
      .superRefine(uniqueDates('the holiday'))
      .default([]),
    overrides: z
      .array(z.object({ date: DateSchema, sessions: SessionsSchema, note: z.string().trim().optional() }).strict())
      .superRefine(uniqueDates('the override for'))
      .default([]),
  })
  .strict();

// The schema must produce exactly what the domain works with; a drift fails the type check here.
type SchemaMatchesInterface = z.output<typeof ServiceCalendarSchema> extends ServiceCalendar
  ? ServiceCalendar extends z.output<typeof ServiceCalendarSchema>
    ? true
    : false
  : false;
const _schemaMatchesInterface: SchemaMatchesInterface = true;
