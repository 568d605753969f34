import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskClient } from '../../../src/contract/client.js';
import { KioskApiError } from '../../../src/contract/errors.js';
import {
  AGE_BANDS,
  EDUCATION_LEVELS,
  OCCUPATIONS,
  SUGGESTION_MAX_LENGTH,
  SURVEY_QUESTIONS,
  type AnswerValue,
  type RespondentProfile,
  type SurveyAnswers,
} from '../../../src/domain/ikmQuestionnaire.js';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { AnswerFace } from './AnswerFace.js';

/** What the survey was opened for: a served ticket, proven by its signed reference. */
export interface SurveyTarget {
  reference: string;
  number: string;
}

type Step =
  | { name: 'checking' }
  | { name: 'refused'; reason: 'answered' | 'not_served' | 'invalid' }
  | { name: 'question'; index: number }
  | { name: 'profile' }
  | { name: 'suggestion' }
  | { name: 'sending' }
  | { name: 'failed'; retryable: boolean }
  | { name: 'thanks' };

/** The thank-you stays long enough to read, then the kiosk is free for the next visitor. */
const THANKS_SECONDS = 8;

/**
 * The IKM survey of PermenPAN-RB 14/2017 on the kiosk: nine questions in the sample
 * questionnaire's order, each answered by touch or with the four-button panel (5 goes back), an
 * optional respondent profile and suggestion, then thanks. Answers are kept by unsur code, never by
 * position. Nothing personal is asked; the ticket's reference proves one response per visit.
 */
