import { z } from 'zod';
import { DeviceHealthSchema, DeviceKindSchema, PauseReasonSchema, PrintFailureReasonSchema } from '../contract/api.js';
import { IkmPublicationSchema } from '../contract/reports.js';
import { CoordinatingLevelSchema, EmploymentStatusSchema, TicketStatusSchema, UserTypeSchema } from '../contract/vocabulary.js';
import { RespondentProfileSchema, SuggestionSchema, SurveyAnswersSchema } from '../domain/ikmQuestionnaire.js';

/**
 * The facts a kiosk forwards to the central SIAPkerja API: one zod schema per event type. The
 * kiosk's outbox rows, the forwarder's batches, the OpenAPI document in `docs/api/` and the
 * reference receiver's validation all derive from these, so there is one definition only.
 *
 * Payloads are strict: a field nobody declared here (a name, a NIK, a note) cannot slip out to
 * central by accident; it fails validation and the event is quarantined on the kiosk instead.
 */

const Instant = z.iso.datetime().describe('UTC instant, RFC 3339 with Z');
const ServiceDate = z.iso.date().describe('The service day in the site time zone (YYYY-MM-DD)');
const DeskId = z.number().int().min(1).max(7).describe('Desk (meja) 1–7 of Kepmenaker 225/2023');
const TicketId = z.number().int().positive().describe('The ticket id on this kiosk (unique per installation)');
const TicketNumber = z.string().regex(/^[A-Z]-\d{3}$/).describe('The number on the slip, e.g. "A-001"');

const TicketFacts = {
  ticketId: TicketId,
  number: TicketNumber,
  serviceDate: ServiceDate,
  deskId: DeskId,
  status: TicketStatusSchema,
  counterNumber: z.number().int().min(1).max(99).nullable(),
  priority: z.boolean().describe('Kelompok rentan (priority) ticket'),
  userType: UserTypeSchema.nullable().describe('Null when the receptionist issued without asking'),
  at: Instant,
};

function ticketEvent<const S extends z.ZodRawShape>(description: string, extra: S) {
  return z.strictObject({ ...TicketFacts, ...extra }).describe(description);
}

const CounterFacts = {
  deskId: DeskId,
  counterNumber: z.number().int().min(1).max(99),
  state: z.enum(['open', 'paused', 'closed']),
  reason: z.union([PauseReasonSchema, z.literal('released')]).nullable(),
  at: Instant,
};

const ServiceCode = z.string().regex(/^D[1-7]\.[A-Z]\d{2}$/).describe('A service of the decree catalogue, e.g. D1.P01');
const ServiceCodes = z.array(ServiceCode).max(40).describe('Codes of the services delivered, from the decree catalogue');

function perUnsur<T extends z.ZodType>(value: T) {
  return z.strictObject({ U1: value, U2: value, U3: value, U4: value, U5: value, U6: value, U7: value, U8: value, U9: value });
}

/** Nine unsur, 1–4 each, by code (PermenPAN-RB 14/2017); at least one answered. */
const SurveyAnswers = SurveyAnswersSchema.meta({ minProperties: 1 });

