import { describe, expect, it } from 'vitest';
import { SURVEY_QUESTIONS, SuggestionSchema, SurveyAnswersSchema, UNSUR_CODES } from '../../src/domain/ikmQuestionnaire.js';

describe('the IKM questionnaire', () => {
  it('asks each of the nine unsur once, by code, in the sample questionnaire\'s order (facilities before complaints)', () => {
    expect([...SURVEY_QUESTIONS.map((question) => question.code)].sort()).toEqual([...UNSUR_CODES]);
    expect(SURVEY_QUESTIONS.map((question) => question.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U9', 'U8']);
    expect(SURVEY_QUESTIONS.find((question) => question.code === 'U8')!.unsur.id).toBe('Penanganan Pengaduan, Saran dan Masukan');
    expect(SURVEY_QUESTIONS.find((question) => question.code === 'U9')!.unsur.id).toBe('Sarana dan Prasarana');
  });

  it('gives every question its own four answer labels in both languages, 1 → 4', () => {
    for (const question of SURVEY_QUESTIONS) {
      expect(question.answers).toHaveLength(4);
      for (const label of question.answers) {
        expect(label.id.length).toBeGreaterThan(0);
        expect(label.en.length).toBeGreaterThan(0);
      }
    }
    expect(SURVEY_QUESTIONS.find((question) => question.code === 'U4')!.answers[3].id).toBe('Gratis');
  });

  it('accepts answers only by unsur code and value 1–4, and a bounded plain-text suggestion', () => {
    expect(SurveyAnswersSchema.safeParse({ U1: 4, U8: 1 }).success).toBe(true);
    expect(SurveyAnswersSchema.safeParse({}).success).toBe(false);
    expect(SurveyAnswersSchema.safeParse({ U10: 4 }).success).toBe(false);
    expect(SurveyAnswersSchema.safeParse({ U1: 0 }).success).toBe(false);
    expect(SurveyAnswersSchema.safeParse({ U1: 2.5 }).success).toBe(false);
    expect(SuggestionSchema.safeParse('Baik sekali.\nTerima kasih').success).toBe(true);
    expect(SuggestionSchema.safeParse('bell\u0007').success).toBe(false);
    expect(SuggestionSchema.safeParse('x'.repeat(501)).success).toBe(false);
  });
});
