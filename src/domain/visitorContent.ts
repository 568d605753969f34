import { z } from 'zod';
import { UserTypeSchema } from '../contract/vocabulary.js';
import type { UserType } from '../contract/vocabulary.js';
import { SERVICE_CATALOGUE } from './serviceCatalogue.js';
import type { CatalogueEntry } from './serviceCatalogue.js';

/**
 * What the visitor's guided journey shows (issue 8): the needs a visitor can pick per user type,
 * the self-service guides, the JKP self-assessment, and the cached job-vacancy and ratified PP/PKB
 * feeds. The content lives in JSON files under `assets/content/` (Bahasa Indonesia first, English
 * beside it) so it can be corrected — and later replaced from central — without touching code.
 * Every file is checked against these schemas by the build (`scripts/check-content.ts` →
 * `checkContentFiles`), so a file that would break a screen never ships.
 *
 * Objects are strict: a misspelt optional key (`guideID`) would otherwise vanish silently and the
 * screen would just lack the guide.
 */

// ── Building blocks ───────────────────────────────────────────────────────────────────────────

/** Text as the visitor reads it; spaces at either end are a copy-paste slip, not content. */
function text(max: number) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((value) => value.trim() === value, 'no spaces or line breaks at either end');
}

function bilingual(max: number) {
  return z.strictObject({ id: text(max), en: text(max) });
}

/** One text in Bahasa Indonesia (`id`, shown first) and English (`en`). */
export const BilingualSchema = bilingual(1000);
export type Bilingual = z.infer<typeof BilingualSchema>;

const Short = bilingual(120);
const Line = bilingual(240);
const Paragraph = bilingual(1000);

/** Ids that stay readable in URLs, logs and tests: `aktivasi-akun`, `jkp-phk`. */
const SlugSchema = z
  .string()
  .max(60, 'at most 60 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug: lowercase letters and digits joined by single hyphens');

const DeskIdSchema = z.number().int().min(1, 'a desk 1–7').max(7, 'a desk 1–7');

/** A link a visitor opens on their own phone from a QR code: https only. */
const HttpsUrlSchema = z.url({ protocol: /^https$/, error: 'an https:// address' }).max(500);

const DateSchema = z.iso.date({ error: 'a date YYYY-MM-DD' });

/** Reports every repeat of a key in a list, at the repeat's own index. */
function unique<T>(key: (item: T) => string, what: string, field?: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        ctx.addIssue({ code: 'custom', path: field === undefined ? [index] : [index, field], message: `${what} ${value} is listed twice` });
      }
      seen.add(value);
    });
  };
}

// ── Needs: "what do you need?" ─────────────────────────────────────────────────────────────────

/**
 * Self-service tools of the journey (not guides) a need can offer before the ticket. Each but
 * `application-status` works on the kiosk's cached copy; that one asks central while the visitor
 * waits, so it needs the kiosk registered and central reachable.
 */
export const SelfServiceToolSchema = z.enum(['vacancy-search', 'jkp-assessment', 'ratified-search', 'application-status']);
export type SelfServiceTool = z.infer<typeof SelfServiceToolSchema>;

interface CataloguePlace {
  deskId: number;
  entry: CatalogueEntry;
}

const SERVICE_BY_CODE: ReadonlyMap<string, CataloguePlace> = new Map(
  Object.entries(SERVICE_CATALOGUE).flatMap(([deskId, entries]) => entries.map((entry) => [entry.code, { deskId: Number(deskId), entry }] as const)),
);

