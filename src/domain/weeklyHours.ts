import type { ServiceSession } from '../contract/vocabulary.js';
import type { ServiceCalendar, Weekday } from './serviceCalendar.js';

export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface WeeklyHoursGroup {
  from: Weekday;
  to: Weekday;
  sessions: ServiceSession[];
}

/**
 * The week's opening hours as a visitor reads them on a notice board: consecutive days with the
 * same sessions share one line ("Senin–Kamis 08.00–12.00, 13.00–16.30"); closed days are left out.
 * Taken from the site's configuration, so the footer never shows hours the kiosk does not keep.
 */
export function weeklyHours(calendar: Pick<ServiceCalendar, 'weekly'>): WeeklyHoursGroup[] {
  const groups: WeeklyHoursGroup[] = [];
  const same = (a: readonly ServiceSession[], b: readonly ServiceSession[]) =>
    a.length === b.length && a.every((session, index) => session.start === b[index]?.start && session.end === b[index]?.end);
  let previous: Weekday | undefined;
  for (const day of WEEK) {
    const sessions = calendar.weekly[day];
    const last = groups.at(-1);
    if (sessions.length > 0) {
      if (last && previous === last.to && same(last.sessions, sessions)) last.to = day;
      else groups.push({ from: day, to: day, sessions: [...sessions] });
    }
    previous = day;
  }
  return groups;
}
