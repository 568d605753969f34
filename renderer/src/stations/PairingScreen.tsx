import { useState, type FormEvent } from 'react';
import { KioskApiError } from '../../../src/contract/errors.js';
import type { StationRoute } from '../routes.js';
import { Keypad } from './Keypad.js';
import type { StationSession } from './stationSession.js';
import { useStaffI18n, type StaffKey } from './staffI18n.js';

const SUGGESTED_NAME: Record<StationRoute, StaffKey> = {
  desk: 'pairing.suggestDesk',
  reception: 'pairing.suggestReception',
  display: 'pairing.suggestDisplay',
  admin: 'pairing.suggestAdmin',
};

/** First visit of a browser station: the technician shows a 6-digit code on the kiosk's admin page. */
export function PairingScreen({ session, route, notice }: { session: StationSession; route: StationRoute; notice: StaffKey | undefined }) {
  const { t, errorText, language, setLanguage } = useStaffI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState(() => t(SUGGESTED_NAME[route]));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const valid = /^\d{6}$/.test(code) && name.trim().length > 0;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const paired = await session.client.call('stations.pair', { code, name: name.trim() });
      session.setStationToken(paired.token);
    } catch (error) {
      setCode('');
      setMessage(error instanceof KioskApiError && error.code === 'unauthenticated' ? t('pairing.wrongCode') : errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="station-center">
      <section className="station-card pairing" aria-labelledby="pairing-heading" data-testid="pairing-screen">
        <div className="pairing-top">
          <h1 id="pairing-heading">{t('pairing.heading')}</h1>
          <button type="button" className="st-link" onClick={() => setLanguage(language === 'id' ? 'en' : 'id')}>
            {language === 'id' ? 'English' : 'Bahasa Indonesia'}
          </button>
        </div>
        {notice && (
          <p className="st-notice" role="status">
            {t(notice)}
          </p>
        )}
        <p className="st-muted">{t('pairing.lead')}</p>
        <form onSubmit={(event) => void submit(event)} className="login-form">
          <label className="st-field">
            <span>{t('pairing.code')}</span>
            <input
              className="st-input pairing-code-input"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={code}
              data-testid="pairing-code"
              onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
            />
          </label>
          <label className="st-field">
            <span>{t('pairing.name')}</span>
            <input className="st-input" value={name} maxLength={60} data-testid="pairing-name" onChange={(event) => setName(event.target.value)} />
          </label>
          {message && (
            <p className="st-error" role="alert" data-testid="pairing-error">
              {message}
            </p>
          )}
          <Keypad value={code} onChange={setCode} maxLength={6} disabled={busy} testId="pairing" submitsForm submitEnabled={valid && !busy} submitLabel={busy ? '…' : t('pairing.submit')} />
        </form>
      </section>
    </div>
  );
}
