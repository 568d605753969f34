import type { EmployerScope, UserType } from '../../../src/contract/vocabulary.js';
import { coordinatingLevel } from '../../../src/domain/backOfficeRouting.js';
import type { Guide } from '../../../src/domain/visitorContent.js';
import { QrCode } from '../components/QrCode.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

const SCOPES: readonly EmployerScope[] = ['kabupaten_kota', 'provinsi', 'nasional'];

/**
 * A layanan mandiri guide: the steps the visitor can do alone (on their own phone, through the QR
 * code) or with the receptionist, a checklist, and for employers the operating-scope question that
 * decides which office coordinates a follow-up.
 */
export function GuideScreen({
  guide,
  userType,
  scope,
  onScope,
  onContinue,
  continueLabel,
}: {
  guide: Guide;
  userType: UserType | undefined;
  scope: EmployerScope | undefined;
  onScope(scope: EmployerScope): void;
  onContinue(): void;
  continueLabel: MessageKey;
}) {
  const { t, language } = useI18n();
  const askScope = guide.scopeQuestion === true && userType === 'pemberi_kerja';
  return (
    <section className="journey guide" aria-labelledby="guide-heading" data-testid="guide" data-guide={guide.id}>
      <h2 id="guide-heading" className="screen-heading">
        {guide.title[language]}
      </h2>
      <p className="screen-lead">{guide.summary[language]}</p>
      <div className="guide-body">
        <ol className="guide-steps">
          {guide.steps.map((step, index) => (
            <li key={index}>
              <strong>{step.title[language]}</strong>
              <span>{step.body[language]}</span>
            </li>
          ))}
        </ol>
        {guide.qr && (
          <figure className="guide-qr">
            <QrCode data={guide.qr.url} size={240} label={guide.qr.label[language]} />
            <figcaption>{guide.qr.label[language]}</figcaption>
          </figure>
        )}
      </div>
      {guide.checklist && (
        <div className="guide-checklist">
          <h3>{t('journey.guide.checklist')}</h3>
          <ul>
            {guide.checklist.map((item, index) => (
              <li key={index}>{item[language]}</li>
            ))}
          </ul>
        </div>
      )}
      {askScope && (
        <fieldset className="scope-question">
          <legend>{t('journey.scope.question')}</legend>
          <div className="scope-choices">
            {SCOPES.map((option) => (
              <button key={option} type="button" className={`choice-chip ${scope === option ? 'selected' : ''}`} aria-pressed={scope === option} data-testid={`scope-${option}`} onClick={() => onScope(option)}>
                {t(`journey.scope.${option}` as MessageKey)}
              </button>
            ))}
          </div>
          {scope && (
            <p className="scope-routing" role="status" data-testid="guide-routing">
              {t('journey.scope.routing', { level: t(`journey.level.${coordinatingLevel({ userType: 'pemberi_kerja', employerScope: scope })}` as MessageKey) })}
            </p>
          )}
        </fieldset>
      )}
      <div className="journey-actions end">
        <button type="button" className="primary-button" data-testid="guide-continue" onClick={onContinue}>
          {t(continueLabel)}
        </button>
      </div>
    </section>
  );
}
