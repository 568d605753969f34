import { useMemo, useState } from 'react';
import { isRatificationInForce, searchRatified, type RatifiedCompaniesFile, type RatifiedKind } from '../../../src/domain/visitorContent.js';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.js';
import { useI18n } from '../i18n/i18n.js';
import { FeedSource } from './FeedSource.js';

/**
 * Which companies have a ratified Peraturan Perusahaan or a registered PKB, and until when: central's
 * registry when the kiosk has pulled it, else the shipped sample (`sample`), said under the list.
 */
export function RatifiedSearch({ registry, sample, today, timeZone, onDone }: { registry: RatifiedCompaniesFile; sample: boolean; today: string; timeZone: string | undefined; onDone(): void }) {
  const { t } = useI18n();
  const [keyword, setKeyword] = useState('');
  const [kind, setKind] = useState<RatifiedKind>();
  const [typing, setTyping] = useState(true);
  const results = useMemo(() => searchRatified(registry.companies, { keyword, ...(kind ? { kind } : {}) }), [registry, keyword, kind]);
  return (
    <section className="journey" aria-labelledby="ratified-heading" data-testid="ratified-search">
      <h2 id="ratified-heading" className="screen-heading">
        {t('ratified.heading')}
      </h2>
      <p className="screen-lead">{t('ratified.lead')}</p>
      <div className="search-field">
        <button type="button" className="search-input" data-testid="ratified-keyword" onClick={() => setTyping(true)}>
          {keyword || <span className="muted">{t('ratified.keyword')}</span>}
        </button>
      </div>
      {typing && <OnScreenKeyboard value={keyword} onChange={setKeyword} maxLength={60} onDone={() => setTyping(false)} testId="osk" />}
      <div className="scope-choices">
        {(['pp', 'pkb'] as const).map((option) => (
          <button key={option} type="button" className={`choice-chip ${kind === option ? 'selected' : ''}`} aria-pressed={kind === option} onClick={() => setKind(kind === option ? undefined : option)}>
            {t(`ratified.kind.${option}`)}
          </button>
        ))}
      </div>
      <p className="muted" role="status">
        {t('ratified.count', { count: results.length })}
      </p>
      <ul className="vacancy-list">
        {results.map((company) => (
          <li key={`${company.kind}-${company.number}`} className="vacancy" data-testid="ratified-result">
            <span className="choice-title">{company.name}</span>
            <span>
              {t(`ratified.kind.${company.kind}`)} · {company.number} · {company.city}, {company.province}
            </span>
            <span className={isRatificationInForce(company, today) ? 'in-force' : 'expired'}>
              {isRatificationInForce(company, today) ? t('ratified.inForce', { date: company.validUntil }) : t('ratified.expired', { date: company.validUntil })}
            </span>
          </li>
        ))}
      </ul>
      <FeedSource feed={registry} sample={sample} timeZone={timeZone} testId="ratified-source" />
      <div className="journey-actions end">
        <button type="button" className="primary-button" data-testid="tool-done" onClick={onDone}>
          {t('tool.toDesk')}
        </button>
      </div>
    </section>
  );
}
