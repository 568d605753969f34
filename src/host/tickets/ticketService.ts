import type { MethodOutput, PrintOutcome, Ticket, TicketView, WaitEstimate } from '../../contract/api.js';
import { VISITOR_CONSENT_VERSION, type EmploymentStatus, type UserType } from '../../contract/vocabulary.js';
import type { PrintResult, TicketPrinter } from '../../devices/ticketPrinter.js';
import { validateNik } from '../../domain/nik.js';
import { DomainError } from '../../domain/domainError.js';
import { addDays, formatLocalDateTime, serviceDateAt } from '../../domain/serviceDate.js';
import { formatTicketNumber, MAX_DAILY_SEQUENCE } from '../../domain/ticketNumber.js';
import { buildTicketSlip, slipHours, slipUserType } from '../../domain/ticketSlip.js';
import { weeklyHours } from '../../domain/weeklyHours.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import {
  finishPrintJob,
  insertPrintJob,
  interruptPendingPrintJobs,
  ticketsNeedingReprint,
  type PrintJobRow,
} from '../../store/printJobQueries.js';
import { enqueueOutbox } from '../../store/outboxQueries.js';
import { insertTicket, lastSequence, purgeVisitorDataBefore, ticketById, type TicketRow } from '../../store/ticketQueries.js';
import { SYSTEM_CALLER, type Caller } from '../auth/caller.js';
import type { EventBus } from '../eventBus.js';
import type { KioskConfig } from '../kioskConfig.js';
import type { Logger } from '../logger.js';
import type { QueueService, SiteDesk } from '../queue/queueService.js';
import { ticketView } from '../queue/queueViews.js';
import type { TicketReferenceSigner } from './ticketReference.js';

export interface TicketServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  /** The printer now: the technician may swap it while the kiosk runs. */
  printer: () => TicketPrinter;
  references: TicketReferenceSigner;
  events: EventBus;
  queue: QueueService;
  clock: () => Date;
  log: Logger;
}

export interface IssueRequest {
  deskId: number;
  priority: boolean;
  userType?: UserType | undefined;
  identity?: { kind: 'siapkerja-id' | 'nik'; value: string } | undefined;
  visitor?: { consent: true; consentVersion: string; employmentStatus: EmploymentStatus; whatsapp?: string | undefined } | undefined;
}

/**
 * Issues queue tickets: number, record, print job, outbox and audit rows in one transaction; the
 * answer goes back at once and the paper follows in the background. Its outcome reaches every
 * screen as a `ticket.printed` event, so a visitor never waits on a printer, and a dead one costs
 * nobody a number.
 */
export class TicketService {
  readonly #deps: TicketServiceDeps;
  /** The service day whose expired visit data was last purged. */
  #purgedFor: string | undefined;
  /** Background jobs still running, so shutdown can wait for them (each bounded by its timeout). */
  readonly #printing = new Set<Promise<void>>();

  constructor(deps: TicketServiceDeps) {
    this.#deps = deps;
    // Jobs a crash left without an outcome: nobody knows whether paper came out. They go on the
    // receptionist's reprint list, and the audit trail records it.
    const now = deps.clock().toISOString();
    deps.db
      .transaction(() => {
        for (const job of interruptPendingPrintJobs(deps.db, now)) {
          deps.queue.audit(SYSTEM_CALLER, 'ticket.print_interrupted', { ticketId: job.ticket_id, jobId: job.id });
        }
      })
      .immediate();
  }

