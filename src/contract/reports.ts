import { z } from 'zod';
import { UNSUR_CODES, UnsurCodeSchema } from '../domain/ikmQuestionnaire.js';
import { PERIOD_KINDS, PeriodKeySchema } from '../domain/reportPeriod.js';

/**
 * What the manager's reports carry, on screen and in every export. The host computes a report once;
 * the screen, the XLSX, the CSV and the PDF all render this same value, so their figures cannot
 * differ. Suggestions are visitor text: every renderer treats them as plain text.
 */

const IsoInstant = z.iso.datetime();
const ServiceDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const DeskId = z.number().int().min(1).max(7);
const Bilingual = z.object({ id: z.string(), en: z.string() });
const Count = z.number().int().min(0);

export const MutuSchema = z.enum(['A', 'B', 'C', 'D']);

const perUnsur = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(UNSUR_CODES.map((code) => [code, value])) as Record<(typeof UNSUR_CODES)[number], T>);

/** `scoreIkm`'s result. */
export const IkmScoreSchema = z.object({
  respondents: Count,
  answered: perUnsur(Count),
  nrr: perUnsur(z.number().min(1).max(4).nullable()),
  index: z.number().min(1).max(4).nullable(),
  ikm: z.number().min(25).max(100).nullable(),
  mutu: MutuSchema.nullable(),
  kinerja: z.string().nullable(),
  /**
   * Answers withheld: a desk or service with fewer respondents than the report's threshold would
   * show what those few visitors answered. Counts stay; NRR, index and IKM are null.
   */
  suppressed: z.literal(true).optional(),
});
export type IkmScoreView = z.infer<typeof IkmScoreSchema>;

export const ReportPeriodSchema = z.object({
  key: PeriodKeySchema,
  kind: z.enum(PERIOD_KINDS),
  year: z.number().int(),
  index: z.number().int(),
  from: ServiceDate,
  to: ServiceDate,
  label: Bilingual,
});

/** A tally by category; `key` is a code (user type, age band …) or `unknown` when not given. */
export const CountRowSchema = z.object({ key: z.string(), count: Count });
export type CountRow = z.infer<typeof CountRowSchema>;

export const FollowUpItemSchema = z
  .object({
    unsur: UnsurCodeSchema,
    action: z.string().trim().min(3).max(300),
    when: z.string().trim().min(1).max(60),
    responsible: z.string().trim().min(1).max(80),
  })
  .strict();
export const FollowUpPlanInputSchema = z
  .object({ items: z.array(FollowUpItemSchema).max(20), note: z.string().trim().max(2000).default('') })
  .strict();
export const FollowUpPlanSchema = FollowUpPlanInputSchema.extend({ updatedAt: IsoInstant, updatedBy: z.string() });
export type FollowUpPlan = z.infer<typeof FollowUpPlanSchema>;

export const IkmPublicationSchema = z.object({
  periodKey: PeriodKeySchema,
  periodLabel: Bilingual,
  ikm: z.number().min(25).max(100),
  mutu: MutuSchema,
  kinerja: z.string(),
  respondents: Count,
  publishedAt: IsoInstant,
});
export type IkmPublication = z.infer<typeof IkmPublicationSchema>;

