import { z } from 'zod';
import { ButtonPanelConfigSchema, PrinterConfigSchema, ScannerConfigSchema, ScanDestinationSchema } from './deviceConfig.js';
import { ApplicationStatusInputSchema, ApplicationStatusSchema, CentralRegisterInputSchema, CentralStatusSchema, PoisonedEventSchema, VisitorContentSchema } from './central.js';
import { ApiErrorSchema } from './errors.js';
import {
  BoardSchema,
  BoardTextsSchema,
  ExportFormatSchema,
  FollowUpPlanInputSchema,
  FollowUpPlanSchema,
  IkmPublicationSchema,
  IkmReportSchema,
  MonthlyEvaluationSchema,
  ObstacleSchema,
  ReportExportSchema,
  ReportKindSchema,
} from './reports.js';
import { PeriodKeySchema } from '../domain/reportPeriod.js';
import { RespondentProfileSchema, SuggestionSchema, SurveyAnswersSchema } from '../domain/ikmQuestionnaire.js';
import {
  ClockTimeSchema,
  CoordinatingLevelSchema,
  EmployerScopeSchema,
  EmploymentStatusSchema,
  RoleSchema,
  ServiceSessionSchema,
  ServiceStateNameSchema,
  StaffRoleSchema,
  StationKindSchema,
  TicketStatusSchema,
  UserTypeSchema,
  type Role,
} from './vocabulary.js';

/**
 * The one contract between every UI (kiosk renderer, LAN stations) and the kiosk host.
 * Both ends are derived from these schemas: the host validates inputs against them, clients
 * validate outputs and events against them, and TypeScript types come from z.infer. Each method
 * also declares who may call it, so access is checked in one place for every transport.
 */

export const DeskIdSchema = z.number().int().min(1).max(7);
export const KioskTypeSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const ServiceDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const TicketNumberSchema = z.string().regex(/^[A-Z]-\d{3}$/);
export const TicketIdSchema = z.number().int().positive();
export const CounterNumberSchema = z.number().int().min(1).max(20);
const IsoInstant = z.iso.datetime();

export const ServiceStatusSchema = z.object({
  state: ServiceStateNameSchema,
  serviceDate: ServiceDateSchema,
  today: z.array(ServiceSessionSchema),
  holiday: z.string().optional(),
  override: z.string().optional(),
  closesAt: IsoInstant.optional(),
  nextOpening: IsoInstant.optional(),
});
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

export const WaitEstimateSchema = z.object({
  peopleAhead: z.number().int().min(0),
  minutes: z.number().int().min(0),
  /** True when no counter is open yet, so the estimate assumes one. */
  approximate: z.boolean(),
});
export type WaitEstimate = z.infer<typeof WaitEstimateSchema>;

export const DeskSchema = z.object({
  id: DeskIdSchema,
  letter: z.string().regex(/^[A-Z]$/),
  name: z.string().min(1),
  waiting: z.number().int().min(0),
  openCounters: z.number().int().min(0),
  estimate: WaitEstimateSchema,
  /** Numbers left today under the desk's daily cap (or the 999 limit). */
  remainingToday: z.number().int().min(0),
});
export type Desk = z.infer<typeof DeskSchema>;

/**
 * What happened to a ticket's paper. `printed` only when the printer confirmed the job (its status
 * read back before and after); `unconfirmed` when the configured printer cannot report status;
 * `pending` while the job is queued or printing; `interrupted` when the kiosk stopped mid-job.
 */