export const NeedSchema = z
  .strictObject({
    id: SlugSchema,
    userTypes: z.array(UserTypeSchema).min(1, 'at least one user type').superRefine(unique((type: UserType) => type, 'the user type')),
    title: Short,
    /** One line under the title that tells the visitor whether this is their need. */
    hint: Line,
    /** The desks that handle it, best first; the screen drops those the kiosk type does not offer. */
    deskIds: z
      .array(DeskIdSchema)
      .min(1, 'at least one desk')
      .max(7, 'at most the seven desks')
      .superRefine(unique((id: number) => String(id), 'desk')),
    /** Catalogue codes (Kepmenaker 225/2023 BAB II A) the desks deliver for this need. */
    serviceCodes: z.array(z.string()).min(1, 'at least one service').superRefine(unique((code: string) => code, 'the service')),
    /** What to bring: documents, an active SIAPkerja account, … — printed with the ticket. */
    prepare: z.array(Line).min(1, 'at least one thing to prepare').max(8, 'at most 8 things to prepare'),
    /** A self-service guide (guides.json) to offer before taking a number. */
    guideId: SlugSchema.optional(),
    /** A self-service tool of the journey to offer before taking a number. */
    selfService: SelfServiceToolSchema.optional(),
  })
  .superRefine((need, ctx) => {
    // The catalogue is the one list of services: a need may only promise what a listed desk delivers
    // to one of its user types, or the officer would have nothing to tick.
    need.serviceCodes.forEach((code, index) => {
      const place = SERVICE_BY_CODE.get(code);
      const path = ['serviceCodes', index];
      if (place === undefined) {
        ctx.addIssue({ code: 'custom', path, message: `unknown service ${code}` });
      } else if (!need.deskIds.includes(place.deskId)) {
        ctx.addIssue({ code: 'custom', path, message: `service ${code} belongs to desk ${place.deskId}, which is not in deskIds` });
      } else if (!place.entry.userTypes.some((type) => need.userTypes.includes(type))) {
        ctx.addIssue({ code: 'custom', path, message: `service ${code} is for ${place.entry.userTypes.join(', ')}, none of this need's user types` });
      }
    });
    const places = need.serviceCodes.flatMap((code) => SERVICE_BY_CODE.get(code) ?? []);
    need.deskIds.forEach((deskId, index) => {
      if (!places.some((place) => place.deskId === deskId)) {
        ctx.addIssue({ code: 'custom', path: ['deskIds', index], message: `desk ${deskId} delivers none of this need's services` });
      }
    });
    need.userTypes.forEach((type, index) => {
      if (!places.some((place) => place.entry.userTypes.includes(type))) {
        ctx.addIssue({ code: 'custom', path: ['userTypes', index], message: `none of this need's services is for ${type}` });
      }
    });
  });
export type Need = z.infer<typeof NeedSchema>;

/** Fewer than this and the "what do you need?" screen is not worth showing to that user type. */
export const MIN_NEEDS_PER_USER_TYPE = 4;

export const NeedsFileSchema = z.strictObject({
  version: z.literal(1),
  needs: z
    .array(NeedSchema)
    .superRefine(unique((need: Need) => need.id, 'the need', 'id'))
    .superRefine((needs, ctx) => {
      for (const type of UserTypeSchema.options) {
        const count = needs.filter((need) => need.userTypes.includes(type)).length;
        if (count < MIN_NEEDS_PER_USER_TYPE) {
          ctx.addIssue({ code: 'custom', message: `${type} has ${count} needs; every user type needs at least ${MIN_NEEDS_PER_USER_TYPE}` });
        }
      }
    }),
});
export type NeedsFile = z.infer<typeof NeedsFileSchema>;

/**
 * The desks of a need this visitor can be sent to, best first: offered by the kiosk and delivering
 * at least one of the need's services for the visitor's user type.
 */
export function desksForNeed(need: Need, userType: UserType, offeredDeskIds: readonly number[]): number[] {
  return need.deskIds.filter((deskId) => offeredDeskIds.includes(deskId) && servicesForNeed(need, deskId, userType).length > 0);
}

/** The needs shown to this user type on this kiosk (a need no offered desk can serve is hidden). */
export function needsForVisitor(needs: readonly Need[], userType: UserType, offeredDeskIds: readonly number[]): Need[] {
  return needs.filter((need) => need.userTypes.includes(userType) && desksForNeed(need, userType, offeredDeskIds).length > 0);
}

