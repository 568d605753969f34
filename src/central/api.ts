import { z } from 'zod';
import { AgreementApplicationSchema } from '../contract/agreementApplication.js';
import { UserTypeSchema } from '../contract/vocabulary.js';
import {
  AssessmentFileSchema,
  GuidesFileSchema,
  NeedsFileSchema,
  RatifiedCompaniesFileSchema,
  VacanciesFileSchema,
} from '../domain/visitorContent.js';
import { EventBatchResultSchema, EventBatchSchema } from './events.js';

/**
 * Requests are strict (a kiosk sends exactly what is declared); answers are open (`z.object`), so
 * central can add a field without every kiosk in the fleet refusing its answers.
 *
 * The kiosk ↔ central HTTP API, as data: every operation with its path, who may call it, and the
 * zod schemas of what goes in and out. `openApiDocument()` turns this table into the OpenAPI 3.1
 * file in `docs/api/`; the kiosk's forwarder and the reference receiver use the same schemas.
 */

export const CENTRAL_API_VERSION = '1.0.0';

const Instant = z.iso.datetime();

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the problem kind (about:blank when the code says it all)'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    code: z.enum([
      'invalid_request',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'payload_too_large',
      'rate_limited',
      'unavailable',
      'internal',
    ]),
    detail: z.string().max(2000).optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).max(100).optional().describe('Each validation problem with its JSON pointer'),
  })
  .describe('RFC 9457 problem details; every error of this API has this shape (application/problem+json)');
export type Problem = z.infer<typeof ProblemSchema>;

export const PairingCodeSchema = z.string().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/).describe('One-time code the ministry gives the technician, e.g. "K7QM-4XPA"');
export const DeviceIdSchema = z.string().regex(/^kiosk_[0-9a-z]{20,40}$/).describe('The device id central assigned at registration');
export const CredentialSchema = z.string().regex(/^kcs_[A-Za-z0-9_-]{43}$/).describe('Device secret (256 bits, base64url); central stores only its hash');

export const SiteSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z0-9-]{2,20}$/).describe('The site code the ministry assigned (e.g. "JKT-PUSAT-01")'),
    name: z.string().min(1).max(120),
    province: z.string().min(1).max(80),
    regency: z.string().min(1).max(80).describe('Kabupaten/kota'),
  })
  .describe('Where the kiosk stands');

export const RegistrationRequestSchema = z.strictObject({
  pairingCode: PairingCodeSchema,
  installationId: z.uuid(),
  site: SiteSchema,
  kioskType: z.string().min(1).max(40),
  appVersion: z.string().min(1).max(40),
});
export const RegistrationResponseSchema = z.object({
  deviceId: DeviceIdSchema,
  credential: CredentialSchema,
  issuedAt: Instant,
});

export const TokenRequestSchema = z.strictObject({ deviceId: DeviceIdSchema, credential: CredentialSchema });
export const TokenResponseSchema = z.object({
  accessToken: z.string().min(20).max(1000).describe('Bearer token for the other calls'),
  expiresIn: z.number().int().positive().describe('Seconds'),
});

export const RotationResponseSchema = z
  .object({ credential: CredentialSchema, issuedAt: Instant })
  .describe('The new secret; the old one keeps working until the new one is first used, so a lost answer never locks a kiosk out');

export const PairingCodeRequestSchema = z.strictObject({ siteCode: SiteSchema.shape.code, note: z.string().max(200).optional() });
export const PairingCodeResponseSchema = z.object({ pairingCode: PairingCodeSchema, expiresAt: Instant });

export const TimeResponseSchema = z.object({ serverTime: Instant });

export const HolidaySchema = z.strictObject({ date: z.iso.date(), name: z.string().min(1).max(120) });
export const CentralConfigSchema = z
  .strictObject({
    version: z.literal(1),
    /** National holidays and collective leave (cuti bersama) the ministry announces; added to the site's own. */
    holidays: z.array(HolidaySchema).max(100),
    /** A national announcement shown on the information board under the site's own. */
    announcement: z.string().max(500).optional(),
  })
  .describe('Settings the ministry manages for every kiosk');
export type CentralConfig = z.infer<typeof CentralConfigSchema>;

export const CatalogueSchema = z
  .strictObject({
    version: z.literal(1),
    services: z
      .array(z.strictObject({ code: z.string().regex(/^D[1-7]\.[A-Z]\d{2}$/), name: z.string().min(1).max(300), nameEn: z.string().min(1).max(300), userTypes: z.array(UserTypeSchema).min(1) }))
      .min(1)
      .max(500),
  })
  .describe('The service catalogue of Kepmenaker 225/2023 as central words it; codes must be the kiosk’s own');
export type Catalogue = z.infer<typeof CatalogueSchema>;

export const ContentSchema = z
  .strictObject({
    version: z.literal(1),
    needs: NeedsFileSchema,
    guides: GuidesFileSchema,
    assessment: AssessmentFileSchema,
    ratified: RatifiedCompaniesFileSchema,
  })
  .describe('What the kiosk shows visitors: needs, guides, the JKP self-assessment, the ratified PP/PKB registry');
