import { useState } from 'react';
import { decidedJkpResult, type Assessment, type AssessmentAnswers, type AssessmentResult } from '../../../src/domain/visitorContent.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * The JKP asesmen mandiri: one question at a time, stopping as soon as the answers decide the
 * result; an indication with its next step, never a decision (BPJS Ketenagakerjaan decides).
 */
export function JkpAssessment({ assessment, onDone }: { assessment: Assessment; onDone(result: AssessmentResult | undefined): void }) {
  const { t, language } = useI18n();
  const [answers, setAnswers] = useState<AssessmentAnswers>({});
  const result = decidedJkpResult(assessment, answers);
  const question = result ? undefined : assessment.questions.find((candidate) => !Object.hasOwn(answers, candidate.id));
  return (
    <section className="journey" aria-labelledby="jkp-heading" data-testid="jkp-assessment">
      <h2 id="jkp-heading" className="screen-heading">
        {assessment.title[language]}
      </h2>
      {Object.keys(answers).length === 0 && <p className="screen-lead">{assessment.intro[language]}</p>}
      {question && (
        <div className="jkp-question" data-testid="jkp-question" data-question={question.id}>
          <h3 className="survey-question">{question.text[language]}</h3>
          {question.help && <p className="muted">{question.help[language]}</p>}
          <div className="choice-list">
            {question.options.map((option) => (
              <button key={option.id} type="button" className="choice-card compact" data-testid={`jkp-option-${option.id}`} onClick={() => setAnswers({ ...answers, [question.id]: option.id })}>
                <span className="choice-title">{option.label[language]}</span>
              </button>
            ))}
          </div>
        </div>
      )}
      {result && (
        <div className="jkp-result" role="status" data-testid="jkp-result" data-result={result.id}>
          <h3>{result.title[language]}</h3>
          <p>{result.body[language]}</p>
          <p className="jkp-next">
            <strong>{t('jkp.next')}</strong> {result.nextStep[language]}
          </p>
          <p className="muted">{assessment.disclaimer[language]}</p>
        </div>
      )}
      <div className="journey-actions">
        {Object.keys(answers).length > 0 && (
          <button type="button" className="secondary-button" data-testid="jkp-restart" onClick={() => setAnswers({})}>
            {t('jkp.restart')}
          </button>
        )}
        <button type="button" className="primary-button" data-testid="tool-done" onClick={() => onDone(result)}>
          {t('tool.toDesk')}
        </button>
      </div>
    </section>
  );
}