/** The catalogue entries a desk delivers for this need and user type, in the need's order (copies). */
export function servicesForNeed(need: Need, deskId: number, userType: UserType): CatalogueEntry[] {
  return need.serviceCodes.flatMap((code) => {
    const place = SERVICE_BY_CODE.get(code);
    if (place === undefined || place.deskId !== deskId || !place.entry.userTypes.includes(userType)) return [];
    return [{ ...place.entry, userTypes: [...place.entry.userTypes] }];
  });
}

// ── Self-service guides ──────────────────────────────────────────────────────────────────────

export const GuideSchema = z.strictObject({
  id: SlugSchema,
  title: Short,
  summary: bilingual(400),
  steps: z
    .array(z.strictObject({ title: Short, body: Paragraph }))
    .min(2, 'a guide has at least 2 steps')
    .max(12, 'at most 12 steps'),
  /** Opens the portal on the visitor's own phone, so they can carry on at home. */
  qr: z.strictObject({ url: HttpsUrlSchema, label: Short }).optional(),
  checklist: z.array(Line).min(1).max(12).optional(),
  /**
   * Ask the employer where the company operates (one regency/city, several in one province,
   * several provinces): it decides who coordinates a follow-up (`backOfficeRouting.ts`).
   */
  scopeQuestion: z.boolean().optional(),
});
export type Guide = z.infer<typeof GuideSchema>;

/** Guides the journey links to by id; what each must carry for its screen to work. */
export const REQUIRED_GUIDES: Readonly<Record<string, { qr?: true; scopeQuestion?: true }>> = Object.freeze({
  'aktivasi-akun': { qr: true },
  'wajib-lapor': { scopeQuestion: true },
  'data-diri': {},
  'pp-pkb': {},
});

export const GuidesFileSchema = z.strictObject({
  version: z.literal(1),
  guides: z
    .array(GuideSchema)
    .superRefine(unique((guide: Guide) => guide.id, 'the guide', 'id'))
    .superRefine((guides, ctx) => {
      for (const [id, needs] of Object.entries(REQUIRED_GUIDES)) {
        const index = guides.findIndex((guide) => guide.id === id);
        const guide = guides[index];
        if (guide === undefined) {
          ctx.addIssue({ code: 'custom', message: `the guide ${id} is missing` });
          continue;
        }
        if (needs.qr && guide.qr === undefined) ctx.addIssue({ code: 'custom', path: [index, 'qr'], message: `the guide ${id} needs a QR code` });
        if (needs.scopeQuestion && guide.scopeQuestion !== true) {
          ctx.addIssue({ code: 'custom', path: [index, 'scopeQuestion'], message: `the guide ${id} must ask the operating-scope question (true)` });
        }
      }
    }),
});
export type GuidesFile = z.infer<typeof GuidesFileSchema>;

// ── JKP self-assessment (asesmen mandiri) ────────────────────────────────────────────────────

const OptionSchema = z.strictObject({ id: SlugSchema, label: bilingual(200) });

const QuestionSchema = z.strictObject({
  id: SlugSchema,
  text: bilingual(300),
  /** Why the question is asked or what a term means, under the question. */
  help: Line.optional(),
  options: z
    .array(OptionSchema)
    .min(2, 'a question has at least 2 options')
    .max(8, 'at most 8 options')
    .superRefine(unique((option: z.infer<typeof OptionSchema>) => option.id, 'the option', 'id')),
});

/** Holds when the answer to `question` is one of `anyOf`; an unanswered question never holds. */
const ConditionSchema = z.strictObject({
  question: SlugSchema,
  anyOf: z.array(SlugSchema).min(1).superRefine(unique((id: string) => id, 'the option')),
});

/** Rules are tried in order and the first whose conditions all hold wins; the last has none. */
const RuleSchema = z.strictObject({ when: z.array(ConditionSchema), result: SlugSchema });

export const AssessmentResultSchema = z.strictObject({
  id: SlugSchema,
  title: Short,
  body: Paragraph,
  nextStep: bilingual(400),
  /** The desk to take a number for, if any. */
  deskId: DeskIdSchema.optional(),
});
export type AssessmentResult = z.infer<typeof AssessmentResultSchema>;

