import type { KioskInfo } from '../../../src/contract/api.js';
import { useI18n } from '../i18n/i18n.js';
import { formatClock, ZONE_LABELS } from '../serviceState.js';
import { Brand } from './Brand.js';
import { useNow } from './useNow.js';

export function Header({ info }: { info: KioskInfo | undefined }) {
  const { t, language } = useI18n();
  const now = useNow(15_000);
  const timeZone = info?.timeZone ?? 'Asia/Jakarta';
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  const date = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(now);
  const time = formatClock(now, timeZone, language);

  return (
    <header className="kiosk-header">
      <Brand
        variant="visitor"
        title={t('app.title')}
        subtitle={info ? info.siteName : t('app.subtitle')}
      />
      <div className="header-side">
        <div className="clock">
          <span className="clock-time">
            {time} {ZONE_LABELS[timeZone] ?? ''}
          </span>
          <span className="clock-date">{date}</span>
        </div>
      </div>
    </header>
  );
}
