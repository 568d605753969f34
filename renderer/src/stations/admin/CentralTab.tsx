import { useCallback, useEffect, useId, useState } from 'react';
import type { CentralStatus, PoisonedEvent } from '../../../../src/contract/central.js';
import { KioskApiError } from '../../../../src/contract/errors.js';
import { ErrorBox, Panel } from '../common.js';
import { downloadFile } from '../downloadFile.js';
import { useAction, useNow } from '../hooks.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n } from '../staffI18n.js';
import { centralHeadline, describeSkew, formatPairingCode, formatSpan } from './centralWords.js';
import { useFormatInstant } from './useFormatInstant.js';
import './central.css';

/** While the tab is open; the forwarder's rounds are seconds apart when it has work. */
const STATUS_REFRESH_MS = 5_000;
/** `central.resend` takes at most this many sequence numbers per call. */
const RESEND_BATCH = 1000;

/**
 * Store-and-forward to the central SIAPkerja API, for the technician (read-only for the manager):
 * what the forwarder is doing and why, the backlog, what central gave the kiosk, registration with
 * a pairing code, the events central refused (quarantined), and the vendor's diagnostics bundle.
 */
export function CentralTab() {
  const { t } = useStaffI18n();
  const { client, who } = useStation();
  const technician = who.staff?.role === 'technician';
  const [status, setStatus] = useState<CentralStatus>();
  const [loadError, setLoadError] = useState<unknown>();

  // Polled rather than pushed: the status is cheap for the host, and only this tab asks.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      client.call('central.status', {}).then(
        (value) => {
          if (stopped) return;
          setStatus(value);
          setLoadError(undefined);
        },
        (error: unknown) => !stopped && setLoadError(error),
      ).finally(() => {
        if (!stopped) timer = setTimeout(run, STATUS_REFRESH_MS);
      });
    };
    run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client]);

  if (!status) return loadError ? <ErrorBox error={loadError} /> : <p className="station-loading">{t('common.loading')}</p>;
  return (
    <div className="central" data-testid="central-tab">
      {/* A failed refresh keeps the last answer on screen, said so, rather than blanking it. */}
      <ErrorBox error={loadError} />
      <div className="admin-grid wide-first">
        <StatusPanel status={status} technician={technician} onStatus={setStatus} />
        {technician ? <RegisterPanel status={status} onStatus={setStatus} /> : (
          <Panel title={t('central.register.heading')} testId="central-register-panel">
            <p className="st-muted">{t('central.technicianOnly')}</p>
          </Panel>
        )}
      </div>
      <PullsPanel status={status} />
      {technician && <PoisonPanel poisonedCount={status.poisoned} onResent={(value) => setStatus((current) => current && { ...current, poisoned: Math.max(0, current.poisoned - value) })} />}
      {technician && <DiagnosticsPanel />}
    </div>
  );
}