  async issue(request: IssueRequest, caller: Caller): Promise<Ticket> {
    const { db, config, events, queue, clock, log } = this.#deps;
    const desk = queue.desk(request.deskId);
    const now = clock();
    // The visitor's kiosk follows the service hours; a receptionist may still issue (a visitor who
    // arrived just before closing), and a technician opens an event day with a calendar override.
    if (!caller.roles.has('receptionist')) {
      const status = queue.serviceStatus(now);
      if (status.state !== 'open') {
        const next = status.nextOpening
          ? ` Next opening: ${formatLocalDateTime(new Date(status.nextOpening), config.timeZone)}.`
          : '';
        throw new DomainError('service_closed', `the service is ${status.state === 'break' ? 'on its break' : 'closed'}.${next}`);
      }
    }
    const serviceDate = serviceDateAt(now, config.timeZone);
    const identity = request.identity ? checkedIdentity(request.identity, now) : null;
    if (request.visitor && request.visitor.consentVersion !== VISITOR_CONSENT_VERSION) {
      // The screen showed another consent text than the one in force: consent to it does not count.
      throw new DomainError('invalid_input', `visitor: consent ${request.visitor.consentVersion} is not the text in force (${VISITOR_CONSENT_VERSION}); reload the kiosk`);
    }

    // IMMEDIATE takes the write lock before reading MAX(seq), so two callers (kiosk and a LAN
    // station) cannot both read the same last number.
    const { row, estimate, job } = db
      .transaction((): { row: TicketRow; estimate: WaitEstimate; job: PrintJobRow } => {
        const seq = lastSequence(db, serviceDate, desk.id) + 1;
        if (seq > desk.dailyCap) {
          throw desk.dailyCap < MAX_DAILY_SEQUENCE
            ? new DomainError('daily_cap_reached', `desk ${desk.letter} has issued its ${desk.dailyCap} numbers for today`)
            : new DomainError('sequence_exhausted', `desk ${desk.letter} has issued all ${MAX_DAILY_SEQUENCE} numbers today`);
        }
        const inserted = insertTicket(db, {
          service_date: serviceDate,
          desk_id: desk.id,
          seq,
          number: formatTicketNumber(desk.letter, seq),
          issued_at: now.toISOString(),
          channel: caller.channel,
          priority: request.priority ? 1 : 0,
          user_type: request.userType ?? null,
        });
        if (identity) queue.attachIdentityAtIssue(inserted, identity);
        if (request.visitor) {
          const { employmentStatus, whatsapp } = request.visitor;
          queue.attachVisitorDataAtIssue(inserted, JSON.stringify({ employmentStatus, ...(whatsapp ? { whatsapp } : {}) }), request.visitor.consentVersion, now.toISOString());
        }
        queue.recordIssue(caller, inserted);
        if (identity || request.visitor) {
          queue.recordVisitor(inserted, {
            ...(identity ? { identity: { kind: request.identity?.kind === 'nik' ? 'nik' : 'siapkerja_id', value: identity } } : {}),
            ...(request.visitor
              ? {
                  employmentStatus: request.visitor.employmentStatus,
                  ...(request.visitor.whatsapp && e164(request.visitor.whatsapp) ? { whatsapp: e164(request.visitor.whatsapp)! } : {}),
                  consentVersion: request.visitor.consentVersion,
                  consentAt: now.toISOString(),
                }
              : {}),
          });
        }
        return {
          row: inserted,
          estimate: queue.estimateFor(desk.id, serviceDate, { id: inserted.id, priority: request.priority, queuedAt: inserted.queued_at }),
          job: insertPrintJob(db, inserted.id, 'issue', now.toISOString()),
        };
      })
      .immediate();
    queue.publishIssued(row);

    // The number is committed before the paper comes out: a jammed printer never costs a number,
    // and the screen shows it at once.
    const ticket = this.#ticket(row, desk, estimate, { status: 'pending', jobId: job.id });
    log.info('ticket issued', { number: row.number, deskId: desk.id, channel: caller.channel });
    events.emit('ticket.issued', ticket);
    // The job starts on the next turn of the event loop, after this answer has gone out: not even
    // the slip's encoding stands between the visitor and the number.
    this.#track(new Promise((resolve) => setImmediate(resolve)).then(() => this.#runJob(job, row, desk, estimate)));
    return ticket;
  }