export const AssessmentSchema = z
  .strictObject({
    id: SlugSchema,
    title: Short,
    intro: bilingual(600),
    /** Shown with every result: the kiosk gives an indication, BPJS Ketenagakerjaan decides. */
    disclaimer: bilingual(600),
    questions: z
      .array(QuestionSchema)
      .min(1)
      .superRefine(unique((question: z.infer<typeof QuestionSchema>) => question.id, 'the question', 'id')),
    results: z
      .array(AssessmentResultSchema)
      .min(1)
      .superRefine(unique((result: AssessmentResult) => result.id, 'the result', 'id')),
    rules: z.array(RuleSchema).min(1, 'at least the default rule'),
  })
  .superRefine((assessment, ctx) => {
    const questions = new Map(assessment.questions.map((question) => [question.id, question]));
    const results = new Set(assessment.results.map((result) => result.id));
    const last = assessment.rules.length - 1;
    assessment.rules.forEach((rule, index) => {
      // A rule without conditions anywhere but last would shadow every rule after it.
      if (index === last && rule.when.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'when'], message: 'the last rule is the default: it must have no conditions (when: [])' });
      }
      if (index < last && rule.when.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'when'], message: 'only the last rule may have no conditions; this one makes the rules after it unreachable' });
      }
      if (!results.has(rule.result)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'result'], message: `unknown result ${rule.result}` });
      const asked = new Set<string>();
      rule.when.forEach((condition, conditionIndex) => {
        const path = ['rules', index, 'when', conditionIndex];
        const question = questions.get(condition.question);
        if (question === undefined) {
          ctx.addIssue({ code: 'custom', path: [...path, 'question'], message: `unknown question ${condition.question}` });
          return;
        }
        if (asked.has(condition.question)) ctx.addIssue({ code: 'custom', path: [...path, 'question'], message: `the question ${condition.question} appears twice in this rule` });
        asked.add(condition.question);
        condition.anyOf.forEach((optionId, optionIndex) => {
          if (!question.options.some((option) => option.id === optionId)) {
            ctx.addIssue({ code: 'custom', path: [...path, 'anyOf', optionIndex], message: `the question ${question.id} has no option ${optionId}` });
          }
        });
      });
    });
    assessment.results.forEach((result, index) => {
      if (!assessment.rules.some((rule) => rule.result === result.id)) {
        ctx.addIssue({ code: 'custom', path: ['results', index, 'id'], message: `no rule leads to the result ${result.id}` });
      }
    });
  });
export type Assessment = z.infer<typeof AssessmentSchema>;

export const AssessmentFileSchema = z.strictObject({ version: z.literal(1), assessment: AssessmentSchema });
export type AssessmentFile = z.infer<typeof AssessmentFileSchema>;

/** Question id → chosen option id. */
export type AssessmentAnswers = Readonly<Record<string, string>>;

function answerTo(answers: AssessmentAnswers, questionId: string): string | undefined {
  // Own properties only: a question id such as "constructor" must not read the prototype.
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}

function resultById(assessment: Assessment, id: string): AssessmentResult {
  const result = assessment.results.find((candidate) => candidate.id === id);
  if (result === undefined) throw new Error(`assessment ${assessment.id}: no result ${id} (content not validated?)`);
  return result;
}

/**
 * The JKP self-assessment's result for these answers: the first rule whose conditions all hold
 * (unanswered questions hold for no condition), else the default rule. Deterministic and pure.
 */
export function assessJkp(assessment: Assessment, answers: AssessmentAnswers): AssessmentResult {
  const rule = assessment.rules.find((candidate) => candidate.when.every((condition) => condition.anyOf.includes(answerTo(answers, condition.question) ?? '')));
  if (rule === undefined) throw new Error(`assessment ${assessment.id}: no default rule (content not validated?)`);
  return resultById(assessment, rule.result);
}

/**
 * The result once the answers so far decide it — no further answer could change it — else
 * undefined. Lets the screen stop asking early (someone who resigned need not say how long they
 * paid contributions). When every question is answered it equals `assessJkp`.
 */