export type Content = z.infer<typeof ContentSchema>;

export const VacanciesSchema = VacanciesFileSchema.describe('Open vacancies for the kiosk’s region');

// Defined with the screens' contract, which carries it too; exported here with the rest of the API.
export { AgreementApplicationSchema, ApplicationNumberSchema, type AgreementApplication } from '../contract/agreementApplication.js';

/** What a kiosk pulls, each cached on the kiosk with its ETag and kept when a new copy is bad. */
export const PULLED_RESOURCES = {
  config: { path: '/v1/config', schema: CentralConfigSchema },
  catalogue: { path: '/v1/catalogue', schema: CatalogueSchema },
  content: { path: '/v1/content', schema: ContentSchema },
  vacancies: { path: '/v1/vacancies', schema: VacanciesSchema },
} as const;
export type PulledResource = keyof typeof PULLED_RESOURCES;
export const PULLED_RESOURCE_NAMES = Object.keys(PULLED_RESOURCES) as PulledResource[];

export type Auth = 'none' | 'device' | 'admin';

export interface Operation {
  method: 'get' | 'post';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  auth: Auth;
  request?: z.ZodType;
  /** 2xx answer (status → schema, or undefined for an empty body). */
  success: { status: 200 | 201 | 204; schema?: z.ZodType; description: string };
  /** Conditional GET with ETag / If-None-Match (304). */
  etag?: true;
  /** Error statuses this operation may answer, beyond 400/429/500/503 that any may. */
  errors: number[];
}

export const OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/v1/devices/register',
    operationId: 'registerDevice',
    summary: 'Exchange a one-time pairing code for a device credential',
    description:
      'The technician types the pairing code the ministry issued for the site. The code is spent on success. Five wrong codes from one address in 15 minutes answer 429. ' +
      '409 when the installation is registered already and not revoked, or when `site.code` is not the site the code was issued for.',
    auth: 'none',
    request: RegistrationRequestSchema,
    success: { status: 201, schema: RegistrationResponseSchema, description: 'Registered; keep the credential secret (it is shown once)' },
    errors: [401, 409],
  },
  {
    method: 'post',
    path: '/v1/auth/token',
    operationId: 'issueToken',
    summary: 'Exchange the device credential for a short-lived access token',
    auth: 'none',
    request: TokenRequestSchema,
    success: { status: 200, schema: TokenResponseSchema, description: 'Token issued' },
    errors: [401],
  },
  {
    method: 'post',
    path: '/v1/devices/me/credential',
    operationId: 'rotateCredential',
    summary: 'Rotate the device credential',
    auth: 'device',
    success: { status: 200, schema: RotationResponseSchema, description: 'New credential' },
    errors: [401],
  },
  {
    method: 'post',
    path: '/v1/events',
    operationId: 'uploadEvents',
    summary: 'Upload a batch of events (idempotent by event id)',
    description:
      'Each event is stored once by its id: a repeated id answers `duplicate`, which is success. An event that does not validate is `rejected` with the reason while the rest of the batch is stored; a batch whose envelope is unreadable answers 400. ' +
      '401 also when the batch names another `installationId` than the one the device registered with (the kiosk then asks for a new registration rather than quarantining good events).',
    auth: 'device',
    request: EventBatchSchema,
    success: { status: 200, schema: EventBatchResultSchema, description: 'A result per event' },
    errors: [401, 413],
  },
  ...Object.entries(PULLED_RESOURCES).map(
    ([name, resource]): Operation => ({
      method: 'get',
      path: resource.path,
      operationId: `get${name[0]?.toUpperCase()}${name.slice(1)}`,
      summary: `Pull the ${name}`,
      auth: 'device',
      success: { status: 200, schema: resource.schema, description: `The current ${name}` },
      etag: true,
      errors: [401],
    }),
  ),
  {
    method: 'get',
    path: '/v1/agreement-applications/{number}',
    operationId: 'getAgreementApplication',
    summary: 'The status of one PP/PKB application, asked live while a visitor waits (never cached on the kiosk)',
    description: 'The number is URL-encoded (it contains slashes). 404 when central knows no such application.',
    auth: 'device',
    success: { status: 200, schema: AgreementApplicationSchema, description: 'The application' },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/v1/time',
    operationId: 'getTime',
    summary: 'The receiver’s clock, so a kiosk can tell its own skew',
    auth: 'none',
    success: { status: 200, schema: TimeResponseSchema, description: 'Server time' },
    errors: [],
  },
  {
    method: 'post',
    path: '/v1/admin/pairing-codes',
    operationId: 'createPairingCode',
    summary: 'Ministry staff: issue a one-time pairing code for a site (valid 24 hours)',
    auth: 'admin',
    request: PairingCodeRequestSchema,
    success: { status: 201, schema: PairingCodeResponseSchema, description: 'Code issued' },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/v1/admin/devices/{deviceId}/revoke',
    operationId: 'revokeDevice',
    summary: 'Ministry staff: revoke a device; its credential and tokens stop working at once',
    auth: 'admin',
    success: { status: 204, description: 'Revoked' },
    errors: [401, 403, 404],
  },
];