function StatusPanel({ status, technician, onStatus }: { status: CentralStatus; technician: boolean; onStatus(status: CentralStatus): void }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const format = useFormatInstant();
  const now = useNow(1000);
  const headline = centralHeadline(status, (iso) => format(iso, false));
  const skew = describeSkew(status.clockSkewSeconds, t);
  const inFuture = (iso: string) => Math.round((Date.parse(iso) - now.getTime()) / 1000);

  return (
    <Panel
      title={t('central.heading')}
      testId="central-status-panel"
      actions={
        technician && (
          <button
            type="button"
            className="st-button primary"
            disabled={action.busy !== undefined || status.state === 'not_configured' || status.state === 'not_registered'}
            data-testid="central-sync-now"
            onClick={() => void action.run('sync', () => client.call('central.syncNow', {})).then((value) => value && onStatus(value))}
          >
            {action.busy === 'sync' ? t('common.wait') : t('central.syncNow')}
          </button>
        )
      }
    >
      <p className={`central-headline ${headline.tone}`} role="status" aria-live="polite" data-testid="central-state" data-state={status.state} data-tone={headline.tone}>
        <span className={`device-dot ${headline.tone === 'ok' ? 'ok' : headline.tone === 'bad' ? 'bad' : 'wait'}`} aria-hidden="true" />
        {t(headline.key, headline.params)}
      </p>
      {(status.state === 'not_configured' || status.state === 'not_registered' || status.state === 'revoked') && (
        <p className="st-hint" data-testid="central-state-hint">
          {t(`central.hint.${status.state}`)}
        </p>
      )}
      <ErrorBox error={action.error} onClose={action.clearError} />

      <dl className="figures central-figures">
        <div className="figure">
          <dt>{t('central.backlog')}</dt>
          <dd data-testid="central-backlog">{status.backlog}</dd>
        </div>
        <div className="figure">
          <dt>{t('central.oldestPending')}</dt>
          <dd data-testid="central-oldest">{status.oldestPendingAgeSeconds === null ? '–' : formatSpan(status.oldestPendingAgeSeconds, t)}</dd>
        </div>
        <div className="figure">
          <dt>{t('central.held')}</dt>
          <dd data-testid="central-held">{status.heldSurveyResponses}</dd>
        </div>
        <div className={`figure ${status.poisoned > 0 ? 'attention' : ''}`}>
          <dt>{t('central.poisonedCount')}</dt>
          <dd data-testid="central-poisoned-count">{status.poisoned}</dd>
        </div>
      </dl>
      {status.heldSurveyResponses > 0 && <p className="st-hint">{t('central.heldHint')}</p>}

      <dl className="central-facts">
        <dt>{t('central.lastSuccess')}</dt>
        <dd data-testid="central-last-success">{status.lastSuccessAt === null ? t('central.never') : format(status.lastSuccessAt)}</dd>
        <dt>{t('central.lastError')}</dt>
        <dd data-testid="central-last-error">
          {status.lastError === null ? (
            t('central.none')
          ) : (
            <>
              <span>{format(status.lastError.at)}</span> <span className="central-error-text">{status.lastError.message}</span>
            </>
          )}
        </dd>
        <dt>{t('central.nextAttempt')}</dt>
        <dd data-testid="central-next-attempt">
          {status.nextAttemptAt === null
            ? '–'
            : inFuture(status.nextAttemptAt) > 0
              ? t('central.nextAttemptIn', { time: format(status.nextAttemptAt, false), span: formatSpan(inFuture(status.nextAttemptAt), t) })
              : t('central.nextAttemptDue', { time: format(status.nextAttemptAt, false) })}
        </dd>
        <dt>{t('central.clock')}</dt>
        <dd data-testid="central-skew" data-warn={skew.warn}>
          {skew.warn ? <span className="st-warning inline">{t('central.skew.warn', { text: skew.text })}</span> : skew.text}
        </dd>
        <dt>{t('central.credential')}</dt>
        <dd data-testid="central-credential" data-storage={status.credentialStorage}>
          {status.credentialStorage === 'owner-only-file' ? (
            <span className="st-warning inline" role="note">
              {t('central.credential.owner-only-file')}
            </span>
          ) : (
            t(`central.credential.${status.credentialStorage}`)
          )}
        </dd>
        <dt>{t('central.deviceId')}</dt>
        <dd className={status.deviceId ? 'mono-value' : ''} data-testid="central-device-id">
          {status.deviceId ?? '–'}
        </dd>
        <dt>{t('central.url')}</dt>
        <dd className={status.url ? 'mono-value' : ''} data-testid="central-url">
          {status.url ?? t('central.urlNotSet')}
        </dd>
      </dl>
    </Panel>
  );
}