export function decidedJkpResult(assessment: Assessment, answers: AssessmentAnswers): AssessmentResult | undefined {
  for (const rule of assessment.rules) {
    const given = rule.when.map((condition) => ({ condition, answer: answerTo(answers, condition.question) }));
    if (given.some(({ condition, answer }) => answer !== undefined && !condition.anyOf.includes(answer))) continue;
    if (given.some(({ answer }) => answer === undefined)) return undefined;
    return resultById(assessment, rule.result);
  }
  return undefined;
}

// ── Job vacancies (cached feed) ─────────────────────────────────────────────────────────────

/** Minimum education, lowest first: the order is what "up to my level" compares. */
export const EDUCATION_LEVELS = ['sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3'] as const;
export const EducationLevelSchema = z.enum(EDUCATION_LEVELS);
export type EducationLevel = z.infer<typeof EducationLevelSchema>;

export const EDUCATION_LABELS: Readonly<Record<EducationLevel, Bilingual>> = Object.freeze({
  sd: { id: 'SD/sederajat', en: 'Primary school' },
  smp: { id: 'SMP/sederajat', en: 'Junior high school' },
  sma: { id: 'SMA/SMK/sederajat', en: 'Senior or vocational high school' },
  d1_d3: { id: 'Diploma (D1–D3)', en: 'Diploma (D1–D3)' },
  d4_s1: { id: 'Sarjana/D4 (S1)', en: "Bachelor's degree (S1/D4)" },
  s2: { id: 'Magister (S2)', en: "Master's degree (S2)" },
  s3: { id: 'Doktor (S3)', en: 'Doctorate (S3)' },
});

export const EMPLOYMENT_TYPES = ['tetap', 'kontrak', 'paruh_waktu', 'magang', 'harian_lepas'] as const;
export const EmploymentTypeSchema = z.enum(EMPLOYMENT_TYPES);
export type EmploymentType = z.infer<typeof EmploymentTypeSchema>;

export const EMPLOYMENT_TYPE_LABELS: Readonly<Record<EmploymentType, Bilingual>> = Object.freeze({
  tetap: { id: 'Pekerja tetap (PKWTT)', en: 'Permanent (PKWTT)' },
  kontrak: { id: 'Kontrak (PKWT)', en: 'Fixed-term contract (PKWT)' },
  paruh_waktu: { id: 'Paruh waktu', en: 'Part-time' },
  magang: { id: 'Pemagangan', en: 'Apprenticeship' },
  harian_lepas: { id: 'Harian lepas', en: 'Casual daily work' },
});

const PlaceSchema = z.strictObject({ city: text(80), province: text(80) });

export const VacancySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'an id of letters, digits, ".", "_" or "-" (at most 80)'),
  /** The feed's own wording (usually Indonesian), shown as it is. */
  title: text(160),
  company: text(160),
  location: PlaceSchema,
  /** The minimum education asked. */
  education: EducationLevelSchema,
  employmentType: EmploymentTypeSchema,
  /** Last day to apply, inclusive. */
  closesAt: DateSchema,
  applyUrl: HttpsUrlSchema,
  summary: bilingual(600).optional(),
});
export type Vacancy = z.infer<typeof VacancySchema>;

export const VacanciesFileSchema = z.strictObject({
  version: z.literal(1),
  fetchedAt: z.iso.datetime({ offset: true, error: 'an ISO date-time, e.g. 2026-12-01T06:00:00Z' }),
  /** Where the list came from; shown under the list so a sample is never taken for the live feed. */
  source: text(200),
  vacancies: z.array(VacancySchema).superRefine(unique((vacancy: Vacancy) => vacancy.id, 'the vacancy', 'id')),
});
export type VacanciesFile = z.infer<typeof VacanciesFileSchema>;

export interface VacancyQuery {
  /** Words looked for in the title, company and summary; every word must appear. */
  keyword?: string;
  /** A city or province, or part of one ("jakarta", "Kota Bandung"). */
  location?: string;
  /** The visitor's own education: vacancies asking at most this are shown. */
  education?: EducationLevel;
}

