import { z } from 'zod';

/**
 * One PP/PKB application as central tells it (`GET /v1/agreement-applications/{number}`), and the
 * shape of its number. Here, not in src/central/api.ts, because the screens' contract
 * (`agreements.applicationStatus`) carries it too: the central API imports the UI contract, never
 * the other way round, or the two would import each other.
 */

export const ApplicationNumberSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9/.-]{5,39}$/)
  .describe('The number an online PP or PKB application got, e.g. "PP/3273/2026/000123"');

export const AgreementApplicationSchema = z
  .strictObject({
    number: ApplicationNumberSchema,
    kind: z.enum(['pp', 'pkb']).describe('pp: Peraturan Perusahaan (ratification); pkb: Perjanjian Kerja Bersama (registration)'),
    company: z.string().min(1).max(160),
    regency: z.string().min(1).max(80),
    status: z.enum(['diajukan', 'diverifikasi', 'perlu_perbaikan', 'disahkan', 'ditolak']),
    statusDate: z.iso.date(),
    /** What the applicant does next, in both languages (e.g. which documents to correct). */
    nextStep: z.strictObject({ id: z.string().min(1).max(500), en: z.string().min(1).max(500) }).optional(),
  })
  .describe('The state of one PP/PKB application; company data, no personal data');
export type AgreementApplication = z.infer<typeof AgreementApplicationSchema>;
