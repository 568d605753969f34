import type { Need } from '../../../src/domain/visitorContent.js';
import { useI18n } from '../i18n/i18n.js';
import { ContentLoading } from './ContentLoading.js';

/**
 * What do you need? The needs of this kind of visitor that this kiosk's desks can serve; undefined
 * while the content or the desks are still on their way from the host.
 */
export function NeedScreen({ needs, onChoose, onKnowDesk }: { needs: readonly Need[] | undefined; onChoose(need: Need): void; onKnowDesk(): void }) {
  const { t, language } = useI18n();
  return (
    <section className="journey" aria-labelledby="needs-heading" data-testid="needs">
      <h2 id="needs-heading" className="screen-heading">
        {t('journey.needs.heading')}
      </h2>
      <p className="screen-lead">{t('journey.needs.lead')}</p>
      {needs === undefined ? (
        <ContentLoading />
      ) : needs.length === 0 ? (
        <p className="journey-empty">{t('journey.needs.none')}</p>
      ) : (
        <ul className="choice-grid">
          {needs.map((need) => (
            <li key={need.id}>
              <button type="button" className="choice-card" data-testid={`need-${need.id}`} onClick={() => onChoose(need)}>
                <span className="choice-text">
                  <span className="choice-title">{need.title[language]}</span>
                  <span className="choice-hint">{need.hint[language]}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="journey-actions">
        <button type="button" className="secondary-button" data-testid="need-know-desk" onClick={onKnowDesk}>
          {t('journey.needs.knowDesk')}
        </button>
      </div>
    </section>
  );
}
