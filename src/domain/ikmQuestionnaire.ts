import { z } from 'zod';

/**
 * The IKM questionnaire of PermenPAN-RB 14/2017 as data: the nine elements (unsur) by their codes,
 * each question with its own four answer labels (1 → 4), and the respondent profile of the
 * regulation's sample questionnaire. Answers are stored by unsur code, never by the position a
 * question had on the screen — the sample questionnaire asks about facilities 8th and complaint
 * handling 9th, the reverse of the codes, and apps that store by position swap the two.
 */

export const UNSUR_CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type UnsurCode = (typeof UNSUR_CODES)[number];
export const UnsurCodeSchema = z.enum(UNSUR_CODES);

export type AnswerValue = 1 | 2 | 3 | 4;
export const AnswerValueSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

interface Bilingual {
  id: string;
  en: string;
}

export interface SurveyQuestion {
  code: UnsurCode;
  /** The unsur's name in the regulation. */
  unsur: Bilingual;
  question: Bilingual;
  /** Labels for answers 1, 2, 3, 4, in that order. */
  answers: readonly [Bilingual, Bilingual, Bilingual, Bilingual];
}

const answers = (...labels: Array<[string, string]>) => labels.map(([id, en]) => ({ id, en })) as unknown as SurveyQuestion['answers'];

/** In the order the sample questionnaire asks them (U9 before U8), each carrying its code. */
export const SURVEY_QUESTIONS: readonly SurveyQuestion[] = [
  {
    code: 'U1',
    unsur: { id: 'Persyaratan', en: 'Requirements' },
    question: { id: 'Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?', en: 'How well did the requirements suit the service?' },
    answers: answers(['Tidak sesuai', 'Not suitable'], ['Kurang sesuai', 'Somewhat unsuitable'], ['Sesuai', 'Suitable'], ['Sangat sesuai', 'Very suitable']),
  },
  {
    code: 'U2',
    unsur: { id: 'Sistem, Mekanisme, dan Prosedur', en: 'Systems, mechanisms and procedures' },
    question: { id: 'Bagaimana kemudahan prosedur pelayanan di unit ini?', en: 'How easy was the service procedure here?' },
    answers: answers(['Tidak mudah', 'Not easy'], ['Kurang mudah', 'Somewhat difficult'], ['Mudah', 'Easy'], ['Sangat mudah', 'Very easy']),
  },
  {
    code: 'U3',
    unsur: { id: 'Waktu Penyelesaian', en: 'Completion time' },
    question: { id: 'Bagaimana kecepatan waktu dalam memberikan pelayanan?', en: 'How fast were you served?' },
    answers: answers(['Tidak cepat', 'Not fast'], ['Kurang cepat', 'Somewhat slow'], ['Cepat', 'Fast'], ['Sangat cepat', 'Very fast']),
  },
  {
    code: 'U4',
    unsur: { id: 'Biaya/Tarif', en: 'Cost' },
    question: { id: 'Bagaimana kewajaran biaya/tarif dalam pelayanan?', en: 'How fair was the cost of the service?' },
    answers: answers(['Sangat mahal', 'Very expensive'], ['Cukup mahal', 'Rather expensive'], ['Murah', 'Cheap'], ['Gratis', 'Free']),
  },
  {
    code: 'U5',
    unsur: { id: 'Produk Spesifikasi Jenis Pelayanan', en: 'Service product' },
    question: {
      id: 'Bagaimana kesesuaian hasil pelayanan dengan standar pelayanan?',
      en: 'How well did what you received match the service standard?',
    },
    answers: answers(['Tidak sesuai', 'Not matching'], ['Kurang sesuai', 'Somewhat off'], ['Sesuai', 'Matching'], ['Sangat sesuai', 'Fully matching']),
  },
  {
    code: 'U6',
    unsur: { id: 'Kompetensi Pelaksana', en: 'Staff competence' },
    question: { id: 'Bagaimana kompetensi/kemampuan petugas dalam pelayanan?', en: 'How competent was the officer?' },
    answers: answers(['Tidak kompeten', 'Not competent'], ['Kurang kompeten', 'Somewhat competent'], ['Kompeten', 'Competent'], ['Sangat kompeten', 'Very competent']),
  },
  {
    code: 'U7',
    unsur: { id: 'Perilaku Pelaksana', en: 'Staff conduct' },
    question: { id: 'Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?', en: 'How courteous and friendly was the officer?' },
    answers: answers(
      ['Tidak sopan dan ramah', 'Not courteous or friendly'],
      ['Kurang sopan dan ramah', 'Somewhat courteous and friendly'],
      ['Sopan dan ramah', 'Courteous and friendly'],
      ['Sangat sopan dan ramah', 'Very courteous and friendly'],
    ),
  },
  {
    code: 'U9',
    unsur: { id: 'Sarana dan Prasarana', en: 'Facilities' },
    question: { id: 'Bagaimana kualitas sarana dan prasarana?', en: 'How good were the facilities?' },
    answers: answers(['Buruk', 'Poor'], ['Cukup', 'Fair'], ['Baik', 'Good'], ['Sangat baik', 'Very good']),
  },
  {
    code: 'U8',
    unsur: { id: 'Penanganan Pengaduan, Saran dan Masukan', en: 'Handling of complaints and suggestions' },
    question: { id: 'Bagaimana penanganan pengaduan pengguna layanan?', en: 'How are complaints from service users handled?' },
    answers: answers(
      ['Tidak ada', 'There is none'],
      ['Ada tetapi tidak berfungsi', 'It exists but does not work'],
      ['Berfungsi kurang maksimal', 'It works, not fully'],
      ['Dikelola dengan baik', 'It is well managed'],
    ),
  },
];

/** The respondent profile of the sample questionnaire: every field optional, no name, no contact. */
export const EDUCATION_LEVELS = ['sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3'] as const;
export const OCCUPATIONS = ['pns', 'tni', 'polri', 'swasta', 'wirausaha', 'lainnya'] as const;
/** Age in bands rather than years: enough for the report, and less to single a visitor out. */
export const AGE_BANDS = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'] as const;

export const RespondentProfileSchema = z
  .object({
    sex: z.enum(['l', 'p']).optional(),
    ageBand: z.enum(AGE_BANDS).optional(),
    education: z.enum(EDUCATION_LEVELS).optional(),
    occupation: z.enum(OCCUPATIONS).optional(),
  })
  .strict();
export type RespondentProfile = z.infer<typeof RespondentProfileSchema>;

/** Answers keyed by unsur code; a skipped question is absent. At least one answer. */
export const SurveyAnswersSchema = z
  .partialRecord(UnsurCodeSchema, AnswerValueSchema)
  .refine((record) => Object.keys(record).length > 0, 'answer at least one question');
export type SurveyAnswers = Partial<Record<UnsurCode, AnswerValue>>;

/** Suggestions are shown to the manager and exported: plain text, bounded, no control characters. */
export const SUGGESTION_MAX_LENGTH = 500;
export const SuggestionSchema = z
  .string()
  .trim()
  .max(SUGGESTION_MAX_LENGTH)
  .refine((text) => ![...text].some(isControl), 'no control characters');

/** C0 controls but tab, line feed and carriage return (a suggestion may have lines), and DEL. */
function isControl(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}
