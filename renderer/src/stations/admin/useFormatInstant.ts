import { useStation } from '../stationContext.js';
import { useStaffI18n } from '../staffI18n.js';

/** Instants in the site's time zone (the browser of a station may be set to anything). */
export function useFormatInstant(): (iso: string | null, withDate?: boolean) => string {
  const { locale } = useStaffI18n();
  const { info } = useStation();
  const timeZone = info?.timeZone ?? 'Asia/Jakarta';
  return (iso: string | null, withDate = true) =>
    iso === null
      ? '–'
      : new Intl.DateTimeFormat(locale, withDate ? { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' } : { timeZone, timeStyle: 'medium', hourCycle: 'h23' }).format(new Date(iso));
}
