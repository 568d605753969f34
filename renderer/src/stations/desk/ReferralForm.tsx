import { useMemo, useState, type FormEvent } from 'react';
import type { CatalogueService, ReferralInput, TicketView } from '../../../../src/contract/api.js';
import { KioskApiError } from '../../../../src/contract/errors.js';
import { CoordinatingLevelSchema, EmployerScopeSchema, UserTypeSchema, type CoordinatingLevel, type EmployerScope, type UserType } from '../../../../src/contract/vocabulary.js';
import { ErrorBox, Panel } from '../common.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n, type StaffKey } from '../staffI18n.js';
import { ServiceChecklist } from './ServiceChecklist.js';

type Field = 'userType' | 'employerScope' | 'level' | 'followUpDate' | 'followUpTime' | 'place' | 'onlineLink' | 'whatsapp' | 'email' | 'note' | 'services';

const FIELD_HINT: Record<Field, StaffKey> = {
  userType: 'refer.issue.userType',
  employerScope: 'refer.issue.employerScope',
  level: 'refer.issue.level',
  followUpDate: 'refer.issue.followUpDate',
  followUpTime: 'refer.issue.followUpTime',
  place: 'refer.issue.place',
  onlineLink: 'refer.issue.onlineLink',
  whatsapp: 'refer.issue.whatsapp',
  email: 'refer.issue.email',
  note: 'refer.issue.note',
  services: 'refer.issue.services',
};

/** The employer's reach decides the level (Kepmenaker 225/2023, back-office routing). */
const LEVEL_OF_SCOPE: Record<EmployerScope, CoordinatingLevel> = {
  kabupaten_kota: 'dinas_kabupaten_kota',
  provinsi: 'dinas_provinsi',
  nasional: 'kementerian',
};

function nextDay(serviceDate: string | undefined): string {
  const base = serviceDate ? new Date(`${serviceDate}T00:00:00Z`) : new Date();
  base.setUTCDate(base.getUTCDate() + 1);
  return base.toISOString().slice(0, 10);
}

