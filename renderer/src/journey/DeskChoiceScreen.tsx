import type { Desk } from '../../../src/contract/api.js';
import type { UserType } from '../../../src/contract/vocabulary.js';
import { servicesForNeed, type Need } from '../../../src/domain/visitorContent.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

/** The desk (or desks) that serve the need here, with the services each gives and its queue. */
export function DeskChoiceScreen({
  need,
  userType,
  desks,
  onChoose,
  onTool,
}: {
  need: Need;
  userType: UserType;
  desks: readonly Desk[];
  onChoose(deskId: number): void;
  /** The need's self-service tool (vacancy search, JKP self-assessment, PP/PKB registry, PP/PKB application status), offered first. */
  onTool(): void;
}) {
  const { t, language } = useI18n();
  return (
    <section className="journey" aria-labelledby="desk-choice-heading" data-testid="desk-choice">
      <h2 id="desk-choice-heading" className="screen-heading">
        {t(desks.length > 1 ? 'journey.desk.headingMany' : 'journey.desk.heading')}
      </h2>
      <p className="screen-lead">{need.title[language]}</p>
      {need.selfService && (
        <div className="tool-offer">
          <span>{t('tool.before')}</span>
          <button type="button" className="secondary-button" data-testid={`self-service-${need.selfService}`} onClick={onTool}>
            {t(`tool.${need.selfService}` as MessageKey)}
          </button>
        </div>
      )}
      <ul className="desk-choice-list">
        {desks.map((desk) => {
          const services = servicesForNeed(need, desk.id, userType);
          return (
            <li key={desk.id}>
              <button type="button" className="choice-card desk-choice" data-testid={`desk-choice-${desk.id}`} disabled={desk.remainingToday === 0} onClick={() => onChoose(desk.id)}>
                <span className="desk-letter" aria-hidden="true">
                  {desk.letter}
                </span>
                <span className="choice-text">
                  <span className="choice-title">{t(`desk.${desk.id}.name` as MessageKey)}</span>
                  <span className="desk-queue">
                    {desk.remainingToday === 0
                      ? t('home.soldOut')
                      : desk.waiting === 0
                        ? t('home.noQueue')
                        : t('home.queue', { people: desk.waiting, minutes: desk.estimate.minutes })}
                  </span>
                  {services.length > 0 && (
                    <ul className="desk-services" data-testid="desk-services">
                      {services.map((service) => (
                        <li key={service.code}>{language === 'id' ? service.name : service.nameEn}</li>
                      ))}
                    </ul>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