/** Case- and accent-insensitive, whitespace-collapsed form for matching what a visitor types. */
export function normalizeForSearch(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function words(value: string | undefined): string[] {
  const normalized = normalizeForSearch(value ?? '');
  return normalized === '' ? [] : normalized.split(' ');
}

/** Feeds write "Kota Bandung" or "Bandung", "DKI Jakarta" or "Jakarta": match the place name only. */
function placeQuery(value: string | undefined): string {
  return normalizeForSearch(value ?? '').replace(/^(kota|kabupaten|kab\.?|provinsi|prov\.?)\s+/, '');
}

function placeMatches(place: { city: string; province: string }, query: string): boolean {
  return query === '' || normalizeForSearch(place.city).includes(query) || normalizeForSearch(place.province).includes(query);
}

/**
 * Open vacancies (closing `today` or later, `today` as the site's local "YYYY-MM-DD") that match
 * every given criterion, in the feed's order (the feed decides relevance). Empty criteria match all.
 */
export function searchVacancies(vacancies: readonly Vacancy[], query: VacancyQuery, today: string): Vacancy[] {
  const wanted = words(query.keyword);
  const place = placeQuery(query.location);
  const maxRank = query.education === undefined ? EDUCATION_LEVELS.length - 1 : EDUCATION_LEVELS.indexOf(query.education);
  return vacancies.filter((vacancy) => {
    // ISO dates compare correctly as strings.
    if (vacancy.closesAt < today) return false;
    if (EDUCATION_LEVELS.indexOf(vacancy.education) > maxRank) return false;
    if (!placeMatches(vacancy.location, place)) return false;
    if (wanted.length === 0) return true;
    const haystack = normalizeForSearch([vacancy.title, vacancy.company, vacancy.summary?.id ?? '', vacancy.summary?.en ?? ''].join('\n'));
    return wanted.every((word) => haystack.includes(word));
  });
}

// ── Companies with a ratified PP or registered PKB (cached feed) ────────────────────────────

export const RatifiedKindSchema = z.enum(['pp', 'pkb']);
export type RatifiedKind = z.infer<typeof RatifiedKindSchema>;

export const RatifiedCompanySchema = z
  .strictObject({
    name: text(160),
    /** pp: Peraturan Perusahaan, ratified (disahkan); pkb: Perjanjian Kerja Bersama, registered (didaftarkan). */
    kind: RatifiedKindSchema,
    /** The decision's number, as printed on it. */
    number: text(120),
    ratifiedOn: DateSchema,
    validUntil: DateSchema,
    city: text(80),
    province: text(80),
  })
  .refine((company) => company.validUntil > company.ratifiedOn, { path: ['validUntil'], message: 'must be after ratifiedOn' });
export type RatifiedCompany = z.infer<typeof RatifiedCompanySchema>;

export const RatifiedCompaniesFileSchema = z.strictObject({
  version: z.literal(1),
  fetchedAt: z.iso.datetime({ offset: true, error: 'an ISO date-time, e.g. 2026-12-01T06:00:00Z' }),
  source: text(200),
  companies: z
    .array(RatifiedCompanySchema)
    .superRefine(unique((company: RatifiedCompany) => `${company.kind} ${company.number}`, 'the decision', 'number')),
});
export type RatifiedCompaniesFile = z.infer<typeof RatifiedCompaniesFileSchema>;

export interface RatifiedQuery {
  /** Words looked for in the company's name and the decision's number. */
  keyword?: string;
  kind?: RatifiedKind;
  location?: string;
}

/** Matching companies, sorted by name (then number), so the same query always lists the same way. */
export function searchRatified(companies: readonly RatifiedCompany[], query: RatifiedQuery): RatifiedCompany[] {
  const wanted = words(query.keyword);
  const place = placeQuery(query.location);
  return companies
    .filter((company) => {
      if (query.kind !== undefined && company.kind !== query.kind) return false;
      if (!placeMatches(company, place)) return false;
      const haystack = normalizeForSearch(`${company.name}\n${company.number}`);
      return wanted.every((word) => haystack.includes(word));
    })
    .sort((a, b) => compareText(normalizeForSearch(a.name), normalizeForSearch(b.name)) || compareText(a.number, b.number));
}

/** Code-unit order, not locale collation: the same on every machine and in every browser. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether the PP/PKB is still in force on `today` (the site's local date, inclusive). */
export function isRatificationInForce(company: RatifiedCompany, today: string): boolean {
  return company.ratifiedOn <= today && today <= company.validUntil;
}

// ── The content directory as a whole ─────────────────────────────────────────────────────────

export interface ContentFileSpec {
  kind: string;
  /** Accepted names, preferred first: a synced central file replaces the shipped sample. */
  names: readonly string[];
  schema: z.ZodType;
}

export const CONTENT_FILES: readonly ContentFileSpec[] = Object.freeze([
  { kind: 'needs', names: ['needs.json'], schema: NeedsFileSchema },
  { kind: 'guides', names: ['guides.json'], schema: GuidesFileSchema },
  { kind: 'jkp-assessment', names: ['jkp-assessment.json'], schema: AssessmentFileSchema },
  { kind: 'vacancies', names: ['vacancies.json', 'vacancies.sample.json'], schema: VacanciesFileSchema },
  { kind: 'ratified-companies', names: ['ratified-companies.json', 'ratified-companies.sample.json'], schema: RatifiedCompaniesFileSchema },
]);

export interface ContentProblem {
  /** The file's name in the content directory. */
  file: string;
  /** Where in the file, e.g. `needs[3].serviceCodes[0]`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** `['needs', 3, 'serviceCodes', 0]` → `needs[3].serviceCodes[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

/** One line per problem: `assets/content/needs.json: needs[3].serviceCodes[0]: unknown service D9.P01`. */
export function describeContentProblem(problem: ContentProblem, directory: string): string {
  const file = `${directory.replace(/\/+$/, '')}/${problem.file}`;
  return problem.path === '' ? `${file}: ${problem.message}` : `${file}: ${problem.path}: ${problem.message}`;
}

/**
 * Checks a content directory given as file name → file text: every file is JSON matching its
 * schema, no file is unknown (nothing ships unvalidated), every kind is present, and needs point
 * only at guides that exist. Returns the problems; none means the content is fit to ship.
 */
export function checkContentFiles(files: Readonly<Record<string, string>>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const parsed = new Map<string, { file: string; data: unknown }>();
  for (const file of Object.keys(files).sort()) {
    const spec = CONTENT_FILES.find((candidate) => candidate.names.includes(file));
    if (spec === undefined) {
      const known = CONTENT_FILES.flatMap((candidate) => candidate.names).join(', ');
      problems.push({ file, path: '', message: `no schema for this file; content files are: ${known}` });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(files[file] ?? '');
    } catch (error) {
      problems.push({ file, path: '', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const result = spec.schema.safeParse(json);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ file, path: formatIssuePath(issue.path), message: issue.message });
      continue;
    }
    // The preferred (synced) file wins over the sample when both are present.
    const current = parsed.get(spec.kind);
    if (current === undefined || spec.names.indexOf(file) < spec.names.indexOf(current.file)) parsed.set(spec.kind, { file, data: result.data });
  }
  for (const spec of CONTENT_FILES) {
    if (!spec.names.some((name) => Object.hasOwn(files, name))) {
      problems.push({ file: spec.names.at(-1) ?? spec.kind, path: '', message: `missing: one of ${spec.names.join(', ')} is required` });
    }
  }
  const needs = parsed.get('needs');
  const guides = parsed.get('guides');
  if (needs !== undefined && guides !== undefined) {
    const guideIds = new Set((guides.data as GuidesFile).guides.map((guide) => guide.id));
    (needs.data as NeedsFile).needs.forEach((need, index) => {
      if (need.guideId !== undefined && !guideIds.has(need.guideId)) {
        problems.push({ file: needs.file, path: `needs[${index}].guideId`, message: `unknown guide ${need.guideId} (not in ${guides.file})` });
      }
    });
  }
  return problems;
}