export const PrintStatusSchema = z.enum(['pending', 'printed', 'failed', 'unconfirmed', 'interrupted']);
export type PrintStatus = z.infer<typeof PrintStatusSchema>;
/** Why a job failed, in words a receptionist can act on; `detail` carries the technician's text. */
export const PrintFailureReasonSchema = z.enum(['offline', 'timeout', 'closed', 'reset', 'paper-out', 'cover-open', 'error']);
export type PrintFailureReason = z.infer<typeof PrintFailureReasonSchema>;
export const PrintOutcomeSchema = z.object({
  status: PrintStatusSchema,
  /** The print job this outcome belongs to (a reprint is a new job). */
  jobId: z.number().int().positive().optional(),
  reason: PrintFailureReasonSchema.optional(),
  /** Technician-facing reason; never contains visitor data. */
  detail: z.string().optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcomeSchema>;

/** Sent when a ticket's print job ends, however it ends. */
export const TicketPrintedSchema = z.object({
  ticketId: TicketIdSchema,
  number: TicketNumberSchema,
  print: PrintOutcomeSchema,
});
export type TicketPrinted = z.infer<typeof TicketPrintedSchema>;

/** What the visitor (and the receptionist who issued it) gets back: the number and its paper. */
export const TicketSchema = z.object({
  id: TicketIdSchema,
  number: TicketNumberSchema,
  deskId: DeskIdSchema,
  deskName: z.string(),
  serviceDate: ServiceDateSchema,
  issuedAt: IsoInstant,
  priority: z.boolean(),
  userType: UserTypeSchema.nullable(),
  estimate: WaitEstimateSchema,
  print: PrintOutcomeSchema,
  /** The signed ticket reference, also in the slip's QR code, verifiable by the kiosk offline. */
  reference: z.string().max(120),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** A ticket as stations see it through the day. Carries no personal data. */
export const TicketViewSchema = z.object({
  id: TicketIdSchema,
  number: TicketNumberSchema,
  /** The desk whose queue holds it now (changes on transfer; the number does not). */
  deskId: DeskIdSchema,
  status: TicketStatusSchema,
  priority: z.boolean(),
  userType: UserTypeSchema.nullable(),
  issuedAt: IsoInstant,
  /** Ordering key: the original issue time, kept across transfers. */
  queuedAt: IsoInstant,
  calledAt: IsoInstant.nullable(),
  servingAt: IsoInstant.nullable(),
  finishedAt: IsoInstant.nullable(),
  counterNumber: CounterNumberSchema.nullable(),
  calls: z.number().int().min(0),
  transferredFrom: DeskIdSchema.nullable(),
  services: z.array(z.string()),
  hasSiapkerjaId: z.boolean(),
});
export type TicketView = z.infer<typeof TicketViewSchema>;

export const CounterStateSchema = z.enum(['open', 'paused', 'closed']);
export const PauseReasonSchema = z.enum(['istirahat', 'ishoma', 'rapat', 'koordinasi_back_office', 'gangguan_sistem', 'lainnya']);
export type PauseReason = z.infer<typeof PauseReasonSchema>;

export const CounterViewSchema = z.object({
  deskId: DeskIdSchema,
  counterNumber: CounterNumberSchema,
  state: CounterStateSchema,
  pauseReason: PauseReasonSchema.nullable(),
  officerName: z.string().nullable(),
  currentTicketId: TicketIdSchema.nullable(),
  since: IsoInstant,
});
export type CounterView = z.infer<typeof CounterViewSchema>;

export const DayFiguresSchema = z.object({
  issued: z.number().int().min(0),
  waiting: z.number().int().min(0),
  inService: z.number().int().min(0),
  done: z.number().int().min(0),
  referred: z.number().int().min(0),
  noShow: z.number().int().min(0),
  cancelled: z.number().int().min(0),
  averageWaitSeconds: z.number().int().min(0).nullable(),
  averageServiceSeconds: z.number().int().min(0).nullable(),
  longestWaitingTicketId: TicketIdSchema.nullable(),
});
export type DayFigures = z.infer<typeof DayFiguresSchema>;

export const QueueSnapshotSchema = z.object({
  /** A station compares revisions: a gap means it missed an event and must take a new snapshot. */
  epoch: z.string(),
  revision: z.number().int().min(0),
  serviceDate: ServiceDateSchema,
  service: ServiceStatusSchema,
  desks: z.array(DeskSchema),
  /** Today's open tickets and the 100 most recently closed. */
  tickets: z.array(TicketViewSchema),
  counters: z.array(CounterViewSchema),
  figures: DayFiguresSchema,
  figuresByDesk: z.array(DayFiguresSchema.extend({ deskId: DeskIdSchema })),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;

export const CallAnnouncementSchema = z.object({
  ticketId: TicketIdSchema,
  number: TicketNumberSchema,
  deskId: DeskIdSchema,
  counterNumber: CounterNumberSchema,
  recall: z.boolean(),
  calledAt: IsoInstant,
  /** Voice clip ids in play order (see assets/voice). */
  clips: z.array(z.string()),
  text: z.string(),
});
export type CallAnnouncement = z.infer<typeof CallAnnouncementSchema>;

export const DisplayStateSchema = z.object({
  epoch: z.string(),
  revision: z.number().int().min(0),
  siteName: z.string(),
  timeZone: z.string(),
  service: ServiceStatusSchema,
  nowServing: z.array(
    z.object({ deskId: DeskIdSchema, counterNumber: CounterNumberSchema, number: TicketNumberSchema.nullable(), state: CounterStateSchema }),
  ),
  lastCalls: z.array(CallAnnouncementSchema),
  runningText: z.string(),
});
export type DisplayState = z.infer<typeof DisplayStateSchema>;

const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/**
 * A device's health as the technician and the receptionist see it. `online` means the device
 * answered (a status query, an open port); `unknown` until it has been asked once since start-up.
 */
export const DeviceHealthSchema = z.enum(['unknown', 'online', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error']);
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;
export const DeviceKindSchema = z.enum(['printer', 'scanner', 'buttons']);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

export const KioskInfoSchema = z.object({
  siteName: z.string(),
  kioskType: KioskTypeSchema,
  timeZone: z.string(),
  serviceDate: ServiceDateSchema,
  service: ServiceStatusSchema,
  /** The site's week, consecutive days with the same hours grouped (closed days left out). */
  weeklyHours: z.array(z.object({ from: WeekdaySchema, to: WeekdaySchema, sessions: z.array(ServiceSessionSchema) })),
  /** The ticket printer's health, so the visitor is told before choosing when no paper will come. */
  printer: DeviceHealthSchema,
  /** Seconds without a touch after which the visitor screen resets to the information board. */
  idleSeconds: z.number().int().min(1),
  /** Days the visit data given with consent is kept (told to the visitor before they agree). */
  visitorDataDays: z.number().int().min(1),
  version: z.string(),
});
export type KioskInfo = z.infer<typeof KioskInfoSchema>;

export const DeviceStatusSchema = z.object({
  /** One device per kind on a kiosk today: the id is the kind. */
  id: DeviceKindSchema,
  /** Protocol and transport, e.g. `escpos/tcp`, `scanner/serial`, `buttons/keyboard`. */
  driver: z.string(),
  state: DeviceHealthSchema,
  since: IsoInstant,
  /** Technician-facing text (address, port, raw error); stripped for LAN stations. */
  detail: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

/** One change of a device's health, from the audit trail (the device screen's history). */
export const DeviceHistoryEntrySchema = z.object({ at: IsoInstant, device: DeviceKindSchema, state: DeviceHealthSchema, detail: z.string().optional() });

export const DeviceConfigSchema = z.object({ printer: PrinterConfigSchema, scanner: ScannerConfigSchema, buttons: ButtonPanelConfigSchema });
export type DeviceConfig = z.infer<typeof DeviceConfigSchema>;

export const DevicesOverviewSchema = z.object({
  devices: z.array(DeviceStatusSchema),
  config: DeviceConfigSchema,
  /** Which devices are simulators, so the screen offers their levers. */
  simulated: z.array(DeviceKindSchema),
  history: z.array(DeviceHistoryEntrySchema),
});

/** What the technician can pick from when choosing a device's port. */
export const DevicePortsSchema = z.object({
  serial: z.array(z.object({ path: z.string(), manufacturer: z.string().optional(), vendorId: z.string().optional(), productId: z.string().optional() })),
  hid: z.array(
    z.object({ vendorId: z.number().int(), productId: z.number().int(), product: z.string().optional(), manufacturer: z.string().optional(), usagePage: z.number().int().optional() }),
  ),
  usbPrinters: z.array(z.string()),
  /** A source that could not be listed (e.g. no permission on /dev/hidraw*), in technician words. */
  problems: z.array(z.string()),
});
export type DevicePorts = z.infer<typeof DevicePortsSchema>;

export const SimulateInputSchema = z.discriminatedUnion('device', [
  z
    .object({
      device: z.literal('printer'),
      paper: z.enum(['ok', 'near-end', 'out']).optional(),
      cover: z.enum(['closed', 'open']).optional(),
      connected: z.boolean().optional(),
    })
    .strict(),
  z.object({ device: z.literal('scanner'), scan: z.string().max(512).optional(), connected: z.boolean().optional() }).strict(),
  z.object({ device: z.literal('buttons'), press: z.number().int().min(1).max(5).optional(), connected: z.boolean().optional() }).strict(),
]);

/**
 * A scan, as broadcast to screens: no personal data, only what kind it is and a masked form. The
 * screen it was meant for fetches the value with `scanner.claim`.
 */
export const ScanResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), kind: z.enum(['siapkerja-id', 'nik', 'ticket']), masked: z.string() }),
  z.object({ ok: z.literal(false), code: z.string(), problem: z.string() }),
]);
export const ScannerScannedSchema = z.object({
  scanId: z.string(),
  at: IsoInstant,
  deliverTo: ScanDestinationSchema,
  result: ScanResultSchema,
});
export type ScannerScanned = z.infer<typeof ScannerScannedSchema>;
export const ButtonsPressedSchema = z.object({ button: z.number().int().min(1).max(5), at: IsoInstant });

export const ReprintCandidateSchema = z.object({
  ticketId: TicketIdSchema,
  number: TicketNumberSchema,
  deskId: DeskIdSchema,
  status: TicketStatusSchema,
  issuedAt: IsoInstant,
  print: PrintOutcomeSchema,
});

export const CatalogueServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  userTypes: z.array(UserTypeSchema),
});
export type CatalogueService = z.infer<typeof CatalogueServiceSchema>;

export const StaffSchema = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  disabled: z.boolean(),
  lockedUntil: IsoInstant.nullable(),
});
export type Staff = z.infer<typeof StaffSchema>;

export const StationSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  kind: StationKindSchema,
  pairedAt: IsoInstant,
  lastSeenAt: IsoInstant.nullable(),
  revoked: z.boolean(),
});
export type Station = z.infer<typeof StationSchema>;