export const CentralEventPayloads = {
  'ticket.issued': ticketEvent('A ticket was issued (kiosk screen or receptionist).', {
    issuedAt: Instant,
    channel: z.enum(['kiosk', 'lan']),
  }),
  'ticket.called': ticketEvent('A ticket was called to a counter.', {}),
  'ticket.recalled': ticketEvent('A called ticket was called again.', {}),
  'ticket.serving': ticketEvent('Service at the counter began.', {}),
  'ticket.finished': ticketEvent('Service ended; the services delivered are listed.', { services: ServiceCodes }),
  'ticket.referred': ticketEvent('Handed to the back office (kondisi tertentu).', {
    services: ServiceCodes.optional(),
    referralId: z.number().int().positive(),
    level: CoordinatingLevelSchema,
  }),
  'ticket.no_show': ticketEvent('Called, the visitor did not come.', {}),
  'ticket.cancelled': ticketEvent('Cancelled by staff, or ended by the close of the service day.', {
    reason: z.literal('service_day_ended').optional(),
  }),
  'ticket.transferred': ticketEvent('Moved to another desk keeping its place in line.', { from: DeskId, to: DeskId }),
  'ticket.requeued': ticketEvent('Put back in line when its counter closed.', {}),
  'ticket.siapkerja_scanned': ticketEvent('The visitor’s SIAPkerja-ID was scanned at the desk (the ID itself travels only in visitor.registered).', {}),
  'ticket.print_failed': z
    .strictObject({ ticketId: TicketId, number: TicketNumber, reason: PrintFailureReasonSchema.optional() })
    .describe('The slip of an issued ticket could not be printed.'),
  'counter.opened': z.strictObject(CounterFacts).describe('An officer opened a counter.'),
  'counter.paused': z.strictObject(CounterFacts).describe('A counter paused (with the reason).'),
  'counter.resumed': z.strictObject(CounterFacts).describe('A paused counter resumed.'),
  'counter.closed': z.strictObject(CounterFacts).describe('A counter closed.'),
  'visitor.registered': z
    .strictObject({
      ticketId: TicketId,
      serviceDate: ServiceDate,
      userType: UserTypeSchema.nullable(),
      identity: z
        .strictObject({
          kind: z.enum(['nik', 'siapkerja_id']),
          value: z.string().min(1).max(64),
        })
        .nullable()
        .describe('Personal data (UU PDP 27/2022): the NIK or SIAPkerja-ID the visitor gave; only over TLS, purged on the kiosk after delivery'),
      employmentStatus: EmploymentStatusSchema.nullable(),
      whatsapp: z
        .string()
        .regex(/^\+[1-9]\d{7,14}$/)
        .nullable()
        .describe('Personal data: the WhatsApp number given with consent, E.164'),
      consentVersion: z.string().max(20).nullable().describe('Version of the consent text the visitor agreed to; null when no visit data was asked'),
      consentAt: Instant.nullable(),
      at: Instant,
    })
    .describe('A visitor identified themselves or gave visit data with a ticket.'),
  'survey.response': z
    .strictObject({
      responseId: z.uuid().describe('Random; carries no time'),
      serviceDate: ServiceDate,
      session: z
        .enum(['pagi', 'siang'])
        .nullable()
        .describe('Jam survei (before or after 12.00 local time); null when fewer than 5 responses of that day share it'),
      deskId: DeskId.nullable().describe('Null when fewer than 5 responses of that day came from the desk'),
      input: z.enum(['touch', 'buttons']),
      answers: SurveyAnswers,
      profile: RespondentProfileSchema,
      suggestion: SuggestionSchema.optional().describe('Scrubbed of NIK-, phone- and e-mail-shaped text before it leaves the kiosk'),
    })
    .describe(
      'One anonymous IKM response. Sent after its service day with the day’s others in a random order; no time finer than the day, no services or user type, and the desk and session only where at least 5 responses share them, so none can be matched to the ticket it followed.',
    ),
  'ikm.published': IkmPublicationSchema.extend({
    nrr: perUnsur(z.number().min(1).max(4).nullable()).describe('NRR per unsur (1–4, 3 decimals)'),
    answered: perUnsur(z.number().int().min(0)).describe('Answers per unsur'),
    index: z.number().min(1).max(4).nullable().describe('The weighted index before conversion (1–4)'),
  })
    .strict()
    .describe('The manager published an IKM result for a period.'),
  'board.updated': z
    .strictObject({
      maklumat: z.string().max(4000),
      complaintContact: z.string().max(500),
      announcement: z.string().max(1000),
      updatedAt: Instant,
    })
    .describe('The information board texts changed.'),
  'device.status': z
    .strictObject({ device: DeviceKindSchema, driver: z.string().max(40), state: DeviceHealthSchema, since: Instant })
    .describe('A device’s health changed (printer, scanner, button panel).'),
  'audit.recorded': z
    .strictObject({
      action: z.string().regex(/^[a-z_]+(\.[a-z_]+)+$/).max(60),
      at: Instant,
      serviceDate: ServiceDate,
      staffId: z.number().int().positive().nullable(),
      stationId: z.number().int().positive().nullable(),
      channel: z.enum(['kiosk', 'lan']),
      deskId: DeskId.nullable(),
      ticketId: TicketId.nullable(),
    })
    .describe('A staff or system action from the audit trail that no other event carries (logins, pairing, settings, reports). Who and what, never free text.'),
} as const;

export type CentralEventType = keyof typeof CentralEventPayloads;
export const CENTRAL_EVENT_TYPES = Object.keys(CentralEventPayloads) as CentralEventType[];
export type CentralEventPayload<T extends CentralEventType> = z.input<(typeof CentralEventPayloads)[T]>;

/** Personal fields (UU PDP 27/2022) that are sealed in the kiosk's outbox until the moment of sending. */
export const PERSONAL_FIELDS: Partial<Record<CentralEventType, readonly string[]>> = {
  'visitor.registered': ['identity', 'whatsapp', 'employmentStatus'],
};

export const EventIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  .describe('UUIDv7 made by the kiosk: the idempotency key; the receiver stores an id once');

const envelope = {
  id: EventIdSchema,
  seq: z
    .number()
    .int()
    .positive()
    .describe('Per-installation sequence in the order of the kiosk’s commits, never reused; a gap is an event not yet received, or one the kiosk quarantined (its technician screen lists them)'),
  occurredAt: Instant.describe('The kiosk’s clock when the fact was committed (hour only for survey.response)'),
};

export const CentralEventSchema = z
  .discriminatedUnion(
    'type',
    CENTRAL_EVENT_TYPES.map((type) => z.strictObject({ ...envelope, type: z.literal(type), payload: CentralEventPayloads[type] })) as unknown as [
      z.ZodObject,
      ...z.ZodObject[],
    ],
  )
  .describe('One fact from a kiosk');
export type CentralEvent = {
  [T in CentralEventType]: { id: string; seq: number; occurredAt: string; type: T; payload: z.infer<(typeof CentralEventPayloads)[T]> };
}[CentralEventType];

export const MAX_BATCH_EVENTS = 500;

export const EventBatchSchema = z
  .strictObject({
    installationId: z.uuid().describe('The kiosk database’s own id (stable across re-registration)'),
    sentAt: Instant.describe('The kiosk’s clock at sending (the receiver can see its skew)'),
    events: z.array(CentralEventSchema).min(1).max(MAX_BATCH_EVENTS),
  })
  .describe('A batch of events, in sequence order');
export type EventBatch = { installationId: string; sentAt: string; events: CentralEvent[] };

export const EventResultSchema = z.object({
  id: EventIdSchema,
  status: z.enum(['stored', 'duplicate', 'rejected']).describe('stored: new; duplicate: already held (also success); rejected: invalid, will never be stored as sent'),
  error: z.object({ code: z.string(), message: z.string().max(500) }).optional(),
});
export const EventBatchResultSchema = z
  .object({ results: z.array(EventResultSchema).max(MAX_BATCH_EVENTS) })
  .describe('One result per event of the batch, by id');
export type EventBatchResult = z.infer<typeof EventBatchResultSchema>;

