import { useCallback, useEffect, useState } from 'react';
import type { DeviceStatus, MethodOutput, PrintOutcome } from '../../../../src/contract/api.js';
import { ErrorBox, Panel } from '../common.js';
import { useAction } from '../hooks.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n, type StaffTranslate } from '../staffI18n.js';

type ReprintList = MethodOutput<'tickets.needingReprint'>['tickets'];

/** The printer's health as the kiosk last reported it, probed once when the page opens. */
export function usePrinterStatus(): DeviceStatus | undefined {
  const { client } = useStation();
  const [status, setStatus] = useState<DeviceStatus>();
  useEffect(() => {
    let current = true;
    client.call('devices.probe', { device: 'printer' }).then(
      (probed) => current && setStatus(probed),
      () => undefined,
    );
    const off = client.on('device.status', (next) => {
      if (next.id === 'printer') setStatus(next);
    });
    return () => {
      current = false;
      off();
    };
  }, [client]);
  return status;
}

/** The latest print outcome of one ticket, starting from what the issuing call returned. */
export function usePrintOutcome(ticketId: number | undefined, initial: PrintOutcome | undefined): PrintOutcome | undefined {
  const { client } = useStation();
  // Every outcome since the page opened, not only the current ticket's: with the printer offline
  // the event arrives before the issuing call's answer has even been rendered.
  const [outcomes, setOutcomes] = useState<ReadonlyMap<number, PrintOutcome>>(new Map());
  useEffect(
    () =>
      client.on('ticket.printed', (printed) =>
        setOutcomes((current) => {
          const next = new Map(current);
          next.delete(printed.ticketId);
          next.set(printed.ticketId, printed.print);
          for (const id of next.keys()) if (next.size > 50) next.delete(id);
          return next;
        }),
      ),
    [client],
  );
  return (ticketId !== undefined ? outcomes.get(ticketId) : undefined) ?? initial;
}

export function printOutcomeText(print: PrintOutcome, t: StaffTranslate): string {
  switch (print.status) {
    case 'pending':
      return t('print.pending');
    case 'printed':
      return t('reception.printed');
    case 'unconfirmed':
      return t('print.unconfirmed');
    case 'interrupted':
      return t('print.interrupted');
    case 'failed':
      return print.reason ? t('print.failedBecause', { reason: t(`print.reason.${print.reason}` as Parameters<StaffTranslate>[0]) }) : t('reception.printFailed');
  }
}

/**
 * The receptionist's view of the paper: the printer's state, and today's open tickets whose paper
 * did not come out (failed, or interrupted by a restart), each one tap from a reprint.
 */
export function PrintPanel() {
  const { t } = useStaffI18n();
  const { client } = useStation();
  const printer = usePrinterStatus();
  const [tickets, setTickets] = useState<ReprintList>();
  const [result, setResult] = useState<string>();
  const action = useAction();

  const load = useCallback(() => {
    client.call('tickets.needingReprint', {}).then(
      (list) => setTickets(list.tickets),
      () => undefined,
    );
  }, [client]);
  useEffect(() => {
    load();
    // One reload per burst of events: a busy morning must not spend the station's request budget.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(load, 1000);
    };
    const offPrinted = client.on('ticket.printed', soon);
    const offChanged = client.on('queue.changed', soon);
    return () => {
      clearTimeout(timer);
      offPrinted();
      offChanged();
    };
  }, [client, load]);

  const reprint = async (ticketId: number) => {
    setResult(undefined);
    const printed = await action.run(`reprint-${ticketId}`, () => client.call('tickets.reprint', { ticketId }));
    if (printed) setResult(`${printed.number}: ${printOutcomeText(printed.print, t)}`);
    load();
  };

  const healthy = printer?.state === 'online' || printer?.state === 'paper-near-end';
  return (
    <Panel title={t('print.heading')} className="print-panel" testId="print-panel">
      <p className={`printer-state ${healthy ? 'print-ok' : printer?.state === 'unknown' || !printer ? '' : 'print-failed'}`} data-testid="printer-state" data-state={printer?.state ?? 'unknown'}>
        {t('print.printer')}: <strong>{t(`device.state.${printer?.state ?? 'unknown'}` as Parameters<StaffTranslate>[0])}</strong>
      </p>
      <ErrorBox error={action.error} onClose={action.clearError} />
      {result && (
        <p className="st-result" role="status" data-testid="reprint-result">
          {result}
        </p>
      )}
      {tickets && tickets.length === 0 && <p className="st-muted">{t('print.noneMissing')}</p>}
      {tickets && tickets.length > 0 && (
        <ul className="reprint-list" data-testid="reprint-list">
          {tickets.map((ticket) => (
            <li key={ticket.ticketId} data-testid="reprint-item" data-number={ticket.number}>
              <span className="issued-number small">{ticket.number}</span>
              <span className="print-failed">{printOutcomeText(ticket.print, t)}</span>
              <button type="button" className="st-button" disabled={action.busy !== undefined} data-testid="reprint-item-submit" onClick={() => void reprint(ticket.ticketId)}>
                {action.busy === `reprint-${ticket.ticketId}` ? t('common.wait') : t('reception.reprint')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
