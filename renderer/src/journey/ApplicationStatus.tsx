import { useRef, useState } from 'react';
import type { Desk } from '../../../src/contract/api.js';
import { ApplicationStatusInputSchema, type ApplicationStatus as StatusAnswer } from '../../../src/contract/central.js';
import type { KioskClient } from '../../../src/contract/client.js';
import { KioskApiError } from '../../../src/contract/errors.js';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.js';
import { useI18n, type Language, type MessageKey } from '../i18n/i18n.js';

type Application = Extract<StatusAnswer, { found: true }>['application'];

/** Room for the longest number the contract takes (40), so typing never stops short of a valid one. */
const MAX_NUMBER_LENGTH = 40;

/** Shape and symbol beside the words, so the state is clear without telling colours apart. */
const STATUS_SYMBOL: Readonly<Record<Application['status'], string>> = {
  diajukan: '→',
  diverifikasi: '…',
  perlu_perbaikan: '!',
  disahkan: '✓',
  ditolak: '✕',
};

type Check =
  | { state: 'idle' }
  | { state: 'invalid' }
  | { state: 'checking' }
  | { state: 'found'; application: Application }
  | { state: 'not-found'; number: string }
  | { state: 'unavailable' }
  | { state: 'failed' };

/**
 * A PP/PKB application's status by its number, asked of central while the visitor waits (nothing is
 * cached: an old status shown as today's would mislead). Company data only. The number and the
 * answer live in this screen alone, so the idle wipe, which unmounts it, takes both.
 */
export function ApplicationStatus({ client, desk, onDone }: { client: KioskClient; desk: Desk | undefined; onDone(): void }) {
  const { t, language } = useI18n();
  const [number, setNumber] = useState('');
  const [typing, setTyping] = useState(true);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  // Only the latest question may answer: an earlier one that comes back late, after the visitor
  // changed the number, must not show its company under the new number.
  const asked = useRef(0);

  const deskText = desk ? t('application.desk', { letter: desk.letter, name: t(`desk.${desk.id}.name` as MessageKey) }) : t('application.deskUnknown');

  const edit = (value: string) => {
    asked.current += 1;
    setNumber(value);
    setCheck({ state: 'idle' });
  };

  const run = () => {
    const input = ApplicationStatusInputSchema.safeParse({ number });
    if (!input.success) {
      setCheck({ state: 'invalid' });
      return;
    }
    setTyping(false);
    const id = ++asked.current;
    setCheck({ state: 'checking' });
    client.call('agreements.applicationStatus', input.data).then(
      (answer) => {
        if (asked.current !== id) return;
        setCheck(answer.found ? { state: 'found', application: answer.application } : { state: 'not-found', number: input.data.number });
      },
      (cause: unknown) => {
        if (asked.current !== id) return;
        setCheck({ state: cause instanceof KioskApiError && cause.code === 'unavailable' ? 'unavailable' : 'failed' });
      },
    );
  };

  return (
    <section className="journey" aria-labelledby="application-heading" data-testid="application-status">
      <h2 id="application-heading" className="screen-heading">
        {t('application.heading')}
      </h2>
      <p className="screen-lead">{t('application.lead')}</p>
      <div className="search-field">
        <span id="application-number-label" className="visually-hidden">
          {t('application.number')}
        </span>
        <button
          type="button"
          className="search-input application-number"
          aria-labelledby="application-number-label application-number-value"
          data-testid="application-number"
          onClick={() => setTyping(true)}
        >
          <span id="application-number-value">{number || <span className="muted">{t('application.placeholder')}</span>}</span>
        </button>
        {number && (
          <button type="button" className="change-button" data-testid="application-clear" onClick={() => edit('')}>
            {t('application.clear')}
          </button>
        )}
      </div>
      <div className="application-actions">
        <button type="button" className="primary-button" data-testid="application-check" disabled={number === '' || check.state === 'checking'} onClick={run}>
          {t('application.check')}
        </button>
      </div>
      {typing && <OnScreenKeyboard value={number} onChange={edit} maxLength={MAX_NUMBER_LENGTH} onDone={() => setTyping(false)} testId="osk" layout="code" />}
      {/* Polite: the answer is read out after whatever the visitor's screen reader is saying. */}
      <div className="application-result" aria-live="polite" data-testid="application-result" data-state={check.state}>
        {check.state === 'invalid' ? (
          <p className="application-card problem" data-testid="application-invalid">
            {t('application.invalid')}
          </p>
        ) : check.state === 'checking' ? (
          <p className="application-checking">
            <span className="spinner" aria-hidden="true" /> {t('application.checking')}
          </p>
        ) : check.state === 'found' ? (
          <FoundApplication application={check.application} language={language} />
        ) : check.state === 'not-found' ? (
          <div className="application-card problem" data-testid="application-not-found">
            <h3>{t('application.notFound.heading', { number: check.number })}</h3>
            <p>{t('application.notFound.body', { desk: deskText })}</p>
          </div>
        ) : check.state === 'unavailable' || check.state === 'failed' ? (
          <div className="application-card problem" data-testid={`application-${check.state}`}>
            <h3>{t(`application.${check.state}.heading`)}</h3>
            <p>{t(`application.${check.state}.body`, { desk: deskText })}</p>
            <button type="button" className="secondary-button" data-testid="application-retry" onClick={run}>
              {t('application.retry')}
            </button>
          </div>
        ) : null}
      </div>
      <div className="journey-actions end">
        <button type="button" className="primary-button" data-testid="tool-done" onClick={onDone}>
          {t('tool.toDesk')}
        </button>
      </div>
    </section>
  );
}

function FoundApplication({ application, language }: { application: Application; language: Language }) {
  const { t } = useI18n();
  const { status, kind } = application;
  // A PKB is registered, not ratified: the same status reads differently by kind.
  const statusKey = status === 'disahkan' ? (`disahkan.${kind}` as const) : status;
  return (
    <article className={`application-card status-${status}`} aria-labelledby="application-company" data-testid="application-found" data-status={status}>
      <p className="application-status-badge" data-testid="application-status-label">
        <span className="application-status-symbol" aria-hidden="true">
          {STATUS_SYMBOL[status]}
        </span>
        {t(`application.status.${statusKey}`)}
      </p>
      <h3 id="application-company" className="application-company" data-testid="application-company">
        {application.company}
      </h3>
      <p className="application-about">{t(`application.about.${statusKey}`)}</p>
      <dl className="application-facts">
        <div>
          <dt>{t('application.fact.kind')}</dt>
          <dd data-testid="application-kind">{t(`application.kind.${kind}`)}</dd>
        </div>
        <div>
          <dt>{t('application.fact.number')}</dt>
          <dd>{application.number}</dd>
        </div>
        <div>
          <dt>{t('application.fact.regency')}</dt>
          <dd>{application.regency}</dd>
        </div>
        <div>
          <dt>{t('application.fact.date')}</dt>
          <dd data-testid="application-date">{formatDate(application.statusDate, language)}</dd>
        </div>
      </dl>
      {application.nextStep && (
        <div className="application-next" data-testid="application-next-step">
          <h4>{t('application.nextStep')}</h4>
          <p>{application.nextStep[language]}</p>
        </div>
      )}
    </article>
  );
}

/** A calendar date as the visitor reads it ("24 November 2026"); read as UTC so no zone moves the day. */
function formatDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
