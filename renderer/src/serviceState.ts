import type { KioskInfo, ServiceStatus } from '../../src/contract/api.js';
import { translate, type Language, type MessageKey } from './i18n/i18n.js';

export const ZONE_LABELS: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

export function zoneLabel(timeZone: string): string {
  return ZONE_LABELS[timeZone] ?? timeZone;
}

const localeOf = (language: Language) => (language === 'id' ? 'id-ID' : 'en-GB');

/** "08.00" in Indonesian, "08:00" in English, in the site's zone. */
export function formatClock(instant: Date | string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

function dayKey(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** When the service opens again: a time today, a weekday this week, a date further away. */
export function formatNextOpening(iso: string, timeZone: string, language: Language, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = `${formatClock(at, timeZone, language)} ${zoneLabel(timeZone)}`;
  if (dayKey(at, timeZone) === dayKey(now, timeZone)) return translate(language, 'service.todayAt', { time });
  const days = (at.getTime() - now.getTime()) / 86_400_000;
  const day = new Intl.DateTimeFormat(localeOf(language), days < 6.5 ? { timeZone, weekday: 'long' } : { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  return `${day}, ${time}`;
}

/** The "08.00–12.00, 13.00–16.30" line for today's sessions (session times are already local). */
export function formatSessions(service: ServiceStatus, language: Language): string {
  if (service.today.length === 0) return translate(language, 'service.noSessionsToday');
  const clock = (value: string) => (language === 'id' ? value.replace(':', '.') : value);
  return service.today.map((session) => `${clock(session.start)}–${clock(session.end)}`).join(', ');
}

/** One sentence for the service state, e.g. "Tutup. Buka kembali Senin, 08.00 WIB". */
export function serviceSentence(service: ServiceStatus, timeZone: string, language: Language, now: Date = new Date()): string {
  const key: MessageKey = `service.${service.state}`;
  let text = translate(language, key);
  if (service.state === 'open' && service.closesAt) {
    text += ` ${translate(language, 'service.until', { time: `${formatClock(service.closesAt, timeZone, language)} ${zoneLabel(timeZone)}` })}`;
  } else if (service.state !== 'open' && service.nextOpening) {
    text += ` ${translate(language, 'service.reopens', { when: formatNextOpening(service.nextOpening, timeZone, language, now) })}`;
  }
  const reason = service.holiday ?? service.override;
  if (reason && service.state === 'closed') text += ` (${reason})`;
  return text;
}

/** "Senin–Kamis 08.00–12.00 dan 13.00–16.30": one line per group of days from the site's calendar. */
export function formatWeeklyHours(groups: KioskInfo['weeklyHours'], language: Language): string[] {
  const clock = (value: string) => (language === 'id' ? value.replace(':', '.') : value);
  const and = ` ${translate(language, 'footer.and')} `;
  return groups.map((group) => {
    const from = translate(language, `day.${group.from}` as MessageKey);
    const days = group.from === group.to ? from : `${from}–${translate(language, `day.${group.to}` as MessageKey)}`;
    return `${days} ${group.sessions.map((session) => `${clock(session.start)}–${clock(session.end)}`).join(and)}`;
  });
}
