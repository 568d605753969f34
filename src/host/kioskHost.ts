import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { methods, type DeviceStatus, type Envelope } from '../contract/api.js';
import type { ForwarderState } from '../contract/central.js';
import type { BarcodeScanner } from '../devices/barcodeScanner.js';
import type { ButtonPanel } from '../devices/buttonPanel.js';
import type { SimulatorControls } from '../devices/simulatorControls.js';
import type { TicketPrinter } from '../devices/ticketPrinter.js';
import { desksForKioskType } from '../domain/desks.js';
import { DomainError } from '../domain/domainError.js';
import { serviceDateAt } from '../domain/serviceDate.js';
import { servicesForDesk } from '../domain/serviceCatalogue.js';
import { weeklyHours } from '../domain/weeklyHours.js';
import { openKioskDatabase } from '../store/kioskDatabase.js';
import { auditEntries } from '../store/queueQueries.js';
import { APP_VERSION } from '../version.js';
import { AuthService } from './auth/authService.js';
import type { Caller } from './auth/caller.js';
import { loadFieldCipher } from './auth/fieldCipher.js';
import { BoardService } from './board/boardService.js';
import { createCentralHttp } from './central/centralHttp.js';
import { createFileCredentialStore, PLAIN_OWNER_ONLY, type CredentialStore } from './central/credentialStore.js';
import { CentralForwarder } from './central/forwarder.js';
import { ContentService } from './content/contentService.js';
import { buildDiagnosticsBundle } from './diagnostics/diagnosticsBundle.js';
import { exportReportFile } from './reports/reportExport.js';
import { ReportService } from './reports/reportService.js';
import { createDispatcher, type CallContext, type Handlers } from './dispatcher.js';
import { EventBus } from './eventBus.js';
import type { KioskConfig } from './kioskConfig.js';
import { silentLogger, type Logger } from './logger.js';
import { QueueService, siteDesks } from './queue/queueService.js';
import { DeviceService, type DeviceFactory } from './devices/deviceService.js';
import { saveConfigSections } from './loadKioskConfig.js';
import { SurveyService } from './survey/surveyService.js';
import { TicketService } from './tickets/ticketService.js';
import { loadTicketReferenceSigner } from './tickets/ticketReference.js';

export const DATABASE_FILE_NAME = 'kiosk.sqlite';
/** In `<data-dir>/secrets/`: the central device credential (encrypted by safeStorage in Electron). */
export const CENTRAL_CREDENTIAL_FILE = 'central-credential';
const UNHEALTHY: ReadonlySet<DeviceStatus['state']> = new Set(['error', 'offline', 'paper-out', 'cover-open']);

export interface KioskHostOptions {
  dataDir: string;
  config: KioskConfig;
  printer: TicketPrinter;
  scanner?: BarcodeScanner | null;
  buttons?: ButtonPanel | null;
  /** Levers of the simulated devices among the above (device screen, tests). */
  simulators?: SimulatorControls;
  /** Lets the technician change devices without a restart; without it the settings are fixed. */
  deviceFactory?: DeviceFactory;
  clock?: () => Date;
  log?: Logger;
  /** Where the central device credential is kept (Electron: safeStorage); default a file only the owner can read. */
  credentials?: CredentialStore;
  /** Forward to central (default true); tests of other parts may leave the outbox alone. */
  forwarding?: boolean;
}

export interface HostHealth {
  status: 'ok' | 'degraded';
  version: string;
  database: { ok: boolean; schemaVersion: number; error?: string };
  devices: DeviceStatus[];
  sync: {
    /** `unknown` when the database could not be read for it. */
    state: ForwarderState | 'unknown';
    backlog: number;
    poisoned: number;
    oldestPendingAgeSeconds: number | null;
    lastSuccessAt: string | null;
    lastError: { at: string; message: string } | null;
  };
  uptimeSeconds: number;
}

export type EventsAuthorization = { ok: true } | { ok: false; code: 'unauthenticated' | 'forbidden'; message: string };

export interface KioskHost {
  readonly config: KioskConfig;
  readonly events: EventBus;
  /** Authenticates the caller from the context, checks the method's access, validates, runs. */
  dispatch(method: string, input: unknown, context: CallContext): Promise<Envelope>;
  /** May this caller receive events: the kiosk's own screen or a paired, unrevoked station. */
  authorizeEvents(context: CallContext): EventsAuthorization;
  /** Staff accounts from the kiosk machine itself (first technician, demo day). */
  createStaff(input: { username: string; name: string; role: 'receptionist' | 'officer' | 'manager' | 'technician'; pin: string }): Promise<void>;
  health(): HostHealth;
  /** Stops taking calls, waits for those in flight, then closes devices and the database. */
  close(): Promise<void>;
}

