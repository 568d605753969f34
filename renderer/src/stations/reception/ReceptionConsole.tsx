import { useMemo, useState } from 'react';
import type { CounterView, Desk, QueueSnapshot, Ticket, TicketView } from '../../../../src/contract/api.js';
import type { UserType } from '../../../../src/contract/vocabulary.js';
import { DeskChoice, ErrorBox, formatMinutes, Panel, PriorityMark, UserTypeSelect } from '../common.js';
import { minutesSince, useAction, useNow, useQueueSnapshot, waitingLine } from '../hooks.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n, type StaffTranslate } from '../staffI18n.js';
import { PrintPanel, printOutcomeText, usePrintOutcome } from './PrintPanel.js';

/** Resepsionis: issues tickets for visitors, watches every desk's line, moves and cancels tickets. */
export default function ReceptionConsole() {
  const { t } = useStaffI18n();
  const { snapshot, error, resync } = useQueueSnapshot({ refreshFigures: true });
  const [selectedId, setSelectedId] = useState<number>();
  const now = useNow(30_000);

  if (!snapshot) {
    return error ? <ErrorBox error={error} onClose={resync} /> : <p className="station-loading">{t('common.loading')}</p>;
  }
  const selected = snapshot.tickets.find((ticket) => ticket.id === selectedId);

  return (
    <div className="reception">
      <div className="reception-top">
        <IssuePanel desks={snapshot.desks} />
        <FiguresPanel snapshot={snapshot} />
        <CountersPanel counters={snapshot.counters} tickets={snapshot.tickets} />
        <PrintPanel />
      </div>
      {error !== undefined && <ErrorBox error={error} onClose={resync} />}
      <QueuesPanel snapshot={snapshot} now={now} selectedId={selectedId} onSelect={(id) => setSelectedId((current) => (current === id ? undefined : id))} />
      {selected && <TicketActions key={selected.id} ticket={selected} desks={snapshot.desks} onClose={() => setSelectedId(undefined)} />}
    </div>
  );
}

function IssuePanel({ desks }: { desks: Desk[] }) {
  const { t, deskName } = useStaffI18n();
  const { client } = useStation();
  const [deskId, setDeskId] = useState<number>();
  const [userType, setUserType] = useState<UserType | ''>('');
  const [priority, setPriority] = useState(false);
  const [issued, setIssued] = useState<Ticket>();
  const action = useAction();
  const print = usePrintOutcome(issued?.id, issued?.print);

  const issue = async () => {
    if (deskId === undefined) return;
    const ticket = await action.run('issue', () => client.call('tickets.issue', { deskId, priority, ...(userType ? { userType } : {}) }));
    if (ticket) {
      setIssued(ticket);
      setPriority(false);
      setUserType('');
    }
  };
  const reprint = async () => {
    if (!issued) return;
    const ticket = await action.run('reprint', () => client.call('tickets.reprint', { ticketId: issued.id }));
    if (ticket) setIssued(ticket);
  };

  return (
    <Panel title={t('reception.issueHeading')} className="issue-panel" testId="issue-panel">
      <DeskChoice desks={desks} value={deskId} onChange={setDeskId} testId="issue-desk" />
      <div className="form-row">
        <label className="st-field">
          <span>{t('reception.userType')}</span>
          <UserTypeSelect value={userType} onChange={setUserType} none={{ value: '', label: t('reception.userTypeUnknown') }} testId="issue-user-type" />
        </label>
        <label className={`check priority-check ${priority ? 'selected' : ''}`}>
          <input type="checkbox" checked={priority} data-testid="issue-priority" onChange={(event) => setPriority(event.target.checked)} />
          <span>{t('reception.priority')}</span>
        </label>
      </div>
      <ErrorBox error={action.error} onClose={action.clearError} />
      <button type="button" className="st-button primary big wide" disabled={deskId === undefined || action.busy !== undefined} data-testid="issue-submit" onClick={() => void issue()}>
        {action.busy === 'issue' ? t('common.wait') : t('reception.issueSubmit')}
      </button>
      {issued && (
        <div className="issued-ticket" data-testid="issued-ticket" data-number={issued.number} data-print={print?.status}>
          <span className="issued-number">{issued.number}</span>
          <span className="issued-meta">
            <strong>{deskName(issued.deskId)}</strong>
            {issued.priority && <PriorityMark ticket={issued} />}
            <span className={print?.status === 'printed' ? 'print-ok' : print?.status === 'pending' ? '' : 'print-failed'} data-testid="issued-print">
              {print && printOutcomeText(print, t)}
            </span>
            <span data-testid="issued-estimate">{estimateText(issued.estimate, t)}</span>
          </span>
          <button type="button" className="st-button" disabled={action.busy !== undefined} data-testid="issued-reprint" onClick={() => void reprint()}>
            {t('reception.reprint')}
          </button>
        </div>
      )}
    </Panel>
  );
}

export function estimateText(estimate: Ticket['estimate'], t: StaffTranslate): string {
  const base = t('estimate.text', { people: estimate.peopleAhead, minutes: estimate.minutes });
  return estimate.approximate ? `${base} ${t('estimate.approximate')}` : base;
}

