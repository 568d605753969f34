import { useState } from 'react';
import { KioskApiError } from '../../../src/contract/errors.js';
import type { StaffRole } from '../../../src/contract/vocabulary.js';
import { DigitInput } from './common.js';
import { KeypadForm } from './Keypad.js';
import { useStation } from './stationContext.js';
import { useStaffI18n } from './staffI18n.js';

const PIN_MAX = 8;

/** User name plus a PIN typed on the on-screen keypad (or a keyboard). */
export function LoginScreen({ roles, onLoggedIn }: { roles: readonly StaffRole[]; onLoggedIn(): void }) {
  const { t, errorText, locale } = useStaffI18n();
  const { client, session } = useStation();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');

  const valid = username.trim().length > 0 && /^\d{6,8}$/.test(pin);

  const send = async () => {
    const login = await client.call('auth.login', { username: username.trim(), pin });
    setPin('');
    onLoggedIn();
    session.setSessionToken(login.sessionToken);
  };

  const failureText = (error: unknown): string => {
    if (error instanceof KioskApiError && error.code === 'unauthenticated') return t('login.wrong');
    if (error instanceof KioskApiError && error.code === 'locked_out') {
      const until = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(error.message)?.[0];
      return until
        ? t('login.lockedUntil', { time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(until)) })
        : t('login.locked');
    }
    return errorText(error);
  };

  return (
    <section className="station-card login" aria-labelledby="login-heading" data-testid="login-screen">
      <h2 id="login-heading">{t('login.heading')}</h2>
      <p className="st-muted">{t('login.lead', { roles: roles.map((role) => t(`role.${role}`)).join(' / ') })}</p>
      <KeypadForm testId="login" value={pin} onChange={setPin} maxLength={PIN_MAX} valid={valid} submitLabel={t('login.submit')} send={send} failureText={failureText}>
        <label className="st-field">
          <span>{t('login.username')}</span>
          <input
            className="st-input"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            data-testid="login-username"
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="st-field">
          <span>{t('login.pin')}</span>
          <DigitInput className="st-input pin-input" type="password" autoComplete="current-password" maxLength={PIN_MAX} value={pin} data-testid="login-pin" onChange={setPin} />
        </label>
      </KeypadForm>
    </section>
  );
}
