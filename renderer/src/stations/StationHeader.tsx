import { Brand } from '../components/Brand.js';
import { formatClock, zoneLabel } from '../serviceState.js';
import { useStation } from './stationContext.js';
import { useConnectionState, useNow } from './hooks.js';
import { useStaffI18n } from './staffI18n.js';

export function StationHeader({ title }: { title: string }) {
  const { t, language, setLanguage } = useStaffI18n();
  const { who, info, logout, unpair } = useStation();
  const connection = useConnectionState();
  const now = useNow(15_000);
  const timeZone = info?.timeZone ?? 'Asia/Jakarta';
  const time = formatClock(now, timeZone, language);

  return (
    <header className="st-header">
      <Brand
        variant="station"
        title={title}
        subtitle={
          <>
            {info ? `${info.siteName} · ` : ''}
            {who.station ? t('header.station', { name: who.station.name }) : t('header.localStation')}
            {connection !== 'idle' && (
              <span className={`st-connection ${connection}`} data-testid="connection-state" data-state={connection}>
                {t(`connection.${connection}`)}
              </span>
            )}
          </>
        }
      />
      <div className="st-header-side">
        <span className="st-clock">
          {time} {zoneLabel(timeZone)}
        </span>
        {who.staff ? (
          <span className="st-user" data-testid="logged-in-user">
            <strong>{who.staff.name}</strong>
            <span>{t(`role.${who.staff.role}`)}</span>
          </span>
        ) : (
          who.station && (
            <button type="button" className="st-link" onClick={unpair} data-testid="unpair">
              {t('header.unpair')}
            </button>
          )
        )}
        <button type="button" className="st-header-button" onClick={() => setLanguage(language === 'id' ? 'en' : 'id')}>
          {language === 'id' ? 'English' : 'Bahasa Indonesia'}
        </button>
        {who.staff && (
          <button type="button" className="st-header-button" data-testid="logout" onClick={() => void logout()}>
            {t('header.logout')}
          </button>
        )}
      </div>
    </header>
  );
}