/**
 * The kiosk's behaviour, composed once and shared by every run mode: the Electron main process
 * and the headless Node host both create exactly this, and put transports in front of it.
 */
export function createKioskHost(options: KioskHostOptions): KioskHost {
  const { dataDir, config, printer } = options;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? silentLogger;
  const startedAt = Date.now();

  mkdirSync(dataDir, { recursive: true });
  const { db, schemaVersion } = openKioskDatabase(join(dataDir, DATABASE_FILE_NAME));
  const cipher = loadFieldCipher(dataDir);
  const events = new EventBus();
  const desks = siteDesks(config, desksForKioskType(config.kioskType, config.tipe4Desks));
  const queue = new QueueService({ db, config, desks, events, cipher, clock });
  const auth = new AuthService(db, clock, (caller, action, detail) => queue.audit(caller, action, detail));
  // Screens, the audit trail and the outbox learn of a jam or a recovery as it happens.
  const devices = new DeviceService({
    db,
    config,
    devices: { printer, scanner: options.scanner ?? null, buttons: options.buttons ?? null, simulators: options.simulators ?? {} },
    factory: options.deviceFactory,
    saveConfig: options.deviceFactory ? (sections) => saveConfigSections(dataDir, sections) : undefined,
    events,
    clock,
    log,
    audit: (caller, action, detail) => queue.audit(caller, action, detail),
    counterOf: (caller) => queue.counterOf(caller),
  });
  const references = loadTicketReferenceSigner(dataDir);
  const deskNames = new Map(desks.map((desk) => [desk.id, desk.name] as const));
  const reports = new ReportService({
    db,
    config,
    events,
    clock,
    deskNames,
    audit: (caller, action, detail) => queue.audit(caller, action, detail),
    // Called only after a publication commits, long after `board` below exists.
    onPublished: () => board.announce(),
  });
  const board = new BoardService({ db, config, events, clock, latestPublication: () => reports.publication(), audit: (caller, action, detail) => queue.audit(caller, action, detail) });
  const survey = new SurveyService({ db, config, references, events, clock, counterOf: (caller) => queue.counterOf(caller) });
  const tickets = new TicketService({
    db,
    config,
    printer: () => devices.printer,
    references,
    events,
    queue,
    clock,
    log,
  });

  const credentials = options.credentials ?? createFileCredentialStore(join(dataDir, 'secrets', CENTRAL_CREDENTIAL_FILE), PLAIN_OWNER_ONLY);
  const forwarder = new CentralForwarder({
    db,
    config,
    credentials,
    cipher,
    http: centralHttp(config, log),
    clock,
    today: () => serviceDateAt(clock(), config.timeZone),
    log,
    version: APP_VERSION,
    onResource: (resource) => {
      if (resource !== 'config') return;
      queue.forgetCalendar();
      // Every screen shows the ministry's announcement as soon as it arrives.
      board.announce();
    },
  });
  try {
    if (credentials.kind === 'owner-only-file' && credentials.load()) {
      log.warn('the central device credential is kept in a file readable only by this user, not encrypted (no OS keychain here)', {});
    }
  } catch {
    // An unreadable credential must not keep the kiosk from serving visitors; the forwarder says why.
  }
  if (options.forwarding !== false) forwarder.start();
  const content = new ContentService({ db, log });

  function health(): HostHealth {
    let database: HostHealth['database'];
    let sync: HostHealth['sync'] = { state: 'idle', backlog: 0, poisoned: 0, oldestPendingAgeSeconds: null, lastSuccessAt: null, lastError: null };
    try {
      db.prepare('SELECT 1').get();
      const central = forwarder.status();
      sync = {
        state: central.state,
        backlog: central.backlog,
        poisoned: central.poisoned,
        oldestPendingAgeSeconds: central.oldestPendingAgeSeconds,
        lastSuccessAt: central.lastSuccessAt,
        lastError: central.lastError,
      };
      database = { ok: true, schemaVersion };
    } catch (error) {
      database = { ok: false, schemaVersion, error: (error as Error).message };
    }
    const statuses = devices.statuses();
    // A device that cannot do its job (no paper, cover open, unplugged, failing) makes the kiosk
    // degraded: a monitor polling /healthz must see what the visitor would meet.
    const healthy = database.ok && statuses.every((device) => !UNHEALTHY.has(device.state));
    return {
      status: healthy ? 'ok' : 'degraded',
      version: APP_VERSION,
      database,
      devices: statuses,
      sync,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  }

  const whoAmI = (caller: Caller) => ({
    station: caller.station,
    local: caller.local,
    staff: caller.staff,
    roles: [...caller.roles],
    counter: queue.counterOf(caller),
  });

  const handlers: Handlers = {
    'kiosk.info': () => {
      const now = clock();
      return {
        siteName: config.siteName,
        kioskType: config.kioskType,
        timeZone: config.timeZone,
        serviceDate: serviceDateAt(now, config.timeZone),
        service: queue.serviceStatus(now),
        weeklyHours: weeklyHours(config.calendar),
        printer: devices.printer.status().state,
        idleSeconds: config.idleSeconds,
        visitorDataDays: config.privacy.visitorDataDays,
        version: APP_VERSION,
      };
    },
    'desks.list': () => ({ desks: queue.deskList() }),
    'services.catalogue': () => ({
      desks: desks.map((desk) => ({ deskId: desk.id, services: servicesForDesk(desk.id) })),
    }),
    'tickets.issue': (input, caller) => tickets.issue(input, caller),
    'tickets.reprint': (input, caller) => tickets.reprint(input.ticketId, caller),
    'tickets.needingReprint': () => tickets.needingReprint(),
    'tickets.verifyReference': (input) => tickets.verifyReference(input.reference),
    'reports.ikm': (input) => reports.ikm(input.period, input.deskId),
    'reports.monthly': (input) => reports.monthly(input.period),
    'reports.saveFollowUp': (input, caller) => reports.saveFollowUp(input.period, input.plan, caller),
    'reports.addObstacle': (input, caller) => reports.addObstacle(input.date, input.text, caller),
    'reports.removeObstacle': (input, caller) => reports.removeObstacle(input.id, caller),
    'reports.publishIkm': (input, caller) => reports.publish(input.period, caller),
    'reports.export': async (input) => {
      const file =
        input.report === 'ikm'
          ? await exportReportFile({ kind: 'ikm', report: reports.forExport('ikm', input.period, input.deskId, input.generatedAt) }, input.format)
          : await exportReportFile({ kind: 'monthly', report: reports.forExport('monthly', input.period, undefined, input.generatedAt) }, input.format);
      return { filename: file.filename, mimeType: file.mimeType, base64: file.bytes.toString('base64') };
    },
    'board.get': () => board.get(),
    'board.update': (input, caller) => board.update(input, caller),
    'central.status': () => forwarder.status(),
    'central.register': async (input, caller) => {
      await forwarder.register(input);
      const status = forwarder.status();
      // Who pointed this kiosk's data where: the audit trail keeps it (the address, never the credential).
      db.transaction(() => queue.audit(caller, 'central.registered', { url: status.url, deviceId: status.deviceId })).immediate();
      return status;
    },
    'central.syncNow': async () => {
      await forwarder.syncNow();
      return forwarder.status();
    },
    'central.poisoned': () => ({ events: forwarder.poisoned() }),
    'central.resend': (input) => ({ requeued: forwarder.resend(input.seqs) }),
    'content.get': () => content.get(),
    'agreements.applicationStatus': (input) => forwarder.applicationStatus(input.number),
    'diagnostics.bundle': () =>
      buildDiagnosticsBundle({ dataDir, config, health, devices: () => devices.overview(), db, clock, version: APP_VERSION }),
    'devices.overview': () => devices.overview(),
    'devices.ports': () => devices.ports(),
    'devices.probe': (input) => devices.probe(input.device),
    'devices.testPrint': () => devices.testPrint(),
    'devices.simulate': (input) => devices.simulate(input),
    'devices.configure': (input, caller) => devices.configure(input, caller),
    'scanner.claim': (input, caller) => devices.claimScan(input.scanId, caller),
    'survey.submit': (input) => survey.submit(input),
    'survey.check': (input) => survey.check(input.reference),
    'survey.invite': (input, caller) => survey.invite(input.ticketId, caller),
    'survey.claimInvite': (input) => survey.claimInvite(input.inviteId),
    'queue.snapshot': () => queue.snapshot(),
    'display.state': () => queue.displayState(),
    'queue.callNext': (_input, caller) => ({ ticket: queue.callNext(caller) }),
    'queue.recall': (input, caller) => queue.recall(input.ticketId, caller),
    'queue.start': (input, caller) => queue.start(input.ticketId, caller),
    'queue.noShow': (input, caller) => queue.noShow(input.ticketId, caller),
    'queue.finish': (input, caller) => queue.finish(input.ticketId, input.services, input.siapkerjaId, caller),
    'queue.attachSiapkerjaId': (input, caller) => queue.attachSiapkerjaId(input.ticketId, input.siapkerjaId, caller),
    'queue.transfer': (input, caller) => queue.transfer(input.ticketId, input.toDeskId, input.note, caller),
    'queue.refer': (input, caller) => queue.refer(input.ticketId, input.services, input.referral, caller),
    'queue.cancel': (input, caller) => queue.cancel(input.ticketId, input.reason, caller),
    'counters.open': (input, caller) => queue.openCounter(input.deskId, input.counterNumber, caller),
    'counters.close': (_input, caller) => queue.closeCounter(caller),
    'counters.pause': (input, caller) => queue.pauseCounter(input.reason, caller),
    'counters.resume': (_input, caller) => queue.resumeCounter(caller),
    'counters.release': (input, caller) => queue.releaseCounter(input.deskId, input.counterNumber, caller),
    'stations.pair': (input, caller) => auth.pair(input.code, input.name, caller),
    'stations.createPairingCode': (input, caller) => auth.createPairingCode(input.kind, caller),
    'stations.list': () => ({ stations: auth.stations() }),
    'stations.revoke': (input, caller) => auth.revoke(input.stationId, caller),
    'auth.login': (input, caller) => auth.login(input.username, input.pin, caller),
    'auth.logout': (_input, caller) => {
      queue.closeCounterOnLogout(caller);
      auth.logout(caller);
      return { ok: true as const };
    },
    'auth.whoami': (_input, caller) => whoAmI(caller),
    'staff.list': () => ({ staff: auth.staffList() }),
    'staff.create': (input, caller) => auth.createStaff(input, caller),
    'staff.setPin': async (input, caller) => {
      const staff = await auth.setPin(input.staffId, input.pin, caller);
      queue.releaseCountersOf(input.staffId, caller);
      return staff;
    },
    'staff.setDisabled': (input, caller) => {
      const staff = auth.setDisabled(input.staffId, input.disabled, caller);
      if (input.disabled) queue.releaseCountersOf(input.staffId, caller);
      return staff;
    },
    'audit.list': (input) => {
      const serviceDate = input.serviceDate ?? serviceDateAt(clock(), config.timeZone);
      return {
        entries: auditEntries(db, serviceDate, input.beforeId ?? Number.MAX_SAFE_INTEGER, input.limit).map((row) => ({
          id: row.id,
          at: row.at,
          action: row.action,
          ticketNumber: row.number,
          deskId: row.desk_id,
          counterNumber: row.counter_number,
          staffName: row.staff_name,
          stationName: row.station_name,
          channel: row.channel,
          detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
        })),
      };
    },
    'referrals.list': (input) => ({ referrals: queue.referrals(input.serviceDate) }),
    'calendar.setOverride': (input, caller) => queue.setCalendarOverride(input.date, input.sessions, input.note, caller),
  };
  const dispatchCall = createDispatcher(handlers, (context) => auth.resolve(context), log);
  const rollOver = () => {
    try {
      queue.rollOver();
      survey.forgetPastTickets();
      tickets.purgeExpiredVisitorData();
    } catch (error) {
      log.error('service day roll-over failed', { error: (error as Error).message });
    }
  };
  rollOver();

  const inFlight = new Set<Promise<Envelope>>();
  let closing = false;
  let closed: Promise<void> | undefined;

  return {
    config,
    events,
    dispatch(method, input, context) {
      if (closing) {
        return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'kiosk is shutting down' } });
      }
      rollOver();
      const call = dispatchCall(method, input, context).finally(() => inFlight.delete(call));
      inFlight.add(call);
      return call;
    },
    authorizeEvents(context) {
      try {
        const caller = auth.resolve(context);
        if (caller.local || caller.station) return { ok: true };
        return { ok: false, code: 'unauthenticated', message: 'this station is not paired with the kiosk' };
      } catch (error) {
        if (error instanceof DomainError) return { ok: false, code: 'unauthenticated', message: error.message };
        throw error;
      }
    },
    async createStaff(input) {
      const parsed = methods['staff.create'].input.safeParse(input);
      if (!parsed.success) throw new DomainError('invalid_input', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      await auth.createStaff(parsed.data, null);
    },
    health,
    close() {
      closed ??= (async () => {
        closing = true;
        await Promise.allSettled([...inFlight]);
        await forwarder.stop();
        await tickets.drain();
        await devices.close();
        db.close();
      })();
      return closed;
    },
  };
}

/**
 * A CA file that cannot be read must not keep the kiosk from starting: the visitor screen and the
 * queue work offline. Without the ministry CA the TLS check then fails, visibly, on the technician's
 * screen, rather than anything being trusted that should not be.
 */
function centralHttp(config: KioskConfig, log: Logger) {
  const timeoutMs = config.central.timeoutSeconds * 1000;
  try {
    return createCentralHttp({ caFile: config.central.caFile, timeoutMs });
  } catch (error) {
    log.error('central CA file unreadable; only the system authorities are trusted', { error: (error as Error).message });
    return createCentralHttp({ timeoutMs });
  }
}