/** Kondisi tertentu: the visit cannot be finished today; the back office follows up. */
export function ReferralForm({
  ticket,
  services,
  serviceDate,
  onReferred,
  onCancel,
}: {
  ticket: TicketView;
  services: readonly CatalogueService[];
  serviceDate: string | undefined;
  onReferred(number: string): void;
  onCancel(): void;
}) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const [userType, setUserType] = useState<UserType>(ticket.userType ?? 'pencari_kerja');
  const [employerScope, setEmployerScope] = useState<EmployerScope>('kabupaten_kota');
  const [level, setLevel] = useState<CoordinatingLevel>('dinas_kabupaten_kota');
  const [followUpDate, setFollowUpDate] = useState(() => nextDay(serviceDate));
  const [followUpTime, setFollowUpTime] = useState('09:00');
  const [mode, setMode] = useState<'place' | 'online'>('place');
  const [place, setPlace] = useState('');
  const [onlineLink, setOnlineLink] = useState('');
  const [whatsapp, setWhatsapp] = useState('');
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ level: CoordinatingLevel; contact: string }>();

  const employer = userType === 'pemberi_kerja';
  const effectiveLevel = employer ? LEVEL_OF_SCOPE[employerScope] : level;

  const referral = useMemo((): ReferralInput => {
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    const input: Record<string, unknown> = { userType, followUpDate, followUpTime };
    if (employer) input.employerScope = employerScope;
    else input.level = level;
    const values: Record<string, string | undefined> = {
      place: mode === 'place' ? optional(place) : undefined,
      onlineLink: mode === 'online' ? optional(onlineLink) : undefined,
      whatsapp: optional(whatsapp),
      email: optional(email),
      note: optional(note),
    };
    for (const [key, value] of Object.entries(values)) if (value !== undefined) input[key] = value;
    return input as ReferralInput;
  }, [userType, followUpDate, followUpTime, employer, employerScope, level, mode, place, onlineLink, whatsapp, email, note]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setIssues({});
    try {
      const result = await client.call('queue.refer', { ticketId: ticket.id, services: chosen, referral });
      setDone({ level: result.referral.level, contact: result.referral.contactMasked });
    } catch (cause) {
      if (cause instanceof KioskApiError && cause.code === 'invalid_input') {
        const byField: Partial<Record<Field, string>> = {};
        for (const issue of cause.issues ?? []) {
          const field = issue.path.replace(/^referral\./, '').split('.')[0] as Field;
          if (field in FIELD_HINT) byField[field] = `${t(FIELD_HINT[field])} (${issue.message})`;
        }
        if (!cause.issues?.length && /follow-up date/i.test(cause.message)) byField.followUpDate = t('refer.issue.pastDate');
        if (Object.keys(byField).length > 0) setIssues(byField);
        else setError(cause);
      } else setError(cause);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Panel title={t('refer.doneHeading', { number: ticket.number })} testId="refer-done">
        <p>{t('refer.done', { level: t(`level.${done.level}`), contact: done.contact })}</p>
        <button type="button" className="st-button primary" data-testid="refer-done-ok" onClick={() => onReferred(ticket.number)}>
          {t('common.ok')}
        </button>
      </Panel>
    );
  }

  const issue = (field: Field) =>
    issues[field] ? (
      <span className="field-issue" role="alert" data-testid={`refer-issue-${field}`}>
        {issues[field]}
      </span>
    ) : null;

  return (
    <Panel title={t('refer.heading', { number: ticket.number })} testId="refer-form">
      <form className="refer-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="st-field">
          <span>{t('refer.userType')}</span>
          <select className="st-input" value={userType} data-testid="refer-user-type" onChange={(event) => setUserType(event.target.value as UserType)}>
            {UserTypeSchema.options.map((option) => (
              <option key={option} value={option}>
                {t(`userType.${option}`)}
              </option>
            ))}
          </select>
          {issue('userType')}
        </label>

        {employer ? (
          <fieldset className="st-fieldset">
            <legend>{t('refer.employerScope')}</legend>
            <div className="choice-grid">
              {EmployerScopeSchema.options.map((option) => (
                <label key={option} className={`choice ${employerScope === option ? 'selected' : ''}`}>
                  <input type="radio" name="employer-scope" checked={employerScope === option} data-testid={`refer-scope-${option}`} onChange={() => setEmployerScope(option)} />
                  {t(`scope.${option}`)}
                </label>
              ))}
            </div>
            {issue('employerScope')}
          </fieldset>
        ) : (
          <fieldset className="st-fieldset">
            <legend>{t('refer.level')}</legend>
            <div className="choice-grid">
              {CoordinatingLevelSchema.options.map((option) => (
                <label key={option} className={`choice ${level === option ? 'selected' : ''}`}>
                  <input type="radio" name="level" checked={level === option} data-testid={`refer-level-${option}`} onChange={() => setLevel(option)} />
                  {t(`level.${option}`)}
                </label>
              ))}
            </div>
            {issue('level')}
          </fieldset>
        )}
        <p className="st-hint" data-testid="refer-level">
          {t('refer.coordinatedBy', { level: t(`level.${effectiveLevel}`) })}
        </p>

        <div className="form-row">
          <label className="st-field">
            <span>{t('refer.date')}</span>
            <input className="st-input" type="date" value={followUpDate} min={serviceDate} data-testid="refer-date" onChange={(event) => setFollowUpDate(event.target.value)} />
            {issue('followUpDate')}
          </label>
          <label className="st-field">
            <span>{t('refer.time')}</span>
            <input className="st-input" type="time" value={followUpTime} data-testid="refer-time" onChange={(event) => setFollowUpTime(event.target.value)} />
            {issue('followUpTime')}
          </label>
        </div>

        <fieldset className="st-fieldset">
          <legend>{t('refer.where')}</legend>
          <div className="choice-grid two">
            <label className={`choice ${mode === 'place' ? 'selected' : ''}`}>
              <input type="radio" name="mode" checked={mode === 'place'} data-testid="refer-mode-place" onChange={() => setMode('place')} />
              {t('refer.modePlace')}
            </label>
            <label className={`choice ${mode === 'online' ? 'selected' : ''}`}>
              <input type="radio" name="mode" checked={mode === 'online'} data-testid="refer-mode-online" onChange={() => setMode('online')} />
              {t('refer.modeOnline')}
            </label>
          </div>
          {mode === 'place' ? (
            <label className="st-field">
              <span>{t('refer.place')}</span>
              <input className="st-input" value={place} maxLength={200} data-testid="refer-place" onChange={(event) => setPlace(event.target.value)} />
              {issue('place')}
            </label>
          ) : (
            <label className="st-field">
              <span>{t('refer.onlineLink')}</span>
              <input className="st-input" type="url" value={onlineLink} placeholder="https://" maxLength={300} data-testid="refer-link" onChange={(event) => setOnlineLink(event.target.value)} />
              {issue('onlineLink')}
              {issue('place')}
            </label>
          )}
        </fieldset>

        <fieldset className="st-fieldset">
          <legend>{t('refer.contact')}</legend>
          <div className="form-row">
            <label className="st-field">
              <span>{t('refer.whatsapp')}</span>
              <input className="st-input" type="tel" inputMode="tel" value={whatsapp} placeholder="0812 3456 7890" data-testid="refer-whatsapp" onChange={(event) => setWhatsapp(event.target.value)} />
              {issue('whatsapp')}
            </label>
            <label className="st-field">
              <span>{t('refer.email')}</span>
              <input className="st-input" type="email" inputMode="email" value={email} data-testid="refer-email" onChange={(event) => setEmail(event.target.value)} />
              {issue('email')}
            </label>
          </div>
          <p className="st-hint">{t('refer.contactHint')}</p>
        </fieldset>

        <label className="st-field">
          <span>{t('refer.note')}</span>
          <textarea className="st-input" rows={2} maxLength={500} value={note} data-testid="refer-note" onChange={(event) => setNote(event.target.value)} />
          {issue('note')}
        </label>

        <details className="refer-services">
          <summary>{t('refer.services')}</summary>
          <ServiceChecklist ticket={ticket} services={services} chosen={chosen} onChange={setChosen} />
          {issue('services')}
        </details>

        {error !== undefined && <ErrorBox error={error} />}
        {error === undefined && Object.keys(issues).length > 0 && <p className="st-error">{t('refer.fixFields')}</p>}
        <div className="form-buttons">
          <button type="button" className="st-button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="st-button primary" disabled={busy} data-testid="refer-submit">
            {busy ? t('common.wait') : t('refer.submit')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
