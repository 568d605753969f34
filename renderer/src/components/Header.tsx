import { useEffect, useState } from 'react';
import type { KioskInfo } from '../../../src/contract/api.js';
import { useI18n } from '../i18n/i18n.js';

const ZONE_LABEL: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

export function Header({ info }: { info: KioskInfo | undefined }) {
  const { t, language, setLanguage } = useI18n();
  const now = useNow();
  const timeZone = info?.timeZone ?? 'Asia/Jakarta';
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  const date = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(now);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);

  return (
    <header className="kiosk-header">
      <div className="brand">
        <div className="brand-mark" aria-hidden="true">
          SK
        </div>
        <div>
          <h1 className="brand-title">{t('app.title')}</h1>
          <p className="brand-subtitle">
            {info ? `${info.siteName} · ${t('home.kioskType', { type: info.kioskType })}` : t('app.subtitle')}
          </p>
        </div>
      </div>
      <div className="header-side">
        <div className="clock">
          <span className="clock-time">
            {time} {ZONE_LABEL[timeZone] ?? ''}
          </span>
          <span className="clock-date">{date}</span>
        </div>
        <button
          type="button"
          className="language-switch"
          onClick={() => setLanguage(language === 'id' ? 'en' : 'id')}
        >
          {t('language.switch')}
        </button>
      </div>
    </header>
  );
}

function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
