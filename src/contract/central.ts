import { z } from 'zod';
import { AgreementApplicationSchema, ApplicationNumberSchema } from './agreementApplication.js';
import {
  AssessmentFileSchema,
  GuidesFileSchema,
  NeedsFileSchema,
  RatifiedCompaniesFileSchema,
  VacanciesFileSchema,
} from '../domain/visitorContent.js';

/**
 * What the screens see of store-and-forward to the central API (the technician's "Pusat" panel,
 * `/healthz`) and of the content the kiosk shows visitors (pulled from central, else shipped).
 */

const IsoInstant = z.iso.datetime();

export const ForwarderStateSchema = z.enum([
  /** No central address configured: events wait in the outbox. */
  'not_configured',
  /** An address, but the kiosk has no device credential yet (register with a pairing code). */
  'not_registered',
  /** Nothing waiting, or waiting for the next round. */
  'idle',
  'sending',
  /** The last attempt failed; the next one is scheduled (`nextAttemptAt`). */
  'backing_off',
  /** Central refused the credential (revoked): a technician must register again. */
  'revoked',
]);
export type ForwarderState = z.infer<typeof ForwarderStateSchema>;

export const PulledResourceNameSchema = z.enum(['config', 'catalogue', 'content', 'vacancies']);

export const PullStatusSchema = z.object({
  resource: PulledResourceNameSchema,
  /** Where what the kiosk uses now came from. */
  source: z.enum(['central', 'shipped']),
  fetchedAt: IsoInstant.nullable(),
  /** Last time central was asked (a 304 counts). */
  checkedAt: IsoInstant.nullable(),
  lastError: z.string().max(300).nullable(),
});

export const CentralStatusSchema = z.object({
  state: ForwarderStateSchema,
  /** The central address (for the technician). */
  url: z.string().nullable(),
  deviceId: z.string().nullable(),
  /** How the device credential is kept: Electron safeStorage (OS keychain), or a file only its owner can read. */
  credentialStorage: z.enum(['safe-storage', 'owner-only-file', 'none']),
  backlog: z.number().int().min(0),
  poisoned: z.number().int().min(0),
  /** Survey responses held until their service day ends (sent in a shuffled daily batch). */
  heldSurveyResponses: z.number().int().min(0),
  oldestPendingAt: IsoInstant.nullable(),
  oldestPendingAgeSeconds: z.number().int().min(0).nullable(),
  lastSuccessAt: IsoInstant.nullable(),
  lastError: z.object({ at: IsoInstant, message: z.string().max(300) }).nullable(),
  nextAttemptAt: IsoInstant.nullable(),
  /** Kiosk clock minus central's, from the last time check. */
  clockSkewSeconds: z.number().nullable(),
  pulls: z.array(PullStatusSchema),
});
export type CentralStatus = z.infer<typeof CentralStatusSchema>;

export const PoisonedEventSchema = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  type: z.string(),
  occurredAt: IsoInstant,
  poisonedAt: IsoInstant,
  error: z.string().max(500),
});
export type PoisonedEvent = z.infer<typeof PoisonedEventSchema>;

/**
 * Where the kiosk sends visitors' data: https only (plain http only to this machine itself, for a
 * receiver under test), and no user name or password inside the address.
 */
export const CentralAddressSchema = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), 'no user name or password in the address (the kiosk authenticates with its device credential)')
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'https only: visitors’ data never travels in clear (http only to this machine, for a test receiver)');

export const CentralRegisterInputSchema = z
  .object({
    /** https://… (http:// only for a loopback receiver in tests). */
    url: CentralAddressSchema.optional(),
    pairingCode: z.string().trim().toUpperCase().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/, 'a code like K7QM-4XPA'),
  })
  .strict();

/** What visitors are shown: central's copy when the kiosk has a good one, else the shipped files. */
export const VisitorContentSchema = z.object({
  needs: NeedsFileSchema,
  guides: GuidesFileSchema,
  assessment: AssessmentFileSchema,
  ratified: RatifiedCompaniesFileSchema,
  vacancies: VacanciesFileSchema,
  sources: z.object({ content: z.enum(['central', 'shipped']), vacancies: z.enum(['central', 'shipped']) }),
});
export type VisitorContent = z.infer<typeof VisitorContentSchema>;

export const ApplicationStatusInputSchema = z
  .object({ number: z.string().trim().toUpperCase().pipe(ApplicationNumberSchema) })
  .strict();
export const ApplicationStatusSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(true), application: AgreementApplicationSchema }),
  z.object({ found: z.literal(false) }),
]);
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;
