import { useState } from 'react';
import { EmploymentStatusSchema, type EmploymentStatus } from '../../../src/contract/vocabulary.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

export interface VisitData {
  employmentStatus: EmploymentStatus;
  whatsapp?: string;
}

const STATUSES = EmploymentStatusSchema.options;
/** An Indonesian mobile number as people write it: 08… or +628…, 10–13 digits after the prefix's 0. */
const WHATSAPP = /^(08\d{8,11}|\+628\d{8,11})$/;

/**
 * The visit's own data, asked only after consent (UU PDP 27/2022): what is asked and why, how long
 * it is kept, and that saying no changes nothing about the service. Two fields: employment status,
 * and a WhatsApp number for the back office's follow-up (optional).
 */
export function VisitDataScreen({
  retentionDays,
  data,
  onSave,
  onDecline,
}: {
  retentionDays: number;
  data: VisitData | undefined;
  onSave(data: VisitData): void;
  onDecline(): void;
}) {
  const { t } = useI18n();
  const [agreed, setAgreed] = useState(data !== undefined);
  const [status, setStatus] = useState<EmploymentStatus | undefined>(data?.employmentStatus);
  const [whatsapp, setWhatsapp] = useState(data?.whatsapp ?? '');
  const [problem, setProblem] = useState<MessageKey>();

  if (!agreed) {
    return (
      <section className="journey" aria-labelledby="consent-heading" data-testid="consent">
        <h2 id="consent-heading" className="screen-heading">
          {t('consent.heading')}
        </h2>
        <p className="screen-lead">{t('consent.lead')}</p>
        <ul className="consent-points">
          <li>{t('consent.what')}</li>
          <li>{t('consent.why')}</li>
          <li>{t('consent.keep', { days: retentionDays })}</li>
          <li>{t('consent.rights')}</li>
        </ul>
        <div className="journey-actions">
          <button type="button" className="secondary-button" data-testid="consent-decline" onClick={onDecline}>
            {t('consent.decline')}
          </button>
          <button type="button" className="primary-button" data-testid="consent-agree" onClick={() => setAgreed(true)}>
            {t('consent.agree')}
          </button>
        </div>
      </section>
    );
  }

  const save = () => {
    if (!status) {
      setProblem('visitData.needStatus');
      return;
    }
    const number = whatsapp.trim();
    if (number !== '' && !WHATSAPP.test(number)) {
      setProblem('visitData.badWhatsapp');
      return;
    }
    onSave({ employmentStatus: status, ...(number ? { whatsapp: number } : {}) });
  };

  return (
    <section className="journey" aria-labelledby="visit-data-heading" data-testid="visit-data">
      <h2 id="visit-data-heading" className="screen-heading">
        {t('visitData.heading')}
      </h2>
      <p className="screen-lead">{t('visitData.lead')}</p>
      <fieldset className="filter">
        <legend>{t('visitData.status')}</legend>
        <div className="scope-choices">
          {STATUSES.map((option) => (
            <button
              key={option}
              type="button"
              className={`choice-chip ${status === option ? 'selected' : ''}`}
              aria-pressed={status === option}
              data-testid={`visit-status-${option}`}
              onClick={() => {
                setProblem(undefined);
                setStatus(option);
              }}
            >
              {t(`visitData.status.${option}` as MessageKey)}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="identify-nik">
        <label className="nik-label" htmlFor="whatsapp-display">
          {t('visitData.whatsapp')}
        </label>
        <output id="whatsapp-display" className="nik-display" data-testid="whatsapp-display">
          {whatsapp || '—'}
        </output>
        <div className="keypad visitor" role="group" aria-label={t('visitData.keypad')}>
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '0'].map((key) => (
            <button key={key} type="button" className="keypad-key" data-testid={`wa-key-${key}`} onClick={() => {
                // A message about the number is about the number as it was: typing clears it.
                setProblem(undefined);
                if (whatsapp.length < 16) setWhatsapp(whatsapp + key);
              }}
            >
              {key}
            </button>
          ))}
          <button type="button" className="keypad-key erase" data-testid="wa-key-back" onClick={() => {
              setProblem(undefined);
              setWhatsapp(whatsapp.slice(0, -1));
            }}
          >
            <span aria-hidden="true">⌫</span> {t('journey.identify.erase')}
          </button>
        </div>
      </div>
      {problem && (
        <p className="field-problem" role="alert" data-testid="visit-data-problem">
          {t(problem)}
        </p>
      )}
      <div className="journey-actions">
        <button type="button" className="secondary-button" data-testid="consent-decline" onClick={onDecline}>
          {t('consent.withdraw')}
        </button>
        <button type="button" className="primary-button" data-testid="visit-data-continue" onClick={save}>
          {t('journey.next')}
        </button>
      </div>
    </section>
  );
}
