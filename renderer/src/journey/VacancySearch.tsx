import { useMemo, useState } from 'react';
import { EDUCATION_LABELS, EDUCATION_LEVELS, EMPLOYMENT_TYPE_LABELS, searchVacancies, type EducationLevel, type VacanciesFile } from '../../../src/domain/visitorContent.js';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.js';
import { QrCode } from '../components/QrCode.js';
import { useI18n } from '../i18n/i18n.js';
import { FeedSource } from './FeedSource.js';

/**
 * Job vacancies on the kiosk: keyword, province and education; each opens a QR to apply by phone.
 * The feed is central's when the kiosk has pulled it, else the shipped sample (`sample`), and the
 * line under the list says which.
 */
export function VacancySearch({ feed, sample, today, timeZone, onDone }: { feed: VacanciesFile; sample: boolean; today: string; timeZone: string | undefined; onDone(): void }) {
  const { t, language } = useI18n();
  const provinces = useMemo(() => [...new Set(feed.vacancies.map((vacancy) => vacancy.location.province))].sort(), [feed]);
  const [keyword, setKeyword] = useState('');
  const [province, setProvince] = useState<string>();
  const [education, setEducation] = useState<EducationLevel>();
  const [typing, setTyping] = useState(false);
  const [open, setOpen] = useState<string>();
  const results = useMemo(
    () => searchVacancies(feed.vacancies, { keyword, ...(province ? { location: province } : {}), ...(education ? { education } : {}) }, today),
    [feed, keyword, province, education, today],
  );
  return (
    <section className="journey" aria-labelledby="vacancy-heading" data-testid="vacancy-search">
      <h2 id="vacancy-heading" className="screen-heading">
        {t('vacancy.heading')}
      </h2>
      <p className="screen-lead">{t('vacancy.lead')}</p>
      <div className="search-field">
        <button type="button" className="search-input" data-testid="vacancy-keyword" onClick={() => setTyping(true)}>
          {keyword || <span className="muted">{t('vacancy.keyword')}</span>}
        </button>
        {keyword && (
          <button type="button" className="change-button" onClick={() => setKeyword('')}>
            {t('vacancy.clear')}
          </button>
        )}
      </div>
      {typing && <OnScreenKeyboard value={keyword} onChange={setKeyword} maxLength={40} onDone={() => setTyping(false)} testId="osk" />}
      <fieldset className="filter">
        <legend>{t('vacancy.province')}</legend>
        <div className="scope-choices">
          {provinces.map((name) => (
            <button key={name} type="button" className={`choice-chip ${province === name ? 'selected' : ''}`} aria-pressed={province === name} onClick={() => setProvince(province === name ? undefined : name)}>
              {name}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="filter">
        <legend>{t('vacancy.education')}</legend>
        <div className="scope-choices">
          {EDUCATION_LEVELS.map((level) => (
            <button key={level} type="button" className={`choice-chip ${education === level ? 'selected' : ''}`} aria-pressed={education === level} data-testid={`vacancy-education-${level}`} onClick={() => setEducation(education === level ? undefined : level)}>
              {EDUCATION_LABELS[level][language]}
            </button>
          ))}
        </div>
      </fieldset>
      <p className="muted" role="status" data-testid="vacancy-count">
        {t('vacancy.count', { count: results.length })}
      </p>
      <ul className="vacancy-list">
        {results.map((vacancy) => (
          <li key={vacancy.id} className="vacancy" data-testid="vacancy-result">
            <button type="button" className="vacancy-head" aria-expanded={open === vacancy.id} onClick={() => setOpen(open === vacancy.id ? undefined : vacancy.id)}>
              <span className="choice-title">{vacancy.title}</span>
              <span>
                {vacancy.company} · {vacancy.location.city}, {vacancy.location.province}
              </span>
              <span className="muted">
                {EMPLOYMENT_TYPE_LABELS[vacancy.employmentType][language]} · {t('vacancy.minEducation', { level: EDUCATION_LABELS[vacancy.education][language] })} ·{' '}
                {t('vacancy.closes', { date: vacancy.closesAt })}
              </span>
            </button>
            {open === vacancy.id && (
              <div className="vacancy-detail" data-testid="vacancy-detail">
                {vacancy.summary && <p>{vacancy.summary[language]}</p>}
                <figure className="guide-qr" data-testid="vacancy-qr">
                  <QrCode data={vacancy.applyUrl} size={200} label={t('vacancy.apply', { title: vacancy.title })} />
                  <figcaption>{t('vacancy.applyHint')}</figcaption>
                </figure>
              </div>
            )}
          </li>
        ))}
      </ul>
      <FeedSource feed={feed} sample={sample} timeZone={timeZone} testId="vacancy-source" />
      <div className="journey-actions end">
        <button type="button" className="primary-button" data-testid="tool-done" onClick={onDone}>
          {t('tool.toDesk')}
        </button>
      </div>
    </section>
  );
}