function RegisterPanel({ status, onStatus }: { status: CentralStatus; onStatus(status: CentralStatus): void }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [registered, setRegistered] = useState<string>();
  const urlHint = useId();
  const codeHint = useId();
  const issues = issuesByField(action.error);
  const complete = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(code);
  // Registering again replaces the kiosk's credential: said before, not discovered after.
  const again = status.deviceId !== null && status.state !== 'revoked';

  return (
    <Panel title={t('central.register.heading')} testId="central-register-panel">
      <p className="st-muted">{t('central.register.lead')}</p>
      {again && <p className="st-hint">{t('central.register.again', { deviceId: status.deviceId ?? '' })}</p>}
      <form
        className="login-form"
        data-testid="central-register-form"
        onSubmit={(event) => {
          event.preventDefault();
          setRegistered(undefined);
          void action.run('register', () => client.call('central.register', { pairingCode: code, ...(url.trim() ? { url: url.trim() } : {}) })).then((value) => {
            if (!value) return;
            onStatus(value);
            setCode('');
            setRegistered(value.deviceId ?? '');
          });
        }}
      >
        <label className="st-field">
          <span>{t('central.register.url')}</span>
          <input
            className="st-input central-input"
            type="url"
            inputMode="url"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={300}
            value={url}
            placeholder="https://"
            aria-describedby={urlHint}
            aria-invalid={issues.url !== undefined}
            data-testid="central-url-input"
            onChange={(event) => setUrl(event.target.value)}
          />
          <span id={urlHint} className="st-hint">
            {status.url ? t('central.register.urlHintConfigured', { url: status.url }) : t('central.register.urlHint')}
          </span>
          {issues.url !== undefined && <span className="field-issue">{t('central.register.urlIssue')}</span>}
        </label>
        <label className="st-field">
          <span>{t('central.register.code')}</span>
          <input
            className="st-input pairing-code-input central-code-input"
            autoCapitalize="characters"
            autoCorrect="off"
            autoComplete="off"
            spellCheck={false}
            maxLength={9}
            value={code}
            placeholder="XXXX-XXXX"
            aria-describedby={codeHint}
            aria-invalid={issues.pairingCode !== undefined}
            data-testid="central-code-input"
            onChange={(event) => setCode(formatPairingCode(event.target.value))}
          />
          <span id={codeHint} className="st-hint">
            {t('central.register.codeHint')}
          </span>
          {issues.pairingCode !== undefined && <span className="field-issue">{t('central.register.codeIssue')}</span>}
        </label>
        {Object.keys(issues).length === 0 && <CentralErrorBox error={action.error} onClose={action.clearError} />}
        {registered !== undefined && (
          <p className="st-notice" role="status" data-testid="central-register-result">
            {t('central.register.done', { deviceId: registered || '–' })}
          </p>
        )}
        <button type="submit" className="st-button primary big wide" disabled={action.busy !== undefined || !complete} data-testid="central-register-submit">
          {action.busy === 'register' ? t('common.wait') : t('central.register.submit')}
        </button>
      </form>
    </Panel>
  );
}

