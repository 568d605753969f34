import { z } from 'zod';
import { ApiErrorSchema } from './errors.js';

/**
 * The one contract between every UI (kiosk renderer, LAN stations) and the kiosk host.
 * Both ends are derived from these schemas: the host validates inputs against them, clients
 * validate outputs and events against them, and TypeScript types come from z.infer.
 */

export const DeskIdSchema = z.number().int().min(1).max(7);
export const KioskTypeSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const ServiceDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const TicketNumberSchema = z.string().regex(/^[A-Z]-\d{3}$/);

export const DeskSchema = z.object({
  id: DeskIdSchema,
  letter: z.string().regex(/^[A-Z]$/),
  name: z.string().min(1),
});
export type Desk = z.infer<typeof DeskSchema>;

export const PrintOutcomeSchema = z.object({
  status: z.enum(['printed', 'failed']),
  /** Technician-facing reason; never contains visitor data. */
  detail: z.string().optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcomeSchema>;

export const TicketSchema = z.object({
  id: z.number().int().positive(),
  number: TicketNumberSchema,
  deskId: DeskIdSchema,
  deskName: z.string(),
  serviceDate: ServiceDateSchema,
  issuedAt: z.iso.datetime(),
  print: PrintOutcomeSchema,
});
export type Ticket = z.infer<typeof TicketSchema>;

export const KioskInfoSchema = z.object({
  siteName: z.string(),
  kioskType: KioskTypeSchema,
  timeZone: z.string(),
  serviceDate: ServiceDateSchema,
  version: z.string(),
});
export type KioskInfo = z.infer<typeof KioskInfoSchema>;

export const DeviceStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** `unknown` until the device has been used (or probed) once since start-up. */
  state: z.enum(['unknown', 'ready', 'error']),
  detail: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

const NoInput = z.object({}).strict();

/** Request/response pairs. Names are `area.verb`; they are also the LAN API paths. */
export const methods = {
  'kiosk.info': { input: NoInput, output: KioskInfoSchema },
  'desks.list': { input: NoInput, output: z.object({ desks: z.array(DeskSchema) }) },
  'tickets.issue': { input: z.object({ deskId: DeskIdSchema }).strict(), output: TicketSchema },
} as const;

/** Events pushed by the host to every connected UI. */
export const events = {
  'ticket.issued': TicketSchema,
  'device.status': DeviceStatusSchema,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.infer<Methods[M]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** What every call returns on every transport (Signal-Desktop style envelope). */
export const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);
export type Envelope<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: z.infer<typeof ApiErrorSchema> };

/** What the host pushes: one message per event. */
export const EventMessageSchema = z.object({ event: z.string(), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessageSchema>;

/** LAN paths, derived from the contract so server and browser client cannot drift. */
export const LAN_API_PREFIX = '/api/v1';
export const LAN_EVENTS_PATH = `${LAN_API_PREFIX}/events`;
export function lanMethodPath(method: MethodName): string {
  return `${LAN_API_PREFIX}/${method}`;
}
