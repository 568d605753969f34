import { useI18n } from '../i18n/i18n.js';

/** "Do you have a SIAPkerja account?" — every desk service needs one; without, the kiosk helps make it. */
export function AccountScreen({ onAnswer }: { onAnswer(hasAccount: boolean): void }) {
  const { t } = useI18n();
  return (
    <section className="journey" aria-labelledby="account-heading" data-testid="account">
      <h2 id="account-heading" className="screen-heading">
        {t('journey.account.heading')}
      </h2>
      <p className="screen-lead">{t('journey.account.lead')}</p>
      <ul className="choice-grid two">
        <li>
          <button type="button" className="choice-card" data-testid="account-yes" onClick={() => onAnswer(true)}>
            <span className="choice-text">
              <span className="choice-title">{t('journey.account.yes')}</span>
              <span className="choice-hint">{t('journey.account.yesHint')}</span>
            </span>
          </button>
        </li>
        <li>
          <button type="button" className="choice-card" data-testid="account-no" onClick={() => onAnswer(false)}>
            <span className="choice-text">
              <span className="choice-title">{t('journey.account.no')}</span>
              <span className="choice-hint">{t('journey.account.noHint')}</span>
            </span>
          </button>
        </li>
      </ul>
    </section>
  );
}
