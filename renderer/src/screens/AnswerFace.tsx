import type { AnswerValue } from '../../../src/domain/ikmQuestionnaire.js';

/** A face from frowning (1) to smiling (4): the icon beside each answer's words, never instead of them. */
const MOUTHS: Record<AnswerValue, string> = {
  1: 'M14 34 Q24 26 34 34',
  2: 'M15 32 Q24 29 33 32',
  3: 'M15 30 Q24 35 33 30',
  4: 'M13 28 Q24 40 35 28',
};

export function AnswerFace({ value }: { value: AnswerValue }) {
  return (
    <svg className={`answer-face face-${value}`} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" />
      <circle cx="17" cy="19" r="2.6" className="face-eye" />
      <circle cx="31" cy="19" r="2.6" className="face-eye" />
      <path d={MOUTHS[value]} className="face-mouth" />
    </svg>
  );
}
