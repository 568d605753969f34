import { useEffect, useState } from 'react';
import type { Ticket } from '../../../src/contract/api.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

/** Long enough to read and copy the number, short enough that the next visitor is not kept waiting. */
const RETURN_AFTER_SECONDS = 20;

export function TicketScreen({ ticket, onDone }: { ticket: Ticket; onDone(): void }) {
  const { t } = useI18n();
  const [secondsLeft, setSecondsLeft] = useState(RETURN_AFTER_SECONDS);

  useEffect(() => {
    const timer = setInterval(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (secondsLeft <= 0) onDone();
  }, [secondsLeft, onDone]);

  const printed = ticket.print.status === 'printed';
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
        <p className="ticket-wait">{t('ticket.wait')}</p>
        <p className={printed ? 'ticket-print ok' : 'ticket-print failed'} role={printed ? undefined : 'alert'}>
          {t(printed ? 'ticket.printed' : 'ticket.printFailed')}
        </p>
        <p className="ticket-survey">{t('ticket.survey')}</p>
      </div>
      <button type="button" className="primary-button" onClick={onDone}>
        {t('ticket.done')}
      </button>
      <p className="muted">{t('ticket.returning', { seconds: Math.max(secondsLeft, 0) })}</p>
    </section>
  );
}