export const WhoAmISchema = z.object({
  station: z.object({ id: z.number().int().positive(), name: z.string(), kind: StationKindSchema }).nullable(),
  /** True for the kiosk's own screen (the machine the host runs on). */
  local: z.boolean(),
  staff: z.object({ id: z.number().int().positive(), name: z.string(), role: StaffRoleSchema }).nullable(),
  roles: z.array(RoleSchema),
  counter: CounterViewSchema.nullable(),
});
export type WhoAmI = z.infer<typeof WhoAmISchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: IsoInstant,
  action: z.string(),
  ticketNumber: z.string().nullable(),
  deskId: DeskIdSchema.nullable(),
  counterNumber: CounterNumberSchema.nullable(),
  staffName: z.string().nullable(),
  stationName: z.string().nullable(),
  channel: z.enum(['kiosk', 'lan']),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const WhatsAppSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{7,18}$/, 'a WhatsApp number such as 0812 3456 7890 or +62 812 3456 7890');
export const ReferralInputSchema = z
  .object({
    userType: UserTypeSchema,
    /** Employers only: where they operate, which decides the coordinating level. */
    employerScope: EmployerScopeSchema.optional(),
    /** Job seekers, workers and the public: the officer chooses the level. */
    level: CoordinatingLevelSchema.optional(),
    followUpDate: ServiceDateSchema,
    followUpTime: ClockTimeSchema,
    place: z.string().trim().min(3).max(200).optional(),
    onlineLink: z.url({ protocol: /^https$/ }).max(300).optional(),
    whatsapp: WhatsAppSchema.optional(),
    email: z.email().max(254).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((value) => value.place !== undefined || value.onlineLink !== undefined, {
    message: 'a place or an online link is required',
    path: ['place'],
  })
  .refine((value) => value.whatsapp !== undefined || value.email !== undefined, {
    message: 'a WhatsApp number or an e-mail address is required',
    path: ['whatsapp'],
  });
export type ReferralInput = z.infer<typeof ReferralInputSchema>;

export const ReferralSchema = z.object({
  id: z.number().int().positive(),
  ticketNumber: TicketNumberSchema,
  deskId: DeskIdSchema,
  level: CoordinatingLevelSchema,
  userType: UserTypeSchema,
  followUpDate: ServiceDateSchema,
  followUpTime: ClockTimeSchema,
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  /** Masked: the full contact is encrypted at rest and goes only to the back office. */
  contactMasked: z.string(),
  createdAt: IsoInstant,
});
export type Referral = z.infer<typeof ReferralSchema>;

const NoInput = z.object({}).strict();
const MonthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2026-11');
const TicketRef = z.object({ ticketId: TicketIdSchema }).strict();
const Pin = z.string().regex(/^\d{6,8}$/, 'a PIN of 6 to 8 digits');
/** SIAPkerja-ID as scanned: printable ASCII only, so a scanner's control bytes never get in. */
const SiapkerjaIdSchema = z.string().trim().regex(/^[A-Za-z0-9.\-/]{6,40}$/, 'a SIAPkerja-ID barcode');

const ANY_STAFF: readonly Role[] = ['receptionist', 'officer', 'manager', 'technician'];
const STAFF_AND_SCREENS: readonly Role[] = ['kiosk', 'display', ...ANY_STAFF];

/**
 * Who may call a method:
 * - `anyone`: also unpaired callers (only pairing itself);
 * - `station`: the kiosk's own screen or any paired station, with or without a staff login;
 * - a list of roles: the caller must hold one of them.
 */
export type Access = 'anyone' | 'station' | readonly Role[];

interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: Access;
}
const method = <I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O) => ({ access, input, output });

