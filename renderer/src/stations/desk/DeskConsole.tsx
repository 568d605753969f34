import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PauseReasonSchema, type CatalogueService, type CounterView, type Desk, type PauseReason, type TicketView } from '../../../../src/contract/api.js';
import { DeskChoice, ErrorBox, formatMinutes, InlineDialog, Panel, PriorityMark } from '../common.js';
import { minutesSince, useAction, useNow, useQueueSnapshot, waitingLine } from '../hooks.js';
import { useStation } from '../stationContext.js';
import { useWedgeScanner } from '../../components/useWedgeScanner.js';
import { useStaffI18n } from '../staffI18n.js';
import { ServiceChecklist } from './ServiceChecklist.js';
import { ReferralForm } from './ReferralForm.js';

type Dialog = 'none' | 'finish' | 'refer' | 'transfer' | 'pause';

/** Petugas Desk Layanan: one counter of one desk, its current visitor and its waiting line. */
export default function DeskConsole() {
  const { t, deskName } = useStaffI18n();
  const { client, who, refreshWho } = useStation();
  const { snapshot, error: snapshotError, resync } = useQueueSnapshot();
  const [desks, setDesks] = useState<Desk[]>();
  const [catalogue, setCatalogue] = useState<Map<number, CatalogueService[]>>();
  const [loadError, setLoadError] = useState<unknown>();
  const [mine, setMine] = useState<{ deskId: number; counterNumber: number } | undefined>(() =>
    who.counter && who.counter.state !== 'closed' ? { deskId: who.counter.deskId, counterNumber: who.counter.counterNumber } : undefined,
  );
  const [lastCounter, setLastCounter] = useState<CounterView | undefined>(who.counter ?? undefined);
  const [requestedDialog, setDialog] = useState<Dialog>('none');
  const [surveyFor, setSurveyFor] = useState<{ id: number; number: string; invited?: boolean }>();
  const [info, setInfo] = useState<string>();
  const action = useAction();
  const now = useNow(30_000);

  useEffect(() => {
    let current = true;
    Promise.all([client.call('desks.list', {}), client.call('services.catalogue', {})]).then(
      ([list, services]) => {
        if (!current) return;
        setDesks(list.desks);
        setCatalogue(new Map(services.desks.map((entry) => [entry.deskId, entry.services])));
      },
      (cause: unknown) => current && setLoadError(cause),
    );
    return () => {
      current = false;
    };
  }, [client]);

  // The live counter comes from the queue stream; the answer of our own last call bridges the gap.
  const counter = useMemo(() => {
    if (!mine) return undefined;
    const live = snapshot?.counters.find((candidate) => candidate.deskId === mine.deskId && candidate.counterNumber === mine.counterNumber);
    if (live && lastCounter && lastCounter.deskId === live.deskId && lastCounter.counterNumber === live.counterNumber) {
      return Date.parse(lastCounter.since) > Date.parse(live.since) ? lastCounter : live;
    }
    return live ?? lastCounter;
  }, [mine, snapshot, lastCounter]);
  const open = counter !== undefined && counter.state !== 'closed';
  const current: TicketView | undefined = useMemo(() => {
    if (!counter?.currentTicketId) return undefined;
    const ticket = snapshot?.tickets.find((candidate) => candidate.id === counter.currentTicketId);
    return ticket && (ticket.status === 'called' || ticket.status === 'serving') ? ticket : undefined;
  }, [counter, snapshot]);
  const line = useMemo(() => (snapshot && mine ? waitingLine(snapshot.tickets, mine.deskId) : []), [snapshot, mine]);

  // The ticket the referral form was opened for: once referred it leaves the counter, but the
  // officer still needs the confirmation (level, masked contact) to tell the visitor.
  const [referring, setReferring] = useState<TicketView>();
  // A dialog for a ticket that left the counter (e.g. moved elsewhere) is not shown any more.
  const dialog: Dialog = !current && requestedDialog !== 'pause' && !(requestedDialog === 'refer' && referring) ? 'none' : requestedDialog;

  const after = (view: CounterView): true => {
    setLastCounter(view);
    setInfo(undefined);
    return true;
  };

  const openCounter = async (deskId: number, counterNumber: number) => {
    const view = await action.run('open', () => client.call('counters.open', { deskId, counterNumber }));
    if (view) {
      setMine({ deskId: view.deskId, counterNumber: view.counterNumber });
      setLastCounter(view);
      refreshWho();
    }
  };

  if (loadError) return <ErrorBox error={loadError} />;
  if (!desks || !catalogue) return <p className="station-loading">{t('common.loading')}</p>;

  if (!open || !mine) {
    return (
      <OpenCounterForm
        desks={desks}
        busy={action.busy === 'open'}
        error={action.error}
        initialDesk={who.counter?.deskId}
        onOpen={(deskId, counterNumber) => void openCounter(deskId, counterNumber)}
      />
    );
  }

  const paused = counter.state === 'paused';
  const status = current?.status;
  const idle = current === undefined;
  const busy = action.busy !== undefined;
  const ticketId = current?.id ?? 0;

  const act = async <T,>(name: string, call: () => Promise<T>): Promise<T | undefined> => {
    const done = await action.run(name, call);
    if (done !== undefined) setDialog('none');
    return done;
  };

  return (
    <div className="desk-console">
      <div className="desk-left">
        <Panel
          title={
            <>
              {deskName(mine.deskId)} · {t('desk.counter', { counter: mine.counterNumber })}
            </>
          }
          testId="counter-panel"
          actions={
            <span className={`counter-state ${counter.state}`} data-testid="counter-state" data-state={counter.state}>
              {t(`counterState.${counter.state}`)}
              {paused && counter.pauseReason ? ` · ${t(`pause.${counter.pauseReason}`)}` : ''}
            </span>
          }
        >
          {surveyFor && (
            <div className="survey-prompt" role="status" data-testid="survey-prompt">
              <span>
                <strong>{t('desk.surveyPrompt')}</strong>
                <br />
                {t('desk.surveyPromptTicket', { number: surveyFor.number })}
                {surveyFor.invited && (
                  <>
                    <br />
                    <span data-testid="survey-invited">{t('desk.surveyInvited')}</span>
                  </>
                )}
              </span>
              {!surveyFor.invited && (
                <button
                  type="button"
                  className="st-button primary"
                  data-testid="survey-invite"
                  onClick={() =>
                    void act('invite', async () => {
                      const invited = await client.call('survey.invite', { ticketId: surveyFor.id });
                      setSurveyFor({ ...surveyFor, invited: true });
                      return invited;
                    })
                  }
                >
                  {t('desk.surveyInvite')}
                </button>
              )}
              <button type="button" className="st-button" onClick={() => setSurveyFor(undefined)}>
                {t('common.ok')}
              </button>
            </div>
          )}
          <CurrentTicket ticket={current} now={now} />
          {info && (
            <p className="st-notice" role="status" data-testid="desk-info">
              {info}
            </p>
          )}
          <ErrorBox error={action.error ?? snapshotError} onClose={action.error ? action.clearError : resync} />
          <div className="desk-actions">
            <button
              type="button"
              className="st-button big primary"
              data-testid="call-next"
              disabled={busy || paused || !idle}
              onClick={() =>
                void act('callNext', () => client.call('queue.callNext', {})).then((result) => {
                  if (!result) return;
                  setSurveyFor(undefined);
                  setInfo(result.ticket ? undefined : t('desk.nobodyWaiting'));
                })
              }
            >
              {t('desk.callNext')}
            </button>
            <button type="button" className="st-button big" data-testid="recall" disabled={busy || status !== 'called'} onClick={() => void act('recall', () => client.call('queue.recall', { ticketId }))}>
              {t('desk.recall')}
            </button>
            <button type="button" className="st-button big ok" data-testid="start" disabled={busy || status !== 'called'} onClick={() => void act('start', () => client.call('queue.start', { ticketId }))}>
              {t('desk.start')}
            </button>
            <button type="button" className="st-button big warn" data-testid="no-show" disabled={busy || status !== 'called'} onClick={() => void act('noShow', () => client.call('queue.noShow', { ticketId }))}>
              {t('desk.noShow')}
            </button>
            <button type="button" className="st-button big ok" data-testid="finish" disabled={busy || status !== 'serving'} aria-expanded={dialog === 'finish'} onClick={() => setDialog('finish')}>
              {t('desk.finish')}
            </button>
            <button type="button" className="st-button big" data-testid="refer" disabled={busy || status !== 'serving'} aria-expanded={dialog === 'refer'} onClick={() => {
                setReferring(current);
                setDialog('refer');
              }}>
              {t('desk.refer')}
            </button>
            <button type="button" className="st-button big" data-testid="transfer" disabled={busy || idle} aria-expanded={dialog === 'transfer'} onClick={() => setDialog('transfer')}>
              {t('desk.transfer')}
            </button>
            {paused ? (
              <button type="button" className="st-button big primary" data-testid="resume" disabled={busy} onClick={() => void act('resume', async () => after(await client.call('counters.resume', {})))}>
                {t('desk.resume')}
              </button>
            ) : (
              <button type="button" className="st-button big" data-testid="pause" disabled={busy || !idle} aria-expanded={dialog === 'pause'} onClick={() => setDialog('pause')}>
                {t('desk.pause')}
              </button>
            )}
            <button
              type="button"
              className="st-button big subtle"
              data-testid="close-counter"
              disabled={busy || !idle}
              onClick={() =>
                void act('close', async () => {
                  const view = await client.call('counters.close', {});
                  after(view);
                  setMine(undefined);
                  refreshWho();
                  return true;
                })
              }
            >
              {t('desk.closeCounter')}
            </button>
          </div>
          <ScanField ticket={current} counter={mine} disabled={busy} onScan={(siapkerjaId) => action.run('scan', () => client.call('queue.attachSiapkerjaId', { ticketId, siapkerjaId }))} />
        </Panel>

        {dialog !== 'none' && (
          <InlineDialog key={dialog} onClose={() => setDialog('none')}>
            {dialog === 'pause' && (
              <PauseForm
                busy={busy}
                onCancel={() => setDialog('none')}
                onPause={(reason) => void act('pause', async () => after(await client.call('counters.pause', { reason })))}
              />
            )}
            {dialog === 'transfer' && current && (
              <TransferForm
                desks={desks}
                ticket={current}
                busy={busy}
                onCancel={() => setDialog('none')}
                onTransfer={(toDeskId, note) => void act('transfer', () => client.call('queue.transfer', { ticketId, toDeskId, ...(note ? { note } : {}) }))}
              />
            )}
            {dialog === 'finish' && current && (
              <FinishForm
                ticket={current}
                services={catalogue.get(current.deskId) ?? []}
                busy={busy}
                onCancel={() => setDialog('none')}
                onFinish={(services) =>
                  void act('finish', async () => {
                    const done = await client.call('queue.finish', { ticketId, services });
                    setSurveyFor({ id: done.id, number: done.number });
                    return done;
                  })
                }
              />
            )}
            {dialog === 'refer' && referring && (
              <ReferralForm
                ticket={referring}
                services={catalogue.get(referring.deskId) ?? []}
                serviceDate={snapshot?.serviceDate}
                onCancel={() => {
                  setReferring(undefined);
                  setDialog('none');
                }}
                onReferred={(number) => {
                  setSurveyFor({ id: referring.id, number });
                  setReferring(undefined);
                  setDialog('none');
                }}
              />
            )}
          </InlineDialog>
        )}
      </div>

      <Panel
        title={t('desk.waitingList', { count: line.length })}
        className="desk-waiting"
        testId="waiting-list"
        actions={<span className="st-muted">{deskName(mine.deskId)}</span>}
      >
        {line.length === 0 ? (
          <p className="st-muted" data-testid="waiting-empty">
            {t('desk.noneWaiting')}
          </p>
        ) : (
          <ol className="waiting-list">
            {line.map((ticket) => (
              <li key={ticket.id} className={ticket.priority ? 'priority' : ''} data-testid="waiting-ticket" data-number={ticket.number}>
                <span className="waiting-number">{ticket.number}</span>
                <PriorityMark ticket={ticket} />
                {ticket.transferredFrom !== null && <span className="tag">{t('ticket.transferredFrom', { desk: ticket.transferredFrom })}</span>}
                <span className="waiting-minutes">{formatMinutes(minutesSince(ticket.queuedAt, now), t)}</span>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}

function CurrentTicket({ ticket, now }: { ticket: TicketView | undefined; now: Date }) {
  const { t } = useStaffI18n();
  if (!ticket) {
    return (
      <div className="current-ticket empty" data-testid="current-ticket" data-status="none">
        <span className="current-label">{t('desk.noCurrent')}</span>
      </div>
    );
  }
  return (
    <div className={`current-ticket ${ticket.status}`} data-testid="current-ticket" data-status={ticket.status} data-number={ticket.number}>
      <span className="current-label">{t(`status.${ticket.status}`)}</span>
      <span className="current-number">{ticket.number}</span>
      <span className="current-meta">
        <PriorityMark ticket={ticket} />
        {ticket.userType && <span className="tag">{t(`userType.${ticket.userType}`)}</span>}
        <span className="tag">{t('desk.waited', { time: formatMinutes(minutesSince(ticket.queuedAt, now), t) })}</span>
        {ticket.calls > 1 && <span className="tag">{t('desk.calls', { count: ticket.calls })}</span>}
        {ticket.hasSiapkerjaId && (
          <span className="tag ok" data-testid="siapkerja-attached">
            {t('desk.siapkerjaAttached')}
          </span>
        )}
      </span>
    </div>
  );
}

/**
 * The visitor's SIAPkerja-ID: typed by a keyboard-wedge scanner on this PC into the focused field,
 * or scanned on a scanner the kiosk assigns to this counter — that scan arrives masked as an event
 * and its value is claimed from the kiosk, so no other screen ever holds it.
 */
function ScanField({
  ticket,
  counter,
  disabled,
  onScan,
}: {
  ticket: TicketView | undefined;
  counter: { deskId: number; counterNumber: number };
  disabled: boolean;
  onScan(id: string): Promise<unknown>;
}) {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const [value, setValue] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const input = useRef<HTMLInputElement>(null);
  const { deskId, counterNumber } = counter;
  const usableNow = ticket !== undefined && (ticket.status === 'called' || ticket.status === 'serving');
  // A keyboard-wedge scanner on this PC, whatever has the focus.
  useWedgeScanner((text) => {
    setValue(text);
    setNotice({ ok: true, text: t('desk.scanTyped') });
    input.current?.focus();
  }, usableNow && !disabled);

  useEffect(
    () =>
      client.on('scanner.scanned', (scan) => {
        if (scan.deliverTo === 'kiosk' || scan.deliverTo.deskId !== deskId || scan.deliverTo.counterNumber !== counterNumber) return;
        if (!scan.result.ok) {
          setNotice({ ok: false, text: `${t('desk.scanRejected')}: ${scan.result.problem}` });
          return;
        }
        // A ticket's QR is for the survey, not a SIAPkerja-ID.
        if (scan.result.kind === 'ticket') return;
        const masked = scan.result.masked;
        client.call('scanner.claim', { scanId: scan.scanId }).then(
          (claimed) => {
            setValue(claimed.value);
            setNotice({ ok: true, text: t('desk.scanReceived', { id: masked }) });
          },
          () => setNotice({ ok: false, text: t('desk.scanLost') }),
        );
      }),
    [client, deskId, counterNumber, t],
  );
  const usable = ticket !== undefined && (ticket.status === 'called' || ticket.status === 'serving');
  const ticketId = ticket?.id;

  // A newly called visitor: be ready for the scan without a click.
  useEffect(() => {
    if (usable) input.current?.focus();
  }, [ticketId, usable]);

  const submit = async () => {
    const id = value.trim();
    if (!id) return;
    const done = await onScan(id);
    if (done !== undefined) setValue('');
  };

  return (
    <label className="st-field scan-field">
      <span>{t('desk.scan')}</span>
      <span className="scan-row">
        <input
          ref={input}
          className="st-input"
          value={value}
          disabled={!usable || disabled}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('desk.scanPlaceholder')}
          data-testid="siapkerja-scan"
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void submit();
            }
          }}
        />
        <button type="button" className="st-button" disabled={!usable || disabled || !value.trim()} data-testid="siapkerja-submit" onClick={() => void submit()}>
          {t('desk.scanSave')}
        </button>
      </span>
      {notice && (
        <span className={notice.ok ? 'print-ok' : 'print-failed'} role="status" data-testid="scan-notice" data-ok={notice.ok}>
          {notice.text}
        </span>
      )}
    </label>
  );
}

function OpenCounterForm({
  desks,
  busy,
  error,
  initialDesk,
  onOpen,
}: {
  desks: Desk[];
  busy: boolean;
  error: unknown;
  initialDesk: number | undefined;
  onOpen(deskId: number, counter: number): void;
}) {
  const { t } = useStaffI18n();
  const [deskId, setDeskId] = useState<number | undefined>(initialDesk ?? (desks.length === 1 ? desks[0]?.id : undefined));
  const [counterNumber, setCounterNumber] = useState(1);
  return (
    <section className="station-card open-counter" data-testid="open-counter">
      <h2>{t('desk.openHeading')}</h2>
      <p className="st-muted">{t('desk.openLead')}</p>
      <DeskChoice desks={desks} value={deskId} onChange={setDeskId} testId="open-desk" />
      <div className="counter-number">
        <span>{t('desk.counterNumber')}</span>
        <button type="button" className="st-button square" aria-label="−" disabled={counterNumber <= 1} onClick={() => setCounterNumber((value) => Math.max(1, value - 1))}>
          −
        </button>
        <input
          className="st-input counter-input"
          type="number"
          min={1}
          max={20}
          value={counterNumber}
          data-testid="open-counter-number"
          onChange={(event) => setCounterNumber(Math.min(20, Math.max(1, Number(event.target.value) || 1)))}
        />
        <button type="button" className="st-button square" aria-label="+" disabled={counterNumber >= 20} onClick={() => setCounterNumber((value) => Math.min(20, value + 1))}>
          +
        </button>
      </div>
      <ErrorBox error={error} />
      <button type="button" className="st-button primary big wide" disabled={busy || deskId === undefined} data-testid="open-counter-submit" onClick={() => deskId !== undefined && onOpen(deskId, counterNumber)}>
        {t('desk.openSubmit')}
      </button>
    </section>
  );
}

function PauseForm({ busy, onPause, onCancel }: { busy: boolean; onPause(reason: PauseReason): void; onCancel(): void }) {
  const { t } = useStaffI18n();
  const [reason, setReason] = useState<PauseReason>('istirahat');
  return (
    <Panel title={t('desk.pauseHeading')} testId="pause-form">
      <div className="choice-grid" role="radiogroup">
        {PauseReasonSchema.options.map((option) => (
          <label key={option} className={`choice ${reason === option ? 'selected' : ''}`}>
            <input type="radio" name="pause-reason" value={option} checked={reason === option} data-testid={`pause-reason-${option}`} onChange={() => setReason(option)} />
            {t(`pause.${option}`)}
          </label>
        ))}
      </div>
      <div className="form-buttons">
        <button type="button" className="st-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="st-button primary" disabled={busy} data-testid="pause-submit" onClick={() => onPause(reason)}>
          {t('desk.pauseSubmit')}
        </button>
      </div>
    </Panel>
  );
}

function TransferForm({
  desks,
  ticket,
  busy,
  onTransfer,
  onCancel,
}: {
  desks: Desk[];
  ticket: TicketView;
  busy: boolean;
  onTransfer(toDeskId: number, note: string): void;
  onCancel(): void;
}) {
  const { t } = useStaffI18n();
  const [toDeskId, setToDeskId] = useState<number>();
  const [note, setNote] = useState('');
  return (
    <Panel title={t('desk.transferHeading', { number: ticket.number })} testId="transfer-form">
      <DeskChoice desks={desks} value={toDeskId} exclude={ticket.deskId} onChange={setToDeskId} testId="transfer-desk" />
      <label className="st-field">
        <span>{t('desk.transferNote')}</span>
        <input className="st-input" value={note} maxLength={200} data-testid="transfer-note" onChange={(event) => setNote(event.target.value)} />
      </label>
      <div className="form-buttons">
        <button type="button" className="st-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="st-button primary" disabled={busy || toDeskId === undefined} data-testid="transfer-submit" onClick={() => toDeskId !== undefined && onTransfer(toDeskId, note.trim())}>
          {t('desk.transferSubmit')}
        </button>
      </div>
    </Panel>
  );
}

function FinishForm({
  ticket,
  services,
  busy,
  onFinish,
  onCancel,
}: {
  ticket: TicketView;
  services: CatalogueService[];
  busy: boolean;
  onFinish(codes: string[]): void;
  onCancel(): void;
}) {
  const { t } = useStaffI18n();
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <Panel title={t('desk.finishHeading', { number: ticket.number })} testId="finish-form">
      <ServiceChecklist ticket={ticket} services={services} chosen={chosen} onChange={setChosen} />
      {chosen.length === 0 && <p className="st-hint">{t('desk.finishNeedOne')}</p>}
      <div className="form-buttons">
        <button type="button" className="st-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="st-button ok" disabled={busy || chosen.length === 0} data-testid="finish-submit" onClick={() => onFinish(chosen)}>
          {t('desk.finishSubmit')}
        </button>
      </div>
    </Panel>
  );
}