function FiguresPanel({ snapshot }: { snapshot: QueueSnapshot }) {
  const { t } = useStaffI18n();
  const figures = snapshot.figures;
  const items: Array<[string, string | number]> = [
    ['issued', figures.issued],
    ['waiting', figures.waiting],
    ['inService', figures.inService],
    ['done', figures.done],
    ['referred', figures.referred],
    ['noShow', figures.noShow],
    ['cancelled', figures.cancelled],
    ['averageWait', figures.averageWaitSeconds === null ? '–' : formatMinutes(Math.round(figures.averageWaitSeconds / 60), t)],
  ];
  return (
    <Panel title={t('reception.figures')} className="figures-panel" testId="figures">
      <dl className="figures">
        {items.map(([key, value]) => (
          <div key={key} className="figure" data-testid={`figure-${key}`}>
            <dt>{t(`figure.${key}` as Parameters<StaffTranslate>[0])}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

function CountersPanel({ counters, tickets }: { counters: CounterView[]; tickets: TicketView[] }) {
  const { t, deskName } = useStaffI18n();
  const { client } = useStation();
  const action = useAction();
  // Two taps: releasing a counter sends its visitor back to the line, so it is never one slip away.
  const [confirming, setConfirming] = useState<string>();
  const sorted = [...counters].sort((a, b) => a.deskId - b.deskId || a.counterNumber - b.counterNumber);
  return (
    <Panel title={t('reception.counters')} className="counters-panel" testId="counters">
      {sorted.length === 0 ? (
        <p className="st-muted">{t('reception.noCounters')}</p>
      ) : (
        <ul className="counter-list">
          {sorted.map((counter) => {
            const key = `${counter.deskId}/${counter.counterNumber}`;
            const current = counter.currentTicketId ? tickets.find((ticket) => ticket.id === counter.currentTicketId) : undefined;
            return (
              <li key={`${counter.deskId}/${counter.counterNumber}`} className={`counter-row ${counter.state}`} data-testid="counter-row" data-state={counter.state}>
                <span className="counter-name">
                  {deskName(counter.deskId)} · {t('desk.counter', { counter: counter.counterNumber })}
                </span>
                <span className={`counter-state ${counter.state}`}>
                  {t(`counterState.${counter.state}`)}
                  {counter.state === 'paused' && counter.pauseReason ? ` · ${t(`pause.${counter.pauseReason}`)}` : ''}
                </span>
                <span className="st-muted">
                  {counter.officerName ?? ''}
                  {current && (current.status === 'called' || current.status === 'serving') ? ` · ${t(`status.${current.status}`)} ${current.number}` : ''}
                </span>
                {counter.state !== 'closed' && (
                  <button
                    type="button"
                    className={`st-button small ${confirming === key ? 'warn' : ''}`}
                    data-testid="release-counter"
                    disabled={action.busy !== undefined}
                    title={t('reception.releaseHint')}
                    onClick={() => {
                      if (confirming !== key) {
                        setConfirming(key);
                        return;
                      }
                      setConfirming(undefined);
                      void action.run('release', () => client.call('counters.release', { deskId: counter.deskId, counterNumber: counter.counterNumber }));
                    }}
                  >
                    {confirming === key ? t('reception.releaseConfirm') : t('reception.release')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorBox error={action.error} onClose={action.clearError} />
    </Panel>
  );
}

function QueuesPanel({ snapshot, now, selectedId, onSelect }: { snapshot: QueueSnapshot; now: Date; selectedId: number | undefined; onSelect(id: number): void }) {
  const { t, deskName } = useStaffI18n();
  // Who has waited longest across all desks: the host names it; otherwise the oldest waiting ticket.
  const longest = useMemo(() => {
    const waiting = snapshot.tickets.filter((ticket) => ticket.status === 'waiting');
    const named = snapshot.figures.longestWaitingTicketId;
    if (named !== null && waiting.some((ticket) => ticket.id === named)) return named;
    return waiting.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))[0]?.id;
  }, [snapshot]);

  return (
    <Panel title={t('reception.queues')} className="queues-panel" testId="queues">
      <div className="queue-columns">
        {snapshot.desks.map((desk) => {
          const line = waitingLine(snapshot.tickets, desk.id);
          const atCounters = snapshot.tickets.filter((ticket) => ticket.deskId === desk.id && (ticket.status === 'called' || ticket.status === 'serving'));
          return (
            <section key={desk.id} className="queue-column" data-testid={`queue-desk-${desk.id}`}>
              <h3>
                <span className="desk-choice-letter small">{desk.letter}</span>
                <span className="queue-desk-name">{deskName(desk.id)}</span>
                <span className="queue-count">{line.length}</span>
              </h3>
              <ul className="queue-tickets">
                {atCounters.map((ticket) => (
                  <li key={ticket.id}>
                    <button type="button" className={`queue-ticket at-counter ${selectedId === ticket.id ? 'selected' : ''}`} data-testid="queue-ticket" data-number={ticket.number} onClick={() => onSelect(ticket.id)}>
                      <span className="queue-number">{ticket.number}</span>
                      <span className="queue-info">{t('reception.atCounter', { status: t(`status.${ticket.status}`), counter: ticket.counterNumber ?? '–' })}</span>
                    </button>
                  </li>
                ))}
                {line.map((ticket) => (
                  <li key={ticket.id}>
                    <button
                      type="button"
                      className={`queue-ticket ${ticket.id === longest ? 'longest' : ''} ${selectedId === ticket.id ? 'selected' : ''}`}
                      data-testid="queue-ticket"
                      data-number={ticket.number}
                      data-longest={ticket.id === longest ? 'true' : undefined}
                      aria-pressed={selectedId === ticket.id}
                      onClick={() => onSelect(ticket.id)}
                    >
                      <span className="queue-number">{ticket.number}</span>
                      <PriorityMark ticket={ticket} />
                      <span className="queue-info">
                        {formatMinutes(minutesSince(ticket.queuedAt, now), t)}
                        {ticket.id === longest ? ` · ${t('reception.longest')}` : ''}
                      </span>
                    </button>
                  </li>
                ))}
                {line.length === 0 && atCounters.length === 0 && <li className="st-muted">{t('reception.empty')}</li>}
              </ul>
            </section>
          );
        })}
      </div>
    </Panel>
  );
}

const QUICK_REASONS = ['reception.reasonLeft', 'reception.reasonWrongDesk', 'reception.reasonDuplicate'] as const;

function TicketActions({ ticket, desks, onClose }: { ticket: TicketView; desks: Desk[]; onClose(): void }) {
  const { t, deskName } = useStaffI18n();
  const { client } = useStation();
  const [toDeskId, setToDeskId] = useState<number>();
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string>();
  const action = useAction();
  const waiting = ticket.status === 'waiting';
  const cancellable = ticket.status === 'waiting' || ticket.status === 'called';
  const busy = action.busy !== undefined;

  return (
    <Panel
      title={t('reception.ticketHeading', { number: ticket.number, desk: deskName(ticket.deskId) })}
      className="ticket-actions"
      testId="ticket-actions"
      actions={
        <button type="button" className="st-button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <p className="st-muted">
        {t(`status.${ticket.status}`)}
        {ticket.priority ? ` · ${t('ticket.priority')}` : ''}
        {ticket.userType ? ` · ${t(`userType.${ticket.userType}`)}` : ''}
      </p>
      {result && (
        <p className="st-notice" role="status" data-testid="ticket-action-result">
          {result}
        </p>
      )}
      <ErrorBox error={action.error} onClose={action.clearError} />
      <div className="ticket-action-grid">
        <div>
          <h3>{t('reception.move')}</h3>
          {!waiting && <p className="st-hint">{t('reception.moveOnlyWaiting')}</p>}
          <DeskChoice desks={desks} value={toDeskId} exclude={ticket.deskId} onChange={setToDeskId} testId="move-desk" />
          <button
            type="button"
            className="st-button primary"
            disabled={busy || !waiting || toDeskId === undefined}
            data-testid="move-submit"
            onClick={() =>
              void action.run('move', () => client.call('queue.transfer', { ticketId: ticket.id, toDeskId: toDeskId ?? 0 })).then((moved) => {
                if (moved) setResult(t('reception.moved', { number: moved.number, desk: deskName(moved.deskId) }));
              })
            }
          >
            {t('reception.moveSubmit')}
          </button>
        </div>
        <div>
          <h3>{t('reception.cancel')}</h3>
          <div className="chips">
            {QUICK_REASONS.map((key) => (
              <button key={key} type="button" className="chip" onClick={() => setReason(t(key))}>
                {t(key)}
              </button>
            ))}
          </div>
          <label className="st-field">
            <span>{t('reception.cancelReason')}</span>
            <input className="st-input" value={reason} maxLength={200} data-testid="cancel-reason" onChange={(event) => setReason(event.target.value)} />
          </label>
          <button
            type="button"
            className="st-button danger"
            disabled={busy || !cancellable || reason.trim().length < 3}
            data-testid="cancel-submit"
            onClick={() =>
              void action.run('cancel', () => client.call('queue.cancel', { ticketId: ticket.id, reason: reason.trim() })).then((cancelled) => {
                if (cancelled) setResult(t('reception.cancelled', { number: cancelled.number }));
              })
            }
          >
            {t('reception.cancelSubmit')}
          </button>
        </div>
        <div>
          <h3>{t('reception.reprint')}</h3>
          <button
            type="button"
            className="st-button"
            disabled={busy}
            data-testid="reprint-submit"
            onClick={() =>
              void action.run('reprint', () => client.call('tickets.reprint', { ticketId: ticket.id })).then((printed) => {
                if (printed) setResult(printed.print.status === 'printed' ? t('reception.reprinted', { number: printed.number }) : `${printed.number}: ${printOutcomeText(printed.print, t)}`);
              })
            }
          >
            {t('reception.reprintSubmit')}
          </button>
        </div>
      </div>
    </Panel>
  );
}
