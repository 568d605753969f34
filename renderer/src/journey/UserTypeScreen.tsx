import type { UserType } from '../../../src/contract/vocabulary.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

const USER_TYPES: readonly UserType[] = ['pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat'];
const ICONS: Record<UserType, string> = {
  pencari_kerja: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0M17 7l2 2 3-4',
  pekerja: 'M4 9h16v10H4zM9 9V6h6v3M4 13h16',
  pemberi_kerja: 'M3 20V8l6-4v16M9 20V10h12v10M12 13h2M16 13h2M12 16h2M16 16h2',
  masyarakat: 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20a6 6 0 0 1 12 0M10 20a6 6 0 0 1 12 0',
};

/** Who is the visitor? The guideline's four kinds of user; the rest of the journey follows from it. */
export function UserTypeScreen({ selected, onChoose }: { selected: UserType | undefined; onChoose(type: UserType): void }) {
  const { t } = useI18n();
  return (
    <section className="journey" aria-labelledby="user-type-heading" data-testid="user-type">
      <h2 id="user-type-heading" className="screen-heading">
        {t('journey.userType.heading')}
      </h2>
      <p className="screen-lead">{t('journey.userType.lead')}</p>
      <ul className="choice-grid">
        {USER_TYPES.map((type) => (
          <li key={type}>
            <button type="button" className={`choice-card ${selected === type ? 'selected' : ''}`} aria-pressed={selected === type} data-testid={`user-type-${type}`} onClick={() => onChoose(type)}>
              <svg className="choice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d={ICONS[type]} />
              </svg>
              <span className="choice-text">
                <span className="choice-title">{t(`userType.${type}` as MessageKey)}</span>
                <span className="choice-hint">{t(`journey.userType.${type}` as MessageKey)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
