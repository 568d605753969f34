import type { PrintOutcome, Ticket, WaitEstimate } from '../contract/api.js';
import type { UserType } from '../contract/vocabulary.js';
import type { TicketPrinter } from '../devices/ticketPrinter.js';
import { DomainError } from '../domain/domainError.js';
import { formatLocalDateTime, serviceDateAt } from '../domain/serviceDate.js';
import { formatTicketNumber, MAX_DAILY_SEQUENCE } from '../domain/ticketNumber.js';
import { buildTicketSlip } from '../domain/ticketSlip.js';
import type { KioskDatabase } from '../store/kioskDatabase.js';
import { enqueueOutbox, insertTicket, lastSequence, setPrintOutcome, ticketById, type TicketRow } from '../store/ticketQueries.js';
import type { Caller } from './auth/caller.js';
import type { EventBus } from './eventBus.js';
import type { KioskConfig } from './kioskConfig.js';
import type { Logger } from './logger.js';
import type { QueueService, SiteDesk } from './queue/queueService.js';

export interface TicketServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  printer: TicketPrinter;
  events: EventBus;
  queue: QueueService;
  clock: () => Date;
  log: Logger;
}

export interface IssueRequest {
  deskId: number;
  priority: boolean;
  userType?: UserType | undefined;
}

/** Issues queue tickets: number, record, outbox and audit rows in one transaction, then the paper. */
export class TicketService {
  readonly #deps: TicketServiceDeps;

  constructor(deps: TicketServiceDeps) {
    this.#deps = deps;
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

    // IMMEDIATE takes the write lock before reading MAX(seq), so two callers (kiosk and a LAN
    // station) cannot both read the same last number.
    const { row, estimate } = db
      .transaction((): { row: TicketRow; estimate: WaitEstimate } => {
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
        queue.recordIssue(caller, inserted);
        return {
          row: inserted,
          estimate: queue.estimateFor(desk.id, serviceDate, { id: inserted.id, priority: request.priority, queuedAt: inserted.queued_at }),
        };
      })
      .immediate();
    queue.publishIssued(row);

    // The number is committed before the paper comes out: a jammed printer never costs a number,
    // and the screen still shows it.
    const print = await this.#print(row, desk, estimate);
    this.#recordPrint(row, print);
    log.info('ticket issued', { number: row.number, deskId: desk.id, channel: caller.channel, print: print.status });

    const ticket = this.#ticket(row, desk, estimate, print);
    events.emit('ticket.issued', ticket);
    return ticket;
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
    db.transaction(() => queue.audit(caller, 'ticket.reprinted', { ticketId: row.id })).immediate();
    const print = await this.#print(row, desk, estimate);
    this.#recordPrint(row, print);
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
    };
  }

  #recordPrint(row: TicketRow, print: PrintOutcome): void {
    try {
      setPrintOutcome(this.#deps.db, row.id, print.status, print.detail ?? null);
      if (print.status === 'failed') {
        enqueueOutbox(this.#deps.db, 'ticket.print_failed', { ticketId: row.id, number: row.number }, this.#deps.clock().toISOString());
      }
    } catch (error) {
      // The number is committed and the paper may be out: the visitor must still see the ticket,
      // or they would take a second number. Only the bookkeeping of the print is lost.
      this.#deps.log.error('print outcome not recorded', { number: row.number, error: (error as Error).message });
    }
  }

  async #print(row: TicketRow, desk: SiteDesk, estimate: WaitEstimate): Promise<PrintOutcome> {
    const { config, printer, log } = this.#deps;
    const slip = buildTicketSlip({
      siteName: config.siteName,
      ticketNumber: row.number,
      deskName: desk.name,
      issuedAt: new Date(row.issued_at),
      timeZone: config.timeZone,
      priority: row.priority === 1,
      estimate,
    });
    try {
      await printer.print(slip, row.number);
      return { status: 'printed' };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      log.warn('ticket not printed', { number: row.number, detail });
      return { status: 'failed', detail };
    }
  }
}