const Ok = z.object({ ok: z.literal(true) });

/** Request/response pairs. Names are `area.verb`; they are also the LAN API paths. */
export const methods = {
  'kiosk.info': method('station', NoInput, KioskInfoSchema),
  'desks.list': method('station', NoInput, z.object({ desks: z.array(DeskSchema) })),
  'services.catalogue': method(
    'station',
    NoInput,
    z.object({ desks: z.array(z.object({ deskId: DeskIdSchema, services: z.array(CatalogueServiceSchema) })) }),
  ),

  'tickets.issue': method(
    ['kiosk', 'receptionist'],
    z
      .object({
        deskId: DeskIdSchema,
        priority: z.boolean().default(false),
        userType: UserTypeSchema.optional(),
        /**
         * The visitor's SIAPkerja-ID (scanned) or NIK (typed on the kiosk keypad), for the desk: sealed
         * at rest, never in events or the outbox; the NIK is checked for its structure.
         */
        identity: z.object({ kind: z.enum(['siapkerja-id', 'nik']), value: z.string().trim().min(6).max(40) }).strict().optional(),
        /**
         * The visit's data, given only with consent (UU PDP): employment status and an optional
         * WhatsApp number for follow-up; sealed with the ticket and purged after the retention window.
         */
        visitor: z
          .object({ consent: z.literal(true), consentVersion: z.string().max(20), employmentStatus: EmploymentStatusSchema, whatsapp: WhatsAppSchema.optional() })
          .strict()
          .optional(),
      })
      .strict(),
    TicketSchema,
  ),
  'tickets.reprint': method(['receptionist'], TicketRef, TicketSchema),
  /** Today's open tickets whose paper did not come out (failed, or interrupted by a restart). */
  'tickets.needingReprint': method(['receptionist', 'manager'], NoInput, z.object({ tickets: z.array(ReprintCandidateSchema) })),
  /** Checks a ticket QR's signed reference offline and returns today's ticket it names. */
  'tickets.verifyReference': method(
    ['officer', 'receptionist', 'manager', 'kiosk'],
    z.object({ reference: z.string().max(200) }).strict(),
    TicketViewSchema,
  ),

  /**
   * One anonymous IKM response for a served ticket, proven by its signed reference; a second one for
   * the same ticket is refused (`conflict`). The kiosk screen and paired kiosk (survey) stations.
   */
  'survey.submit': method(
    ['kiosk'],
    z
      .object({
        reference: z.string().max(200),
        answers: SurveyAnswersSchema,
        profile: RespondentProfileSchema.default({}),
        suggestion: SuggestionSchema.optional(),
        input: z.enum(['touch', 'buttons']),
      })
      .strict(),
    Ok,
  ),

  /** Before the questions: is this ticket's survey open, already answered, or not yet served? */
  'survey.check': method(
    ['kiosk'],
    z.object({ reference: z.string().max(200) }).strict(),
    z.object({ number: TicketNumberSchema, deskId: DeskIdSchema, state: z.enum(['open', 'answered', 'not_served']) }),
  ),
  /** The officer offers the survey on the kiosk for the ticket just served (`survey.invited`). */
  'survey.invite': method(['officer'], TicketRef, z.object({ inviteId: z.string() })),
  /** A visitor screen (the kiosk or a paired survey station) takes up an invitation, once: the ticket's reference, for `survey.submit`. */
  'survey.claimInvite': method(['kiosk'], z.object({ inviteId: z.string().max(40) }).strict(), z.object({ reference: z.string(), number: TicketNumberSchema, deskId: DeskIdSchema })),

  /** The IKM report of a period (month, quarter, semester, year), optionally for one desk. */
  'reports.ikm': method(['manager'], z.object({ period: PeriodKeySchema, deskId: DeskIdSchema.optional() }).strict(), IkmReportSchema),
  /** The monthly evaluation of BAB VI (a month key such as 2026-11). */
  'reports.monthly': method(['manager'], z.object({ period: MonthKeySchema }).strict(), MonthlyEvaluationSchema),
  /** The manager's rencana tindak lanjut for a period, replacing the previous one. */
  'reports.saveFollowUp': method(['manager'], z.object({ period: PeriodKeySchema, plan: FollowUpPlanInputSchema }).strict(), FollowUpPlanSchema),
  /** An obstacle (kendala) of the month, in the manager's words. */
  'reports.addObstacle': method(['manager'], z.object({ date: ServiceDateSchema, text: z.string().trim().min(3).max(500) }).strict(), ObstacleSchema),
  'reports.removeObstacle': method(['manager'], z.object({ id: z.number().int().positive() }).strict(), Ok),
  /** Publishes a period's IKM: shown on the information board and sent to central. */
  'reports.publishIkm': method(['manager'], z.object({ period: PeriodKeySchema }).strict(), IkmPublicationSchema),
  'reports.export': method(
    ['manager'],
    z
      .object({
        report: ReportKindSchema,
        period: PeriodKeySchema,
        format: ExportFormatSchema,
        deskId: DeskIdSchema.optional(),
        /** The `generatedAt` of the report on screen: the file is made from that very value when the host still has it. */
        generatedAt: IsoInstant.optional(),
      })
      .strict(),
    ReportExportSchema,
  ),
  /** The information board on the kiosk's idle screen. */
  'board.get': method('station', NoInput, BoardSchema),
  'board.update': method(['manager'], BoardTextsSchema, BoardSchema),

  /** Store-and-forward to the central API: backlog, last success and error, pulls. */
  'central.status': method(['technician', 'manager'], NoInput, CentralStatusSchema),
  /** Exchanges a pairing code for a device credential (kept encrypted) and starts forwarding. */
  'central.register': method(['technician'], CentralRegisterInputSchema, CentralStatusSchema),
  /** Tries now instead of waiting for the backoff: send the backlog and pull. */
  'central.syncNow': method(['technician'], NoInput, CentralStatusSchema),
  'central.poisoned': method(['technician'], NoInput, z.object({ events: z.array(PoisonedEventSchema) })),
  /** Puts quarantined events back in line (after a fix on either side). */
  'central.resend': method(['technician'], z.object({ seqs: z.array(z.number().int().positive()).min(1).max(1000) }).strict(), z.object({ requeued: z.number().int().min(0) })),
  /** What the visitor screens show: needs, guides, the JKP assessment, PP/PKB registry, vacancies. */
  'content.get': method('station', NoInput, VisitorContentSchema),
  /** A PP/PKB application's status, asked of central live; `unavailable` while central cannot be reached. */
  'agreements.applicationStatus': method('station', ApplicationStatusInputSchema, ApplicationStatusSchema),
  /** A support bundle for the vendor: configuration without secrets, health, logs; no personal data. */
  'diagnostics.bundle': method(['technician'], NoInput, ReportExportSchema),

  'devices.overview': method(['technician', 'manager'], NoInput, DevicesOverviewSchema),
  'devices.ports': method(['technician'], NoInput, DevicePortsSchema),
  /** Asks a device for its status now. */
  'devices.probe': method(['technician', 'receptionist'], z.object({ device: DeviceKindSchema }).strict(), DeviceStatusSchema),
  'devices.testPrint': method(['technician'], NoInput, PrintOutcomeSchema),
  /** Levers on simulated devices (paper out, cover open, unplug, scan a code, press a button). */
  'devices.simulate': method(['technician'], SimulateInputSchema, DeviceStatusSchema),
  /** Chooses a device's transport and port; saved to the configuration file and applied at once. */
  'devices.configure': method(['technician'], DeviceConfigSchema.partial().strict(), DevicesOverviewSchema),
  /** The full value of a scan meant for the caller's screen (the event carries it masked). */
  'scanner.claim': method(['officer', 'kiosk'], z.object({ scanId: z.string().max(40) }).strict(), z.object({ kind: z.enum(['siapkerja-id', 'nik', 'ticket']), value: z.string() })),

  'queue.snapshot': method(ANY_STAFF, NoInput, QueueSnapshotSchema),
  'display.state': method(STAFF_AND_SCREENS, NoInput, DisplayStateSchema),
  'queue.callNext': method(['officer'], NoInput, z.object({ ticket: TicketViewSchema.nullable() })),
  'queue.recall': method(['officer'], TicketRef, TicketViewSchema),
  'queue.start': method(['officer'], TicketRef, TicketViewSchema),
  'queue.noShow': method(['officer'], TicketRef, TicketViewSchema),
  'queue.finish': method(
    ['officer'],
    z
      .object({ ticketId: TicketIdSchema, services: z.array(z.string().max(40)).min(1).max(20), siapkerjaId: SiapkerjaIdSchema.optional() })
      .strict(),
    TicketViewSchema,
  ),
  'queue.attachSiapkerjaId': method(['officer'], z.object({ ticketId: TicketIdSchema, siapkerjaId: SiapkerjaIdSchema }).strict(), TicketViewSchema),
  'queue.transfer': method(
    ['officer', 'receptionist'],
    z.object({ ticketId: TicketIdSchema, toDeskId: DeskIdSchema, note: z.string().trim().max(200).optional() }).strict(),
    TicketViewSchema,
  ),
  'queue.refer': method(
    ['officer'],
    z.object({ ticketId: TicketIdSchema, services: z.array(z.string().max(40)).max(20).default([]), referral: ReferralInputSchema }).strict(),
    z.object({ ticket: TicketViewSchema, referral: ReferralSchema }),
  ),
  'queue.cancel': method(
    ['receptionist', 'officer'],
    z.object({ ticketId: TicketIdSchema, reason: z.string().trim().min(3).max(200) }).strict(),
    TicketViewSchema,
  ),

  'counters.open': method(['officer'], z.object({ deskId: DeskIdSchema, counterNumber: CounterNumberSchema }).strict(), CounterViewSchema),
  'counters.close': method(['officer'], NoInput, CounterViewSchema),
  'counters.pause': method(['officer'], z.object({ reason: PauseReasonSchema }).strict(), CounterViewSchema),
  'counters.resume': method(['officer'], NoInput, CounterViewSchema),
  /** A counter left open by an officer who went away: closed, its visitor back in line. */
  'counters.release': method(['receptionist', 'manager'], z.object({ deskId: DeskIdSchema, counterNumber: CounterNumberSchema }).strict(), CounterViewSchema),

  'stations.pair': method(
    'anyone',
    z.object({ code: z.string().regex(/^\d{6}$/), name: z.string().trim().min(1).max(60) }).strict(),
    z.object({ station: StationSchema, token: z.string() }),
  ),
  'stations.createPairingCode': method(
    ['technician'],
    z.object({ kind: StationKindSchema }).strict(),
    z.object({ code: z.string(), kind: StationKindSchema, expiresAt: IsoInstant }),
  ),
  'stations.list': method(['technician', 'manager'], NoInput, z.object({ stations: z.array(StationSchema) })),
  'stations.revoke': method(['technician'], z.object({ stationId: z.number().int().positive() }).strict(), StationSchema),

  'auth.login': method('station', z.object({ username: z.string().trim().min(1).max(40), pin: Pin }).strict(), z.object({
    sessionToken: z.string(),
    expiresAt: IsoInstant,
    staff: z.object({ id: z.number().int().positive(), name: z.string(), role: StaffRoleSchema }),
  })),
  'auth.logout': method('station', NoInput, Ok),
  'auth.whoami': method('station', NoInput, WhoAmISchema),

  'staff.list': method(['manager', 'technician'], NoInput, z.object({ staff: z.array(StaffSchema) })),
  'staff.create': method(
    ['manager', 'technician'],
    z
      .object({
        username: z.string().trim().regex(/^[a-z0-9._-]{3,40}$/i, 'a user name of 3–40 letters, digits, dots, dashes'),
        name: z.string().trim().min(1).max(60),
        role: StaffRoleSchema,
        pin: Pin,
      })
      .strict(),
    StaffSchema,
  ),
  'staff.setPin': method(['manager', 'technician'], z.object({ staffId: z.number().int().positive(), pin: Pin }).strict(), StaffSchema),
  'staff.setDisabled': method(
    ['manager', 'technician'],
    z.object({ staffId: z.number().int().positive(), disabled: z.boolean() }).strict(),
    StaffSchema,
  ),

  'audit.list': method(
    ['manager', 'technician'],
    z.object({ serviceDate: ServiceDateSchema.optional(), beforeId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.object({ entries: z.array(AuditEntrySchema) }),
  ),
  'referrals.list': method(['manager', 'officer'], z.object({ serviceDate: ServiceDateSchema.optional() }).strict(), z.object({ referrals: z.array(ReferralSchema) })),
  'calendar.setOverride': method(
    ['technician', 'manager'],
    z.object({ date: ServiceDateSchema, sessions: z.array(ServiceSessionSchema).max(4), note: z.string().trim().min(3).max(120) }).strict(),
    ServiceStatusSchema,
  ),
} as const satisfies Record<string, MethodSpec>;

/** A batch of queue changes, in revision order. */
export const QueueChangedSchema = z.object({
  epoch: z.string(),
  revision: z.number().int().min(1),
  tickets: z.array(TicketViewSchema),
  counters: z.array(CounterViewSchema),
});
export type QueueChanged = z.infer<typeof QueueChangedSchema>;

/** Events pushed by the host to every connected UI. */
export const events = {
  'ticket.issued': TicketSchema,
  'queue.changed': QueueChangedSchema,
  'queue.called': CallAnnouncementSchema,
  'device.status': DeviceStatusSchema,
  'ticket.printed': TicketPrintedSchema,
  'scanner.scanned': ScannerScannedSchema,
  'buttons.pressed': ButtonsPressedSchema,
  /** An officer offered the survey for a served ticket; the kiosk screen claims it. */
  'survey.invited': z.object({ inviteId: z.string(), number: TicketNumberSchema, deskId: DeskIdSchema, at: IsoInstant }),
  /** The manager changed the board's texts or published an IKM. */
  'board.changed': BoardSchema,
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

/**
 * Credentials on the LAN: a paired station sends its token as `Authorization: Bearer <token>`, and
 * a staff session as this header. Over the events WebSocket (where browsers cannot set headers)
 * both travel in the first message, `{ "hello": { station, session } }`.
 */
export const SESSION_HEADER = 'x-kiosk-session';
export const EventsHelloSchema = z
  .object({ hello: z.object({ station: z.string().max(100).optional(), session: z.string().max(100).optional() }).strict() })
  .strict();
export type EventsHello = z.infer<typeof EventsHelloSchema>;
/** WebSocket close codes the events endpoint uses (4000–4999 is the application range). */
export const WS_CLOSE_UNAUTHENTICATED = 4401;
export const WS_CLOSE_TOO_MANY = 4429;
