import type { Desk, KioskInfo } from '../../../src/contract/api.js';
import { PriorityToggle } from '../components/PriorityToggle.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { serviceSentence } from '../serviceState.js';

interface HomeScreenProps {
  desks: Desk[] | undefined;
  info: KioskInfo | undefined;
  /** The printer cannot print now: the visitor is told before choosing, not after. */
  printerDown: boolean;
  issuingDesk: number | undefined;
  priority: boolean;
  onTogglePriority(): void;
  onChoose(deskId: number): void;
}

export function HomeScreen({ desks, info, printerDown, issuingDesk, priority, onTogglePriority, onChoose }: HomeScreenProps) {
  const { t, language } = useI18n();
  const service = info?.service;
  // The kiosk gives numbers only while the service is open; the receptionist can still help.
  const open = service === undefined || service.state === 'open';

  return (
    <section className="home" aria-labelledby="home-heading">
      <div className="home-top">
        <div>
          <h2 id="home-heading" className="screen-heading">
            {t('home.heading')}
          </h2>
          {open && <p className="screen-lead">{issuingDesk === undefined ? t('home.lead') : t('home.issuing')}</p>}
          {open && printerDown && (
            <p className="printer-notice" role="status" data-testid="printer-notice">
              {t('home.printerDown')}
            </p>
          )}
        </div>
        {service && info && (
          <p className={`service-state ${service.state}`} data-testid="service-state" data-state={service.state} role="status">
            <span className="service-dot" aria-hidden="true" />
            {serviceSentence(service, info.timeZone, language)}
          </p>
        )}
      </div>
      {!open && (
        <div className="closed-notice" role="alert" data-testid="closed-notice">
          {t(service?.state === 'break' ? 'home.breakNotice' : 'home.closedNotice')}
        </div>
      )}
      {open && (
        <PriorityToggle priority={priority} onToggle={onTogglePriority} />
      )}
      {desks === undefined ? (
        <p className="muted">{t('home.loading')}</p>
      ) : desks.length === 0 ? (
        <p className="muted">{t('home.noDesks')}</p>
      ) : (
        <ul className="desk-grid">
          {desks.map((desk) => {
            const soldOut = desk.remainingToday === 0;
            return (
              <li key={desk.id}>
                <button
                  type="button"
                  className="desk-button"
                  data-desk={desk.id}
                  data-testid={`desk-${desk.id}`}
                  disabled={issuingDesk !== undefined || !open || soldOut}
                  aria-busy={issuingDesk === desk.id}
                  onClick={() => onChoose(desk.id)}
                >
                  <span className="desk-letter" aria-hidden="true">
                    {desk.letter}
                  </span>
                  <span className="desk-text">
                    <span className="desk-name">{t(`desk.${desk.id}.name` as MessageKey)}</span>
                    <span className="desk-hint">{t(`desk.${desk.id}.hint` as MessageKey)}</span>
                    <span className="desk-queue" data-testid={`desk-${desk.id}-queue`} data-waiting={desk.waiting}>
                      {soldOut
                        ? t('home.soldOut')
                        : desk.waiting === 0
                          ? t('home.noQueue')
                          : t('home.queue', { people: desk.waiting, minutes: desk.estimate.minutes })}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