export const IkmReportSchema = z.object({
  period: ReportPeriodSchema,
  /** Below this many respondents a desk's or a service's answers are withheld (`suppressed`). */
  minimumShown: z.number().int().min(1),
  siteName: z.string(),
  generatedAt: IsoInstant,
  score: IkmScoreSchema,
  /** Unsur answered by someone, weakest NRR first (ties by code): the report's weakest and strongest. */
  ranking: z.array(z.object({ code: UnsurCodeSchema, nrr: z.number() })),
  byDesk: z.array(z.object({ deskId: DeskId, deskName: z.string(), score: IkmScoreSchema })),
  /** Services delivered to respondents; one response counts for every service it covered. */
  byService: z.array(z.object({ code: z.string(), name: z.string(), score: IkmScoreSchema })),
  profile: z.object({
    sex: z.array(CountRowSchema),
    ageBand: z.array(CountRowSchema),
    education: z.array(CountRowSchema),
    occupation: z.array(CountRowSchema),
    userType: z.array(CountRowSchema),
    input: z.array(CountRowSchema),
    /** Jam survei of the sample questionnaire: `pagi` (before 12.00 local) or `siang`. */
    session: z.array(CountRowSchema),
  }),
  suggestions: z.array(z.object({ serviceDate: ServiceDate, deskId: DeskId, text: z.string() })),
  /** All suggestions in the period; `suggestions` holds the newest 200. */
  suggestionCount: Count,
  trend: z.array(z.object({ key: PeriodKeySchema, label: Bilingual, respondents: Count, ikm: z.number().nullable(), mutu: MutuSchema.nullable() })),
  /** Served visitors in the period (done or referred), the Krejcie–Morgan minimum, and progress. */
  sample: z.object({ population: Count, required: Count, respondents: Count, met: z.boolean(), percent: z.number().int().min(0).max(100) }),
  followUp: FollowUpPlanSchema.nullable(),
  publication: IkmPublicationSchema.nullable(),
});
export type IkmReport = z.infer<typeof IkmReportSchema>;

export const ObstacleSchema = z.object({
  id: z.number().int().positive(),
  date: ServiceDate,
  text: z.string(),
  source: z.enum(['manager', 'device']),
  /** For device incidents: which device and what state. */
  device: z.string().optional(),
});
export type Obstacle = z.infer<typeof ObstacleSchema>;

/** The monthly evaluation of Kepmenaker 225/2023 BAB VI: users, services per desk, completion, obstacles. */
export const MonthlyEvaluationSchema = z.object({
  period: ReportPeriodSchema,
  siteName: z.string(),
  generatedAt: IsoInstant,
  users: z.object({
    /** Tickets issued in the month (one per visit). */
    visits: Count,
    byUserType: z.array(CountRowSchema),
    byDesk: z.array(z.object({ deskId: DeskId, deskName: z.string(), count: Count })),
    /** Visits where the officer attached a SIAPkerja-ID; new vs returning needs the visitor's identity, which the kiosk does not keep. */
    withSiapkerjaId: Count,
    priority: Count,
  }),
  servicesPerDesk: z.array(
    z.object({ deskId: DeskId, deskName: z.string(), served: Count, services: z.array(z.object({ code: z.string(), name: z.string(), count: Count })) }),
  ),
  completion: z.object({ sameDay: Count, referred: Count, noShow: Count, cancelled: Count, open: Count }),
  /** Visits per desk and hour of issue (local time), for the volume chart. */
  volumeByHour: z.array(z.object({ deskId: DeskId, hour: z.number().int().min(0).max(23), count: Count })),
  volumeByDay: z.array(z.object({ date: ServiceDate, count: Count })),
  obstacles: z.array(ObstacleSchema),
});
export type MonthlyEvaluation = z.infer<typeof MonthlyEvaluationSchema>;

export const ExportFormatSchema = z.enum(['xlsx', 'csv', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export const ReportKindSchema = z.enum(['ikm', 'monthly']);
export const ReportExportSchema = z.object({
  filename: z.string(),
  mimeType: z.string(),
  /** The file, base64: a report is tens of kilobytes, and every transport already carries JSON. */
  base64: z.string(),
});

/** The kiosk's idle screen: the information board the guideline requires. */
export const BoardTextsSchema = z
  .object({
    maklumat: z.string().trim().min(10).max(1200),
    complaintContact: z.string().trim().min(3).max(200),
    announcement: z.string().trim().max(300).default(''),
  })
  .strict();
export type BoardTexts = z.infer<typeof BoardTextsSchema>;
export const BoardSchema = BoardTextsSchema.extend({
  /** The ministry's announcement for every kiosk (central configuration), shown under the site's own. */
  nationalAnnouncement: z.string().max(500).nullable(),
  ikm: IkmPublicationSchema.nullable(),
  updatedAt: IsoInstant.nullable(),
});
export type Board = z.infer<typeof BoardSchema>;