  /** Visit data older than the retention window goes, once a day (the host asks on every call). */
  purgeExpiredVisitorData(): void {
    const today = serviceDateAt(this.#deps.clock(), this.#deps.config.timeZone);
    if (this.#purgedFor === today) return;
    const purged = purgeVisitorDataBefore(this.#deps.db, addDays(today, -this.#deps.config.privacy.visitorDataDays));
    // Old page images in the WAL would still hold what was just purged: fold them in now.
    if (purged > 0) this.#deps.db.pragma('wal_checkpoint(TRUNCATE)');
    this.#purgedFor = today;
  }

  /** Today's open tickets whose paper did not come out, for the receptionist. */
  needingReprint(): MethodOutput<'tickets.needingReprint'> {
    const serviceDate = serviceDateAt(this.#deps.clock(), this.#deps.config.timeZone);
    return {
      tickets: ticketsNeedingReprint(this.#deps.db, serviceDate).map((row) => ({
        ticketId: row.ticket_id,
        number: row.number,
        deskId: row.queue_desk_id,
        status: row.ticket_status as 'waiting' | 'called',
        issuedAt: row.issued_at,
        print: outcomeOf(row),
      })),
    };
  }

  /** Checks a signed reference (from a ticket's QR) and returns the ticket it names, if it is today's. */
  verifyReference(reference: string): TicketView {
    const fields = this.#deps.references.verify(reference.trim());
    if (!fields) throw new DomainError('invalid_input', 'this code is not a ticket from this kiosk, or it was altered');
    const today = serviceDateAt(this.#deps.clock(), this.#deps.config.timeZone);
    if (fields.serviceDate !== today) throw new DomainError('not_found', `ticket ${fields.number} is from ${fields.serviceDate}, not today`);
    const row = ticketById(this.#deps.db, fields.ticketId);
    if (!row || row.number !== fields.number || row.service_date !== fields.serviceDate) {
      throw new DomainError('not_found', `ticket ${fields.number} of ${fields.serviceDate} is not on this kiosk`);
    }
    return ticketView(row);
  }

  /** Waits for background print jobs; each ends within the printer's timeout. */
  async drain(): Promise<void> {
    while (this.#printing.size > 0) await Promise.allSettled([...this.#printing]);
  }

  /** A receptionist prints a ticket again (lost slip, jammed paper); the number stays the same. */
  async reprint(ticketId: number, caller: Caller): Promise<Ticket> {
    const { db, config, queue } = this.#deps;
    const row = ticketById(db, ticketId);
    if (!row || row.service_date !== serviceDateAt(this.#deps.clock(), config.timeZone)) {
      throw new DomainError('not_found', `no ticket ${ticketId} today`);
    }
    if (row.status !== 'waiting' && row.status !== 'called') {
      throw new DomainError('illegal_transition', `ticket ${row.number} is ${row.status}; there is nothing to reprint`);
    }
    const desk = queue.desk(row.queue_desk_id);
    const estimate = queue.estimateFor(desk.id, row.service_date, { id: row.id, priority: row.priority === 1, queuedAt: row.queued_at });
    const job = db
      .transaction(() => {
        queue.audit(caller, 'ticket.reprinted', { ticketId: row.id });
        return insertPrintJob(db, row.id, 'reprint', this.#deps.clock().toISOString());
      })
      .immediate();
    // The receptionist waits for this one: they hand the paper over, and a failure is theirs to
    // see at once. The printer's breaker and timeout bound the wait.
    const run = this.#runJob(job, row, desk, estimate);
    this.#track(run.then(() => undefined));
    const print = await run;
    return this.#ticket(row, desk, estimate, print);
  }

  #ticket(row: TicketRow, desk: SiteDesk, estimate: WaitEstimate, print: PrintOutcome): Ticket {
    return {
      id: row.id,
      number: row.number,
      deskId: desk.id,
      deskName: desk.name,
      serviceDate: row.service_date,
      issuedAt: row.issued_at,
      priority: row.priority === 1,
      userType: row.user_type,
      estimate,
      print,
      reference: this.#reference(row),
    };
  }

  #reference(row: TicketRow): string {
    return this.#deps.references.sign({ serviceDate: row.service_date, number: row.number, ticketId: row.id });
  }

  #track(job: Promise<unknown>): void {
    const tracked = job.then(
      () => undefined,
      () => undefined,
    );
    this.#printing.add(tracked);
    void tracked.finally(() => this.#printing.delete(tracked));
  }

  /** Prints one job and records how it ended; never throws. */
  async #runJob(job: PrintJobRow, row: TicketRow, desk: SiteDesk, estimate: WaitEstimate): Promise<PrintOutcome> {
    const { config, log, events, clock } = this.#deps;
    let result: PrintResult;
    try {
      const slip = buildTicketSlip({
        siteName: config.siteName,
        ticketNumber: row.number,
        deskName: desk.name,
        issuedAt: new Date(row.issued_at),
        timeZone: config.timeZone,
        priority: row.priority === 1,
        estimate,
        ...(row.user_type ? { userType: slipUserType(row.user_type) } : {}),
        reference: this.#reference(row),
        hours: slipHours(weeklyHours(config.calendar)),
        complaintContact: config.complaintContact,
      });
      result = await this.#deps.printer().print({ slip, name: row.number });
    } catch (error) {
      // The port promises never to reject; a driver that breaks it still gets an honest outcome.
      result = { status: 'failed', reason: 'error', detail: error instanceof Error ? error.message : String(error) };
    }
    const print: PrintOutcome =
      result.status === 'failed'
        ? { status: 'failed', jobId: job.id, reason: result.reason, detail: result.detail }
        : result.status === 'unconfirmed'
          ? { status: 'unconfirmed', jobId: job.id, detail: result.detail }
          : { status: 'printed', jobId: job.id };
    try {
      finishPrintJob(this.#deps.db, job.id, { status: print.status as 'printed' | 'failed' | 'unconfirmed', reason: print.reason ?? null, detail: print.detail ?? null }, clock().toISOString());
      if (print.status === 'failed') {
        enqueueOutbox(this.#deps.db, 'ticket.print_failed', { ticketId: row.id, number: row.number, reason: print.reason }, clock().toISOString());
      }
    } catch (error) {
      // Only the bookkeeping is lost: start-up marks the job interrupted, which is honest.
      log.error('print outcome not recorded', { number: row.number, error: (error as Error).message });
    }
    if (print.status === 'failed') log.warn('ticket not printed', { number: row.number, reason: print.reason });
    events.emit('ticket.printed', { ticketId: row.id, number: row.number, print });
    return print;
  }
}

function outcomeOf(job: PrintJobRow): PrintOutcome {
  return {
    status: job.status,
    jobId: job.id,
    ...(job.reason ? { reason: job.reason } : {}),
    ...(job.detail ? { detail: job.detail } : {}),
  };
}

/** A NIK typed on the keypad must be one; a scanned SIAPkerja-ID must look like one. */
/**
 * A number as typed on the kiosk (0812 3456 7890, +62 812-…, 62812…) in E.164, as central keeps
 * it; undefined when it cannot be one (then central gets no number rather than a wrong one).
 */
export function e164(typed: string): string | undefined {
  const digits = typed.replace(/[^\d+]/g, '');
  let national: string;
  if (digits.startsWith('+62')) national = digits.slice(3);
  else if (digits.startsWith('+')) return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
  else if (digits.startsWith('62')) national = digits.slice(2);
  else national = digits;
  national = national.replace(/^0+/, '');
  // Indonesian numbers: 8–12 digits after the country code, never starting with 0.
  return /^[1-9]\d{7,11}$/.test(national) ? `+62${national}` : undefined;
}

function checkedIdentity(identity: { kind: 'siapkerja-id' | 'nik'; value: string }, now: Date): string {
  if (identity.kind === 'nik') {
    const check = validateNik(identity.value, { today: now });
    if (!check.ok) throw new DomainError('invalid_input', `identity: ${check.problem}`);
    return check.nik;
  }
  if (!/^[A-Za-z0-9.\-/:]{6,40}$/.test(identity.value)) throw new DomainError('invalid_input', 'identity: not a SIAPkerja-ID');
  return identity.value;
}
