import { useState } from 'react';
import { KioskApiError } from '../../../src/contract/errors.js';
import type { StationRoute } from '../routes.js';
import { DigitInput } from './common.js';
import { KeypadForm } from './Keypad.js';
import type { StationSession } from './stationSession.js';
import { useStaffI18n, type StaffKey } from './staffI18n.js';

const CODE_LENGTH = 6;

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
  const valid = /^\d{6}$/.test(code) && name.trim().length > 0;

  const send = async () => {
    const paired = await session.client.call('stations.pair', { code, name: name.trim() });
    session.setStationToken(paired.token);
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
        <KeypadForm
          testId="pairing"
          value={code}
          onChange={setCode}
          maxLength={CODE_LENGTH}
          valid={valid}
          submitLabel={t('pairing.submit')}
          send={send}
          failureText={(error) => (error instanceof KioskApiError && error.code === 'unauthenticated' ? t('pairing.wrongCode') : errorText(error))}
        >
          <label className="st-field">
            <span>{t('pairing.code')}</span>
            <DigitInput className="st-input pairing-code-input" autoComplete="off" maxLength={CODE_LENGTH} value={code} data-testid="pairing-code" onChange={setCode} />
          </label>
          <label className="st-field">
            <span>{t('pairing.name')}</span>
            <input className="st-input" value={name} maxLength={60} data-testid="pairing-name" onChange={(event) => setName(event.target.value)} />
          </label>
        </KeypadForm>
      </section>
    </div>
  );
}
