import type { KioskInfo } from '../../../src/contract/api.js';
import type { Board } from '../../../src/contract/reports.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { formatSessions, formatWeeklyHours, serviceSentence, zoneLabel } from '../serviceState.js';

/**
 * The information board of Kepmenaker 225/2023 (required facilities): while nobody uses the kiosk
 * it shows the latest IKM the manager published, the maklumat pelayanan, today's hours and whether
 * the service is open, and where to complain. A touch anywhere hands the screen to the visitor.
 */
export function InfoBoard({ info, board, onWake }: { info: KioskInfo | undefined; board: Board | undefined; onWake(): void }) {
  const { t, language } = useI18n();
  const ikm = board?.ikm ?? null;
  return (
    <section className="board" aria-labelledby="board-heading" data-testid="info-board" onClick={onWake}>
      <h2 id="board-heading" className="visually-hidden">
        {t('board.heading')}
      </h2>
      {info && (
        <p className={`service-state board-state ${info.service.state}`} data-testid="board-service-state" data-state={info.service.state} role="status">
          <span className="service-dot" aria-hidden="true" />
          {serviceSentence(info.service, info.timeZone, language)}
        </p>
      )}
      <div className="board-grid">
        <article className={`board-card board-ikm ${ikm ? `mutu-${ikm.mutu}` : ''}`} data-testid="board-ikm">
          <h3>{t('board.ikm')}</h3>
          {ikm ? (
            <>
              <p className="board-ikm-value" data-testid="board-ikm-value">
                {new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ikm.ikm)}
              </p>
              <p className="board-ikm-mutu" data-testid="board-ikm-mutu">
                {t('board.mutu', { mutu: ikm.mutu, kinerja: t(`ikm.kinerja.${ikm.mutu}` as MessageKey) })}
              </p>
              <p className="muted">{t('board.ikmPeriod', { period: ikm.periodLabel[language], respondents: ikm.respondents })}</p>
            </>
          ) : (
            <p className="muted">{t('board.ikmNone')}</p>
          )}
        </article>
        <article className="board-card board-maklumat">
          <h3>{t('board.maklumat')}</h3>
          <p data-testid="board-maklumat">{board?.maklumat}</p>
        </article>
        <article className="board-card board-hours">
          <h3>{t('board.hours')}</h3>
          {info && (
            <>
              <p data-testid="board-today">
                {t('board.today', {
                  hours: info.service.today.length > 0 ? `${formatSessions(info.service, language)} ${zoneLabel(info.timeZone)}` : formatSessions(info.service, language),
                })}
              </p>
              {formatWeeklyHours(info.weeklyHours, language).map((line) => (
                <p key={line} className="muted">
                  {line}
                </p>
              ))}
            </>
          )}
        </article>
        <article className="board-card board-complaint">
          <h3>{t('board.complaint')}</h3>
          <p data-testid="board-complaint">{board?.complaintContact}</p>
        </article>
      </div>
      {board?.announcement ? (
        <p className="board-announcement" data-testid="board-announcement">
          {board.announcement}
        </p>
      ) : null}
      {board?.nationalAnnouncement ? (
        <p className="board-announcement board-announcement-national" data-testid="board-national-announcement">
          <span className="board-announcement-source">{t('board.national')}</span> {board.nationalAnnouncement}
        </p>
      ) : null}
      <button type="button" className="primary-button board-wake" data-testid="board-wake" onClick={onWake}>
        {t('board.touch')}
      </button>
    </section>
  );
}