function PullsPanel({ status }: { status: CentralStatus }) {
  const { t } = useStaffI18n();
  const format = useFormatInstant();
  return (
    <Panel title={t('central.pulls.heading')} testId="central-pulls-panel">
      <p className="st-hint">{t('central.pulls.lead')}</p>
      <table className="st-table" data-testid="central-pulls">
        <thead>
          <tr>
            <th scope="col">{t('central.pulls.resource')}</th>
            <th scope="col">{t('central.pulls.source')}</th>
            <th scope="col">{t('central.pulls.fetched')}</th>
            <th scope="col">{t('central.pulls.checked')}</th>
            <th scope="col">{t('central.pulls.error')}</th>
          </tr>
        </thead>
        <tbody>
          {status.pulls.map((pull) => (
            <tr key={pull.resource} data-testid="central-pull-row" data-resource={pull.resource} data-source={pull.source}>
              <th scope="row">{t(`central.resource.${pull.resource}`)}</th>
              <td>{t(`central.source.${pull.source}`)}</td>
              <td>{format(pull.fetchedAt)}</td>
              <td>{format(pull.checkedAt)}</td>
              <td className={pull.lastError ? 'central-error-text' : ''}>{pull.lastError ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function PoisonPanel({ poisonedCount, onResent }: { poisonedCount: number; onResent(requeued: number): void }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const format = useFormatInstant();
  const [events, setEvents] = useState<PoisonedEvent[]>();
  const [message, setMessage] = useState<string>();

  const load = useCallback(() => {
    void action.run('load', async () => setEvents((await client.call('central.poisoned', {})).events));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- action.run is stable
  }, [client]);
  // Again whenever the count moves: central may quarantine more while the tab is open.
  useEffect(load, [load, poisonedCount]);

  const resend = async (seqs: number[], name: string) => {
    setMessage(undefined);
    const requeued = await action.run(name, async () => {
      let total = 0;
      for (let at = 0; at < seqs.length; at += RESEND_BATCH) total += (await client.call('central.resend', { seqs: seqs.slice(at, at + RESEND_BATCH) })).requeued;
      return total;
    });
    if (requeued === undefined) return;
    setMessage(t('central.poison.requeued', { count: requeued }));
    onResent(requeued);
    load();
  };

  return (
    <Panel
      title={t('central.poison.heading')}
      testId="central-poison-panel"
      actions={
        <span className="row-buttons">
          <button type="button" className="st-button" disabled={action.busy !== undefined} onClick={load}>
            {t('common.refresh')}
          </button>
          <button
            type="button"
            className="st-button primary"
            disabled={action.busy !== undefined || !events || events.length === 0}
            data-testid="central-resend-all"
            onClick={() => events && void resend(events.map((event) => event.seq), 'all')}
          >
            {action.busy === 'all' ? t('common.wait') : t('central.poison.resendAll', { count: events?.length ?? 0 })}
          </button>
        </span>
      }
    >
      <p className="st-hint">{t('central.poison.lead')}</p>
      <ErrorBox error={action.error} onClose={action.clearError} />
      {message && (
        <p className="st-notice" role="status" data-testid="central-resend-result">
          {message}
        </p>
      )}
      {!events ? (
        <p className="st-muted">{t('common.loading')}</p>
      ) : events.length === 0 ? (
        <p className="st-muted" data-testid="central-poison-empty">
          {t('central.poison.none')}
        </p>
      ) : (
        <table className="st-table compact" data-testid="central-poison-table">
          <thead>
            <tr>
              <th scope="col">{t('central.poison.seq')}</th>
              <th scope="col">{t('central.poison.type')}</th>
              <th scope="col">{t('central.poison.occurred')}</th>
              <th scope="col">{t('central.poison.quarantined')}</th>
              <th scope="col">{t('central.poison.error')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('central.poison.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq} data-testid="central-poison-row" data-seq={event.seq}>
                <td>{event.seq}</td>
                <td>
                  <code>{event.type}</code>
                </td>
                <td>{format(event.occurredAt)}</td>
                <td>{format(event.poisonedAt)}</td>
                <td className="central-error-text">{event.error || '–'}</td>
                <td>
                  <button
                    type="button"
                    className="st-button"
                    disabled={action.busy !== undefined}
                    aria-label={t('central.poison.resendOne', { seq: event.seq })}
                    data-testid="central-resend"
                    onClick={() => void resend([event.seq], `seq-${event.seq}`)}
                  >
                    {t('central.poison.resend')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function DiagnosticsPanel() {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  const [file, setFile] = useState<{ url: string; filename: string }>();
  // The previous file's URL is released when a new one replaces it, and when the tab closes.
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);
  return (
    <Panel title={t('central.diagnostics.heading')} testId="central-diagnostics-panel">
      <p className="st-hint">{t('central.diagnostics.lead')}</p>
      <div className="row-buttons">
        <button
          type="button"
          className="st-button primary"
          disabled={action.busy !== undefined}
          data-testid="diagnostics-download"
          onClick={() => void action.run('bundle', () => client.call('diagnostics.bundle', {})).then((bundle) => bundle && setFile(downloadFile(bundle)))}
        >
          {action.busy === 'bundle' ? t('common.wait') : t('central.diagnostics.download')}
        </button>
        {file && (
          <a className="st-link export-link" href={file.url} download={file.filename} data-testid="diagnostics-link">
            {t('report.exportAgain', { filename: file.filename })}
          </a>
        )}
      </div>
      <ErrorBox error={action.error} onClose={action.clearError} />
    </Panel>
  );
}

function issuesByField(error: unknown): Partial<Record<string, string>> {
  const byField: Partial<Record<string, string>> = {};
  if (error instanceof KioskApiError && error.code === 'invalid_input') for (const issue of error.issues ?? []) byField[issue.path.split('.')[0] ?? ''] = issue.message;
  return byField;
}

/**
 * A failed registration: the technician needs central's reason (code expired, address unreachable),
 * which the host passes on in the message; the generic words alone would not say what to fix.
 */
function CentralErrorBox({ error, onClose }: { error: unknown; onClose(): void }) {
  const { t } = useStaffI18n();
  if (error === undefined) return null;
  const detail = error instanceof KioskApiError && error.code !== 'internal' && error.code !== 'invalid_input' && error.code !== 'conflict' ? error.message : undefined;
  return (
    <>
      <ErrorBox error={error} onClose={onClose} />
      {detail && (
        <p className="st-hint" data-testid="central-error-detail">
          {t('central.errorDetail', { detail })}
        </p>
      )}
    </>
  );
}
