import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, KioskInfo, Referral, ServiceStatus, Staff, Station } from '../../../../src/contract/api.js';
import { KioskApiError } from '../../../../src/contract/errors.js';
import { StaffRoleSchema, StationKindSchema, type ServiceSession, type StaffRole, type StationKind } from '../../../../src/contract/vocabulary.js';
import { serviceSentence } from '../../serviceState.js';
import { DigitInput, ErrorBox, Panel } from '../common.js';
import { useAction, useNow } from '../hooks.js';
import { BoardTab } from '../reports/BoardTab.js';
import { ReportsTab } from '../reports/ReportsTab.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n } from '../staffI18n.js';
import { CentralTab } from './CentralTab.js';
import { DevicesTab } from './DevicesTab.js';
import { useFormatInstant } from './useFormatInstant.js';

type Tab = 'stations' | 'staff' | 'devices' | 'central' | 'audit' | 'referrals' | 'calendar' | 'reports' | 'board';
const TABS: Tab[] = ['stations', 'staff', 'devices', 'central', 'audit', 'referrals', 'calendar'];
/** The manager's own tabs; a technician does not see them (the host refuses them too). */
const MANAGER_TABS: Tab[] = ['reports', 'board'];

/** Manajer Kios and technician: pairing, stations, staff accounts, devices, forwarding to central, audit trail, referrals, calendar; the manager's reports and information board. */
export default function AdminPage() {
  const { t } = useStaffI18n();
  const { client, who } = useStation();
  const manager = who.staff?.role === 'manager';
  const tabs = manager ? [...TABS, ...MANAGER_TABS] : TABS;
  const [tab, setTab] = useState<Tab>('stations');
  const [info, setInfo] = useState<KioskInfo>();

  useEffect(() => {
    let current = true;
    client.call('kiosk.info', {}).then(
      (value) => current && setInfo(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client]);

  return (
    <div className="admin">
      <nav className="admin-tabs" role="tablist" aria-label={t('page.admin')}>
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={`admin-tab ${tab === name ? 'selected' : ''}`} data-testid={`admin-tab-${name}`} onClick={() => setTab(name)}>
            {t(`admin.tab.${name}`)}
          </button>
        ))}
      </nav>
      <div role="tabpanel">
        {tab === 'stations' && <StationsTab />}
        {tab === 'staff' && <StaffTab />}
        {tab === 'devices' && <DevicesTab />}
        {tab === 'central' && <CentralTab />}
        {tab !== 'stations' && tab !== 'staff' && tab !== 'devices' && tab !== 'central' && tab !== 'board' && !info && <p className="station-loading">{t('common.loading')}</p>}
        {tab === 'audit' && info && <AuditTab serviceDate={info.serviceDate} />}
        {tab === 'referrals' && info && <ReferralsTab serviceDate={info.serviceDate} />}
        {tab === 'calendar' && info && <CalendarTab info={info} onChanged={(service) => setInfo({ ...info, service })} />}
        {tab === 'reports' && manager && info && <ReportsTab serviceDate={info.serviceDate} />}
        {tab === 'board' && manager && <BoardTab />}
      </div>
    </div>
  );
}