export function SurveyScreen({ client, target, onClose }: { client: KioskClient; target: SurveyTarget; onClose(): void }) {
  const { t, language } = useI18n();
  const [step, setStep] = useState<Step>({ name: 'checking' });
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const [profile, setProfile] = useState<RespondentProfile>({});
  const [suggestion, setSuggestion] = useState('');
  // Which input the visitor used; a mix counts as buttons when any answer came from the panel.
  const usedButtons = useRef(false);
  // Panel presses can arrive faster than React renders: they read the step from here, and one
  // submission at a time goes out, so a double press neither answers twice nor sends twice.
  const stepRef = useRef<Step>(step);
  const submitting = useRef(false);
  const go = useCallback((next: Step) => {
    stepRef.current = next;
    setStep(next);
  }, []);
  const [readAloud, setReadAloud] = useState(false);
  const speechAvailable = typeof window !== 'undefined' && 'speechSynthesis' in window;

  useEffect(() => {
    let current = true;
    client.call('survey.check', { reference: target.reference }).then(
      (result) => {
        if (!current) return;
        go(result.state === 'open' ? { name: 'question', index: 0 } : { name: 'refused', reason: result.state });
      },
      () => current && go({ name: 'refused', reason: 'invalid' }),
    );
    return () => {
      current = false;
    };
  }, [client, target.reference, go]);

  const submit = useCallback(async () => {
    if (submitting.current) return;
    submitting.current = true;
    go({ name: 'sending' });
    try {
      await client.call('survey.submit', {
        reference: target.reference,
        answers,
        profile,
        ...(suggestion.trim() ? { suggestion: suggestion.trim() } : {}),
        input: usedButtons.current ? 'buttons' : 'touch',
      });
      go({ name: 'thanks' });
    } catch (cause) {
      submitting.current = false;
      if (cause instanceof KioskApiError && cause.code === 'conflict') go({ name: 'refused', reason: 'answered' });
      else go({ name: 'failed', retryable: !(cause instanceof KioskApiError) || cause.code === 'unavailable' || cause.code === 'rate_limited' });
    }
  }, [client, target.reference, answers, profile, suggestion, go]);

  const answer = useCallback((index: number, value: AnswerValue, viaButtons: boolean) => {
    const question = SURVEY_QUESTIONS[index]!;
    if (viaButtons) usedButtons.current = true;
    setAnswers((current) => ({ ...current, [question.code]: value }));
    go(index + 1 < SURVEY_QUESTIONS.length ? { name: 'question', index: index + 1 } : { name: 'profile' });
  }, [go]);

  const back = useCallback(() => {
    const current = stepRef.current;
    if (current.name === 'question' && current.index > 0) go({ name: 'question', index: current.index - 1 });
    else if (current.name === 'profile') go({ name: 'question', index: SURVEY_QUESTIONS.length - 1 });
    else if (current.name === 'suggestion') go({ name: 'profile' });
  }, [go]);

  // The four-button panel: 1–4 answer (worst to best, as the labels), 5 goes back (and leaves from
  // the first question); on the last steps 4 goes on, so a visitor who cannot use the screen still
  // finishes.
  useEffect(
    () =>
      client.on('buttons.pressed', ({ button }) => {
        const current = stepRef.current;
        if (current.name === 'question') {
          if (button >= 1 && button <= 4) answer(current.index, button as AnswerValue, true);
          else if (button === 5) {
            if (current.index === 0) onClose();
            else back();
          }
        } else if (current.name === 'profile') {
          if (button === 4) {
            usedButtons.current = true;
            go({ name: 'suggestion' });
          } else if (button === 5) back();
        } else if (current.name === 'suggestion') {
          if (button === 4) {
            usedButtons.current = true;
            void submit();
          } else if (button === 5) back();
        } else if (current.name === 'thanks' || current.name === 'refused') {
          onClose();
        }
      }),
    [client, answer, back, submit, onClose, go],
  );

  useEffect(() => {
    if (step.name !== 'thanks') return;
    const timer = setTimeout(onClose, THANKS_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [step.name, onClose]);

  // Read-aloud, when the visitor turned it on and the platform has a voice.
  useEffect(() => {
    if (!readAloud || !speechAvailable || step.name !== 'question') return;
    const question = SURVEY_QUESTIONS[step.index]!;
    const text = [question.question[language], ...question.answers.map((label, index) => `${index + 1}: ${label[language]}`)].join('. ');
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language === 'id' ? 'id-ID' : 'en-US';
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    return () => window.speechSynthesis.cancel();
  }, [readAloud, speechAvailable, step, language]);

  const total = SURVEY_QUESTIONS.length;
  return (
    <section className="survey" aria-labelledby="survey-heading" data-testid="survey" data-step={step.name}>
      <header className="survey-top">
        <div>
          <h2 id="survey-heading" className="screen-heading">
            {t('survey.heading')}
          </h2>
          <p className="screen-lead">{t('survey.lead', { number: target.number })}</p>
        </div>
      </header>

      <div className="survey-body">
        {step.name === 'checking' && <p className="muted">{t('survey.checking')}</p>}

        {step.name === 'question' && (
          <QuestionStep index={step.index} total={total} selected={answers[SURVEY_QUESTIONS[step.index]!.code]} onAnswer={(value) => answer(step.index, value, false)} />
        )}

        {step.name === 'profile' && <ProfileStep profile={profile} onChange={setProfile} />}

        {step.name === 'suggestion' && (
          <div className="survey-suggestion">
            <label htmlFor="survey-suggestion-text" className="survey-question">
              {t('survey.suggestion')}
            </label>
            <textarea
              id="survey-suggestion-text"
              data-testid="survey-suggestion"
              maxLength={SUGGESTION_MAX_LENGTH}
              rows={4}
              value={suggestion}
              onChange={(event) => setSuggestion(event.target.value)}
            />
            <p className="muted">{t('survey.suggestionCount', { count: suggestion.length, max: SUGGESTION_MAX_LENGTH })}</p>
            {/* The kiosk has no physical keyboard; a survey station's own keyboard types in the field. */}
            <OnScreenKeyboard value={suggestion} onChange={setSuggestion} maxLength={SUGGESTION_MAX_LENGTH} testId="survey-osk" />
          </div>
        )}

        {step.name === 'sending' && (
          <p className="survey-status" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('survey.sending')}
          </p>
        )}

        {step.name === 'thanks' && (
          <div className="survey-done" role="status" data-testid="survey-thanks">
            <p className="survey-done-title">{t('survey.thanks')}</p>
            <p>{t('survey.thanksLead')}</p>
          </div>
        )}

        {step.name === 'refused' && (
          <div className="survey-done" role="status" data-testid="survey-refused" data-reason={step.reason}>
            <p className="survey-done-title">{t(`survey.refused.${step.reason}` as MessageKey, { number: target.number })}</p>
          </div>
        )}

        {step.name === 'failed' && (
          <div className="alert" role="alert" data-testid="survey-failed">
            <span>{t(step.retryable ? 'survey.failedRetry' : 'survey.failed')}</span>
          </div>
        )}
      </div>

      <footer className="survey-actions">
        {(step.name === 'question' && step.index > 0) || step.name === 'profile' || step.name === 'suggestion' ? (
          <button type="button" className="secondary-button" data-testid="survey-back" onClick={back}>
            <span className="key-badge" aria-hidden="true">5</span> {t('survey.back')}
          </button>
        ) : step.name === 'question' ? (
          <button type="button" className="secondary-button" data-testid="survey-cancel" onClick={onClose}>
            <span className="key-badge" aria-hidden="true">5</span> {t('survey.cancel')}
          </button>
        ) : (
          <span />
        )}
        {(step.name === 'question' && step.index > 0) || step.name === 'profile' || step.name === 'suggestion' ? (
          <button type="button" className="text-button" data-testid="survey-leave" onClick={onClose}>
            {t('survey.leave')}
          </button>
        ) : null}
        {/* Read-aloud sits with the other actions, within reach, not in a top corner. */}
        {speechAvailable && step.name === 'question' && (
          <button type="button" className={`survey-aloud ${readAloud ? 'on' : ''}`} aria-pressed={readAloud} onClick={() => setReadAloud((on) => !on)}>
            <svg className="speaker-icon" viewBox="3 4 17 16" aria-hidden="true" focusable="false">
              <path d="M4 9h4l5-4v14l-5-4H4z" />
              <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" className="speaker-waves" />
            </svg>
            {t(readAloud ? 'survey.aloudOn' : 'survey.aloud')}
          </button>
        )}
        {step.name === 'question' && (
          <button type="button" className="secondary-button" data-testid="survey-skip" onClick={() => go(step.index + 1 < total ? { name: 'question', index: step.index + 1 } : { name: 'profile' })}>
            {t('survey.skip')}
          </button>
        )}
        {step.name === 'profile' && (
          <button type="button" className="primary-button" data-testid="survey-next" onClick={() => go({ name: 'suggestion' })}>
            <span className="key-badge" aria-hidden="true">4</span> {t('survey.next')}
          </button>
        )}
        {step.name === 'suggestion' && (
          <button type="button" className="primary-button" data-testid="survey-send" onClick={() => void submit()}>
            <span className="key-badge" aria-hidden="true">4</span> {t('survey.send')}
          </button>
        )}
        {step.name === 'failed' && step.retryable && (
          <button type="button" className="primary-button" onClick={() => void submit()}>
            {t('error.retry')}
          </button>
        )}
        {(step.name === 'thanks' || step.name === 'refused' || step.name === 'failed' || step.name === 'checking') && (
          <button type="button" className="primary-button" data-testid="survey-close" onClick={onClose}>
            {t('survey.close')}
          </button>
        )}
      </footer>
    </section>
  );
}

function QuestionStep({ index, total, selected, onAnswer }: { index: number; total: number; selected: AnswerValue | undefined; onAnswer(value: AnswerValue): void }) {
  const { t, language } = useI18n();
  const question = SURVEY_QUESTIONS[index]!;
  return (
    <div className="survey-question-step" data-testid="survey-question" data-unsur={question.code} aria-live="polite">
      <p className="survey-progress">
        <span>{t('survey.progress', { current: index + 1, total })}</span>
        <span className="survey-progress-bar" aria-hidden="true">
          <span style={{ width: `${((index + 1) / total) * 100}%` }} />
        </span>
      </p>
      <p className="survey-unsur">{question.unsur[language]}</p>
      <h3 className="survey-question">{question.question[language]}</h3>
      <ul className="survey-answers">
        {question.answers.map((label, position) => {
          const value = (position + 1) as AnswerValue;
          return (
            <li key={value}>
              <button
                type="button"
                className={`survey-answer value-${value} ${selected === value ? 'selected' : ''}`}
                data-testid={`survey-answer-${value}`}
                aria-pressed={selected === value}
                onClick={() => onAnswer(value)}
              >
                <span className="key-badge" aria-hidden="true">
                  {value}
                </span>
                <AnswerFace value={value} />
                <span className="survey-answer-label">{label[language]}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="muted survey-hint">{t('survey.buttonsHint')}</p>
    </div>
  );
}

const PROFILE_FIELDS: Array<{ field: keyof RespondentProfile; values: readonly string[] }> = [
  { field: 'sex', values: ['l', 'p'] },
  { field: 'ageBand', values: AGE_BANDS },
  { field: 'education', values: EDUCATION_LEVELS },
  { field: 'occupation', values: OCCUPATIONS },
];

function ProfileStep({ profile, onChange }: { profile: RespondentProfile; onChange(profile: RespondentProfile): void }) {
  const { t } = useI18n();
  return (
    <div className="survey-profile" data-testid="survey-profile">
      <h3 className="survey-question">{t('survey.profile')}</h3>
      <p className="muted">{t('survey.profileLead')}</p>
      {PROFILE_FIELDS.map(({ field, values }) => (
        <fieldset key={field} className="survey-profile-field">
          <legend>{t(`survey.profile.${field}` as MessageKey)}</legend>
          <div className="survey-chips">
            {values.map((value) => {
              const chosen = profile[field] === value;
              return (
                <button
                  key={value}
                  type="button"
                  className={`survey-chip ${chosen ? 'selected' : ''}`}
                  aria-pressed={chosen}
                  data-testid={`survey-profile-${field}-${value}`}
                  onClick={() => {
                    const next = { ...profile };
                    if (chosen) delete next[field];
                    else (next as Record<string, string>)[field] = value;
                    onChange(next);
                  }}
                >
                  {t(`survey.profile.${field}.${value}` as MessageKey)}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
