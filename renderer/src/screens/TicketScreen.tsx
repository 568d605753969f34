import { useEffect, useState } from 'react';
import type { PrintOutcome, Ticket } from '../../../src/contract/api.js';
import type { Bilingual } from '../../../src/domain/visitorContent.js';
import { QrCode } from '../components/QrCode.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

/** Long enough to read and copy the number, short enough that the next visitor is not kept waiting. */
const RETURN_AFTER_SECONDS = 20;
/** Without paper the visitor photographs or copies the screen: give them the time to. */
const RETURN_AFTER_FAILURE_SECONDS = 60;

/**
 * The visitor's number, shown at once, and what became of its paper as the printer reports it:
 * printing… → "take your ticket", or a clear message with the number's QR code for the
 * receptionist when no paper came out.
 */
export function TicketScreen({ ticket, print, prepare = [], onDone }: { ticket: Ticket; print: PrintOutcome; prepare?: readonly Bilingual[]; onDone(): void }) {
  const { t, language } = useI18n();
  const noPaper = print.status === 'failed' || print.status === 'interrupted';
  const [secondsShown, setSecondsShown] = useState(0);
  const secondsLeft = (noPaper || print.status === 'unconfirmed' ? RETURN_AFTER_FAILURE_SECONDS : RETURN_AFTER_SECONDS) - secondsShown;

  useEffect(() => {
    const timer = setInterval(() => setSecondsShown((seconds) => seconds + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (secondsLeft <= 0) onDone();
  }, [secondsLeft, onDone]);

  return (
    <section className="ticket" aria-labelledby="ticket-heading">
      <div className="ticket-card">
        <h2 id="ticket-heading" className="ticket-heading">
          {t('ticket.heading')}
        </h2>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <p className="ticket-desk">{t('ticket.desk', { desk: t(`desk.${ticket.deskId}.name` as MessageKey) })}</p>
        {ticket.priority && <p className="ticket-priority">{t('ticket.priority')}</p>}
        <p className="ticket-estimate" data-testid="ticket-estimate">
          {ticket.estimate.peopleAhead === 0
            ? t('ticket.nextInLine')
            : t('ticket.estimate', { people: ticket.estimate.peopleAhead, minutes: ticket.estimate.minutes })}
          {ticket.estimate.approximate && ticket.estimate.peopleAhead > 0 ? ` ${t('ticket.estimateApproximate')}` : ''}
        </p>
        <div aria-live="polite" data-testid="ticket-print" data-status={print.status}>
          <PrintNotice print={print} />
        </div>
        {(noPaper || print.status === 'unconfirmed') && (
          <div className="ticket-qr">
            <QrCode data={ticket.reference} size={220} label={t('ticket.qrLabel', { number: ticket.number })} />
          </div>
        )}
        {!noPaper && <p className="ticket-wait">{t('ticket.wait')}</p>}
        {prepare.length > 0 && (
          <div className="ticket-prepare" data-testid="ticket-prepare">
            <h3>{t('ticket.prepare')}</h3>
            <ul>
              {prepare.map((item) => (
                <li key={item.id}>{item[language]}</li>
              ))}
            </ul>
          </div>
        )}
        <p className="ticket-survey">{t('ticket.survey')}</p>
      </div>
      <button type="button" className="primary-button" onClick={onDone}>
        {t('ticket.done')}
      </button>
      <p className="muted">{t('ticket.returning', { seconds: Math.max(secondsLeft, 0) })}</p>
    </section>
  );
}

function PrintNotice({ print }: { print: PrintOutcome }) {
  const { t } = useI18n();
  switch (print.status) {
    case 'pending':
      return (
        <p className="ticket-print pending">
          <span className="spinner" aria-hidden="true" />
          {t('ticket.printing')}
        </p>
      );
    case 'printed':
      return <p className="ticket-print ok">{t('ticket.printed')}</p>;
    case 'unconfirmed':
      return <p className="ticket-print unconfirmed">{t('ticket.printUnconfirmed')}</p>;
    case 'failed':
    case 'interrupted': {
      const reason = print.reason === 'paper-out' || print.reason === 'cover-open' || print.reason === 'offline' ? print.reason : undefined;
      return (
        <div className="ticket-print failed" role="alert">
          <p>{t(reason ? (`ticket.printFailed.${reason}` as MessageKey) : 'ticket.printFailed')}</p>
          <p className="ticket-print-help">{t('ticket.printFailedHelp')}</p>
        </div>
      );
    }
  }
}
