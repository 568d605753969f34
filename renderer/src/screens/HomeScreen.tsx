import type { Desk } from '../../../src/contract/api.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

interface HomeScreenProps {
  desks: Desk[] | undefined;
  issuingDesk: number | undefined;
  onChoose(deskId: number): void;
}

export function HomeScreen({ desks, issuingDesk, onChoose }: HomeScreenProps) {
  const { t } = useI18n();
  return (
    <section className="home" aria-labelledby="home-heading">
      <h2 id="home-heading" className="screen-heading">
        {t('home.heading')}
      </h2>
      <p className="screen-lead">{issuingDesk === undefined ? t('home.lead') : t('home.issuing')}</p>
      {desks === undefined ? (
        <p className="muted">{t('home.loading')}</p>
      ) : desks.length === 0 ? (
        <p className="muted">{t('home.noDesks')}</p>
      ) : (
        <ul className="desk-grid">
          {desks.map((desk) => (
            <li key={desk.id}>
              <button
                type="button"
                className="desk-button"
                data-desk={desk.id}
                disabled={issuingDesk !== undefined}
                aria-busy={issuingDesk === desk.id}
                onClick={() => onChoose(desk.id)}
              >
                <span className="desk-letter" aria-hidden="true">
                  {desk.letter}
                </span>
                <span className="desk-text">
                  <span className="desk-name">{t(`desk.${desk.id}.name` as MessageKey)}</span>
                  <span className="desk-hint">{t(`desk.${desk.id}.hint` as MessageKey)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