function StationsTab() {
  const { t } = useStaffI18n();
  const { client, who } = useStation();
  const technician = who.staff?.role === 'technician';
  const [kind, setKind] = useState<StationKind>('desk');
  const [code, setCode] = useState<{ code: string; kind: StationKind; expiresAt: string }>();
  const [stations, setStations] = useState<Station[]>();
  const [confirmRevoke, setConfirmRevoke] = useState<number>();
  const action = useAction();
  const now = useNow(1000);
  const format = useFormatInstant();

  const load = useCallback(() => {
    void action.run('load', async () => setStations((await client.call('stations.list', {})).stations));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- action.run is stable
  }, [client]);
  useEffect(load, [load]);

  const secondsLeft = code ? Math.max(0, Math.round((Date.parse(code.expiresAt) - now.getTime()) / 1000)) : 0;

  return (
    <div className="admin-grid">
      <Panel title={t('admin.pairingHeading')} testId="pairing-panel">
        {!technician ? (
          <p className="st-muted">{t('admin.technicianOnly')}</p>
        ) : (
          <>
            <p className="st-muted">{t('admin.pairingLead')}</p>
            <div className="choice-grid" role="radiogroup">
              {StationKindSchema.options.map((option) => (
                <label key={option} className={`choice ${kind === option ? 'selected' : ''}`}>
                  <input type="radio" name="station-kind" checked={kind === option} data-testid={`pairing-kind-${option}`} onChange={() => setKind(option)} />
                  {t(`kind.${option}`)}
                </label>
              ))}
            </div>
            <button
              type="button"
              className="st-button primary big"
              disabled={action.busy !== undefined}
              data-testid="create-pairing-code"
              onClick={() =>
                void action.run('code', async () => {
                  setCode(await client.call('stations.createPairingCode', { kind }));
                  return true;
                })
              }
            >
              {t('admin.createCode')}
            </button>
            {code && (
              <div className={`pairing-code-box ${secondsLeft === 0 ? 'expired' : ''}`} data-testid="pairing-code-box">
                <span className="st-muted">{t('admin.codeFor', { kind: t(`kind.${code.kind}`) })}</span>
                <span className="pairing-code" data-testid="pairing-code-value">
                  {code.code.slice(0, 3)} {code.code.slice(3)}
                </span>
                <span data-testid="pairing-code-expiry">
                  {secondsLeft > 0
                    ? t('admin.codeExpires', { time: format(code.expiresAt, false), minutes: Math.floor(secondsLeft / 60), seconds: String(secondsLeft % 60).padStart(2, '0') })
                    : t('admin.codeExpired')}
                </span>
              </div>
            )}
          </>
        )}
      </Panel>
      <Panel
        title={t('admin.stationsHeading')}
        testId="stations-panel"
        actions={
          <button type="button" className="st-button" onClick={load}>
            {t('common.refresh')}
          </button>
        }
      >
        <ErrorBox error={action.error} onClose={action.clearError} />
        {!stations ? (
          <p className="st-muted">{t('common.loading')}</p>
        ) : stations.length === 0 ? (
          <p className="st-muted">{t('admin.noStations')}</p>
        ) : (
          <table className="st-table" data-testid="stations-table">
            <thead>
              <tr>
                <th>{t('admin.stationName')}</th>
                <th>{t('admin.stationKind')}</th>
                <th>{t('admin.pairedAt')}</th>
                <th>{t('admin.lastSeen')}</th>
                <th>{t('admin.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {stations.map((station) => (
                <tr key={station.id} className={station.revoked ? 'revoked' : ''} data-testid="station-row" data-station={station.id}>
                  <td>{station.name}</td>
                  <td>{t(`kind.${station.kind}`)}</td>
                  <td>{format(station.pairedAt)}</td>
                  <td>{format(station.lastSeenAt)}</td>
                  <td>{station.revoked ? t('admin.revoked') : t('admin.active')}</td>
                  <td>
                    {technician && !station.revoked && station.id !== who.station?.id && (
                      confirmRevoke === station.id ? (
                        <span className="row-buttons">
                          <button
                            type="button"
                            className="st-button danger"
                            data-testid="revoke-confirm"
                            onClick={() =>
                              void action.run('revoke', () => client.call('stations.revoke', { stationId: station.id })).then(() => {
                                setConfirmRevoke(undefined);
                                load();
                              })
                            }
                          >
                            {t('admin.revokeConfirm')}
                          </button>
                          <button type="button" className="st-button" onClick={() => setConfirmRevoke(undefined)}>
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="st-button" data-testid="revoke" onClick={() => setConfirmRevoke(station.id)}>
                          {t('admin.revoke')}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function issuesOf(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  if (error instanceof KioskApiError) for (const issue of error.issues ?? []) byField[issue.path.split('.')[0] ?? ''] = issue.message;
  return byField;
}

function StaffTab() {
  const { t } = useStaffI18n();
  const { client, who } = useStation();
  const [staff, setStaff] = useState<Staff[]>();
  const [pinFor, setPinFor] = useState<number>();
  const [newPin, setNewPin] = useState('');
  const [form, setForm] = useState<{ username: string; name: string; role: StaffRole; pin: string }>({ username: '', name: '', role: 'officer', pin: '' });
  const [message, setMessage] = useState<string>();
  const list = useAction();
  const create = useAction();
  const format = useFormatInstant();
  const now = useNow(30_000);

  const load = useCallback(() => {
    void list.run('load', async () => setStaff((await client.call('staff.list', {})).staff));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run is stable
  }, [client]);
  useEffect(load, [load]);

  const createIssues = issuesOf(create.error);

  return (
    <div className="admin-grid wide-first">
      <Panel
        title={t('admin.staffHeading')}
        testId="staff-panel"
        actions={
          <button type="button" className="st-button" onClick={load}>
            {t('common.refresh')}
          </button>
        }
      >
        <ErrorBox error={list.error} onClose={list.clearError} />
        {message && (
          <p className="st-notice" role="status" data-testid="staff-message">
            {message}
          </p>
        )}
        {!staff ? (
          <p className="st-muted">{t('common.loading')}</p>
        ) : (
          <table className="st-table" data-testid="staff-table">
            <thead>
              <tr>
                <th>{t('admin.username')}</th>
                <th>{t('admin.fullName')}</th>
                <th>{t('admin.role')}</th>
                <th>{t('admin.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => (
                <tr key={member.id} className={member.disabled ? 'revoked' : ''} data-testid="staff-row" data-username={member.username}>
                  <td>{member.username}</td>
                  <td>{member.name}</td>
                  <td>{t(`role.${member.role}`)}</td>
                  <td>
                    {member.disabled
                      ? t('admin.disabled')
                      : member.lockedUntil && Date.parse(member.lockedUntil) > now.getTime()
                        ? t('admin.lockedUntil', { time: format(member.lockedUntil) })
                        : t('admin.active')}
                  </td>
                  <td>
                    {pinFor === member.id ? (
                      <span className="row-buttons">
                        <input
                          className="st-input small"
                          type="password"
                          inputMode="numeric"
                          maxLength={8}
                          value={newPin}
                          placeholder={t('admin.newPin')}
                          aria-label={t('admin.newPin')}
                          data-testid="set-pin-input"
                          onChange={(event) => setNewPin(event.target.value.replace(/\D/g, '').slice(0, 8))}
                        />
                        <button
                          type="button"
                          className="st-button primary"
                          disabled={!/^\d{6,8}$/.test(newPin)}
                          data-testid="set-pin-submit"
                          onClick={() =>
                            void list.run('pin', () => client.call('staff.setPin', { staffId: member.id, pin: newPin })).then((done) => {
                              if (!done) return;
                              setPinFor(undefined);
                              setNewPin('');
                              setMessage(t('admin.pinSet', { name: member.name }));
                              load();
                            })
                          }
                        >
                          {t('common.save')}
                        </button>
                        <button type="button" className="st-button" onClick={() => setPinFor(undefined)}>
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      <span className="row-buttons">
                        <button type="button" className="st-button" data-testid="set-pin" onClick={() => { setPinFor(member.id); setNewPin(''); }}>
                          {t('admin.setPin')}
                        </button>
                        {member.id !== who.staff?.id && (
                          <button
                            type="button"
                            className={`st-button ${member.disabled ? '' : 'danger'}`}
                            data-testid={member.disabled ? 'enable-staff' : 'disable-staff'}
                            onClick={() =>
                              void list.run('disable', () => client.call('staff.setDisabled', { staffId: member.id, disabled: !member.disabled })).then((done) => {
                                if (done) load();
                              })
                            }
                          >
                            {member.disabled ? t('admin.enable') : t('admin.disable')}
                          </button>
                        )}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title={t('admin.createStaff')} testId="create-staff-panel">
        <form
          className="login-form"
          onSubmit={(event) => {
            event.preventDefault();
            void create.run('create', () => client.call('staff.create', { ...form, username: form.username.trim(), name: form.name.trim() })).then((created) => {
              if (!created) return;
              setMessage(t('admin.staffCreated', { name: created.name }));
              setForm({ username: '', name: '', role: form.role, pin: '' });
              load();
            });
          }}
        >
          <label className="st-field">
            <span>{t('admin.username')}</span>
            <input className="st-input" value={form.username} autoCapitalize="none" data-testid="new-staff-username" onChange={(event) => setForm({ ...form, username: event.target.value })} />
            {createIssues.username && <span className="field-issue">{t('admin.issue.username')}</span>}
          </label>
          <label className="st-field">
            <span>{t('admin.fullName')}</span>
            <input className="st-input" value={form.name} data-testid="new-staff-name" onChange={(event) => setForm({ ...form, name: event.target.value })} />
            {createIssues.name && <span className="field-issue">{t('admin.issue.name')}</span>}
          </label>
          <label className="st-field">
            <span>{t('admin.role')}</span>
            <select className="st-input" value={form.role} data-testid="new-staff-role" onChange={(event) => setForm({ ...form, role: event.target.value as StaffRole })}>
              {StaffRoleSchema.options.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="st-field">
            <span>{t('admin.pin')}</span>
            <DigitInput className="st-input" type="password" maxLength={8} value={form.pin} data-testid="new-staff-pin" onChange={(pin) => setForm({ ...form, pin })} />
            {createIssues.pin && <span className="field-issue">{t('admin.issue.pin')}</span>}
          </label>
          {create.error !== undefined && Object.keys(createIssues).length === 0 && <ErrorBox error={create.error} onClose={create.clearError} />}
          <button type="submit" className="st-button primary wide" disabled={create.busy !== undefined || !form.username.trim() || !form.name.trim() || !/^\d{6,8}$/.test(form.pin)} data-testid="new-staff-submit">
            {t('admin.createStaffSubmit')}
          </button>
        </form>
      </Panel>
    </div>
  );
}

const AUDIT_PAGE = 50;

function AuditTab({ serviceDate }: { serviceDate: string }) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const [date, setDate] = useState(serviceDate);
  const [pages, setPages] = useState<number[]>([]); // beforeId of each page after the first
  const [entries, setEntries] = useState<AuditEntry[]>();
  const action = useAction();
  const format = useFormatInstant();
  const beforeId = pages[pages.length - 1];

  useEffect(() => {
    void action.run('load', async () => {
      const result = await client.call('audit.list', { limit: AUDIT_PAGE, ...(date ? { serviceDate: date } : {}), ...(beforeId ? { beforeId } : {}) });
      setEntries(result.entries);
      return true;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run is stable
  }, [client, date, beforeId]);

  return (
    <Panel
      title={t('admin.auditHeading')}
      testId="audit-panel"
      actions={
        <label className="st-field inline">
          <span>{t('admin.date')}</span>
          <input
            className="st-input"
            type="date"
            value={date}
            data-testid="audit-date"
            onChange={(event) => {
              setDate(event.target.value);
              setPages([]);
            }}
          />
        </label>
      }
    >
      <ErrorBox error={action.error} onClose={action.clearError} />
      {!entries ? (
        <p className="st-muted">{t('common.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="st-muted">{t('admin.noAudit')}</p>
      ) : (
        <table className="st-table compact" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('admin.time')}</th>
              <th>{t('admin.action')}</th>
              <th>{t('admin.ticket')}</th>
              <th>{t('admin.deskCounter')}</th>
              <th>{t('admin.staffMember')}</th>
              <th>{t('admin.stationName')}</th>
              <th>{t('admin.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row">
                <td>{format(entry.at)}</td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.ticketNumber ?? '–'}</td>
                <td>{entry.deskId ? `${entry.deskId}${entry.counterNumber ? ` / ${entry.counterNumber}` : ''}` : '–'}</td>
                <td>{entry.staffName ?? '–'}</td>
                <td>{entry.stationName ?? (entry.channel === 'kiosk' ? t('admin.kioskScreen') : '–')}</td>
                <td className="detail">{entry.detail ? JSON.stringify(entry.detail).slice(0, 120) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-buttons">
        <button type="button" className="st-button" disabled={pages.length === 0} data-testid="audit-newer" onClick={() => setPages(pages.slice(0, -1))}>
          {t('admin.newer')}
        </button>
        <span className="st-muted">{t('admin.page', { page: pages.length + 1 })}</span>
        <button
          type="button"
          className="st-button"
          disabled={!entries || entries.length < AUDIT_PAGE}
          data-testid="audit-older"
          onClick={() => {
            const oldest = entries?.[entries.length - 1];
            if (oldest) setPages([...pages, oldest.id]);
          }}
        >
          {t('admin.older')}
        </button>
      </div>
    </Panel>
  );
}

function ReferralsTab({ serviceDate }: { serviceDate: string }) {
  const { t, deskName } = useStaffI18n();
  const { client } = useStation();
  const [date, setDate] = useState(serviceDate);
  const [referrals, setReferrals] = useState<Referral[]>();
  const action = useAction();
  const format = useFormatInstant();

  useEffect(() => {
    void action.run('load', async () => {
      setReferrals((await client.call('referrals.list', date ? { serviceDate: date } : {})).referrals);
      return true;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run is stable
  }, [client, date]);

  return (
    <Panel
      title={t('admin.referralsHeading')}
      testId="referrals-panel"
      actions={
        <label className="st-field inline">
          <span>{t('admin.date')}</span>
          <input className="st-input" type="date" value={date} data-testid="referrals-date" onChange={(event) => setDate(event.target.value)} />
        </label>
      }
    >
      <ErrorBox error={action.error} onClose={action.clearError} />
      <p className="st-hint">{t('admin.referralsPrivacy')}</p>
      {!referrals ? (
        <p className="st-muted">{t('common.loading')}</p>
      ) : referrals.length === 0 ? (
        <p className="st-muted">{t('admin.noReferrals')}</p>
      ) : (
        <table className="st-table compact" data-testid="referrals-table">
          <thead>
            <tr>
              <th>{t('admin.ticket')}</th>
              <th>{t('admin.desk')}</th>
              <th>{t('refer.userType')}</th>
              <th>{t('refer.level')}</th>
              <th>{t('admin.followUp')}</th>
              <th>{t('refer.where')}</th>
              <th>{t('refer.contact')}</th>
              <th>{t('admin.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {referrals.map((referral) => (
              <tr key={referral.id} data-testid="referral-row">
                <td>{referral.ticketNumber}</td>
                <td>{deskName(referral.deskId)}</td>
                <td>{t(`userType.${referral.userType}`)}</td>
                <td>{t(`level.${referral.level}`)}</td>
                <td>
                  {referral.followUpDate} {referral.followUpTime}
                </td>
                <td>{referral.place ?? referral.onlineLink ?? '–'}</td>
                <td data-testid="referral-contact">{referral.contactMasked}</td>
                <td>{format(referral.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function CalendarTab({ info, onChanged }: { info: KioskInfo; onChanged(service: ServiceStatus): void }) {
  const { t, language } = useStaffI18n();
  const { client } = useStation();
  const [date, setDate] = useState(info.serviceDate);
  const [sessions, setSessions] = useState<ServiceSession[]>([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:30' }]);
  const [note, setNote] = useState('');
  const [result, setResult] = useState<ServiceStatus>();
  const action = useAction();

  const update = (index: number, part: keyof ServiceSession, value: string) =>
    setSessions(sessions.map((session, at) => (at === index ? { ...session, [part]: value } : session)));
  const issues = issuesOf(action.error);

  return (
    <div className="admin-grid">
      <Panel title={t('admin.calendarHeading')} testId="calendar-panel">
        {info && (
          <p className="st-notice" data-testid="calendar-current">
            {t('admin.calendarNow')}: {serviceSentence(info.service, info.timeZone, language)}
          </p>
        )}
        <p className="st-muted">{t('admin.calendarLead')}</p>
        <label className="st-field">
          <span>{t('admin.date')}</span>
          <input className="st-input" type="date" value={date} data-testid="override-date" onChange={(event) => setDate(event.target.value)} />
        </label>
        <fieldset className="st-fieldset">
          <legend>{t('admin.sessions')}</legend>
          {sessions.length === 0 && <p className="st-hint">{t('admin.closedAllDay')}</p>}
          {sessions.map((session, index) => (
            <div key={index} className="session-row">
              <input className="st-input" type="time" value={session.start} aria-label={t('admin.sessionStart')} data-testid={`override-start-${index}`} onChange={(event) => update(index, 'start', event.target.value)} />
              <span>–</span>
              <input className="st-input" type="time" value={session.end} aria-label={t('admin.sessionEnd')} data-testid={`override-end-${index}`} onChange={(event) => update(index, 'end', event.target.value)} />
              <button type="button" className="st-button" onClick={() => setSessions(sessions.filter((_, at) => at !== index))}>
                {t('admin.removeSession')}
              </button>
            </div>
          ))}
          <div className="row-buttons">
            <button type="button" className="st-button" disabled={sessions.length >= 4} data-testid="override-add" onClick={() => setSessions([...sessions, { start: '08:00', end: '12:00' }])}>
              {t('admin.addSession')}
            </button>
            <button type="button" className="st-button" data-testid="override-closed" onClick={() => setSessions([])}>
              {t('admin.closeAllDay')}
            </button>
          </div>
          {issues.sessions && <span className="field-issue">{t('admin.issue.sessions')}</span>}
        </fieldset>
        <label className="st-field">
          <span>{t('admin.overrideNote')}</span>
          <input className="st-input" value={note} maxLength={120} placeholder={t('admin.overrideNoteHint')} data-testid="override-note" onChange={(event) => setNote(event.target.value)} />
          {issues.note && <span className="field-issue">{t('admin.issue.note')}</span>}
        </label>
        <ErrorBox error={action.error} onClose={action.clearError} />
        {result && (
          <p className="st-notice" role="status" data-testid="override-result">
            {t('admin.overrideSaved')} {info ? serviceSentence(result, info.timeZone, language) : ''}
          </p>
        )}
        <button
          type="button"
          className="st-button primary wide"
          disabled={action.busy !== undefined || !date || note.trim().length < 3}
          data-testid="override-submit"
          onClick={() =>
            void action.run('save', () => client.call('calendar.setOverride', { date, sessions, note: note.trim() })).then((service) => {
              if (!service) return;
              setResult(service);
              if (date === info.serviceDate) onChanged(service);
            })
          }
        >
          {t('admin.overrideSubmit')}
        </button>
      </Panel>
    </div>
  );
}
