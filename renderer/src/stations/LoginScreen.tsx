import { useState, type FormEvent } from 'react';
import { KioskApiError } from '../../../src/contract/errors.js';
import type { StaffRole } from '../../../src/contract/vocabulary.js';
import { Keypad } from './Keypad.js';
import { useStation } from './stationContext.js';
import { useStaffI18n } from './staffI18n.js';

const PIN_MAX = 8;

/** User name plus a PIN typed on the on-screen keypad (or a keyboard). */
export function LoginScreen({ roles, onLoggedIn }: { roles: readonly StaffRole[]; onLoggedIn(): void }) {
  const { t, errorText, locale } = useStaffI18n();
  const { client, session } = useStation();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  const valid = username.trim().length > 0 && /^\d{6,8}$/.test(pin);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const login = await client.call('auth.login', { username: username.trim(), pin });
      setPin('');
      onLoggedIn();
      session.setSessionToken(login.sessionToken);
    } catch (error) {
      setPin('');
      if (error instanceof KioskApiError && error.code === 'unauthenticated') setMessage(t('login.wrong'));
      else if (error instanceof KioskApiError && error.code === 'locked_out') {
        const until = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(error.message)?.[0];
        setMessage(
          until
            ? t('login.lockedUntil', { time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(until)) })
            : t('login.locked'),
        );
      } else setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="station-card login" aria-labelledby="login-heading" data-testid="login-screen">
      <h2 id="login-heading">{t('login.heading')}</h2>
      <p className="st-muted">{t('login.lead', { roles: roles.map((role) => t(`role.${role}`)).join(' / ') })}</p>
      <form className="login-form" onSubmit={(event) => void submit(event)}>
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
          <input
            className="st-input pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            maxLength={PIN_MAX}
            value={pin}
            data-testid="login-pin"
            onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, PIN_MAX))}
          />
        </label>
        {message && (
          <p className="st-error" role="alert" data-testid="login-error">
            {message}
          </p>
        )}
        <Keypad value={pin} onChange={setPin} maxLength={PIN_MAX} disabled={busy} testId="login" submitsForm submitEnabled={valid && !busy} submitLabel={busy ? '…' : t('login.submit')} />
      </form>
    </section>
  );
}
