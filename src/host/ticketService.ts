import type { PrintOutcome, Ticket } from '../contract/api.js';
import type { TicketPrinter } from '../devices/ticketPrinter.js';
import { desksForKioskType, type DeskDefinition } from '../domain/desks.js';
import { DomainError } from '../domain/domainError.js';
import { serviceDateAt } from '../domain/serviceDate.js';
import { formatTicketNumber, MAX_DAILY_SEQUENCE } from '../domain/ticketNumber.js';
import { buildTicketSlip } from '../domain/ticketSlip.js';
import type { KioskDatabase } from '../store/kioskDatabase.js';
import { enqueueOutbox, insertTicket, lastSequence, setPrintOutcome, type TicketRow } from '../store/ticketQueries.js';
import type { EventBus } from './eventBus.js';
import type { KioskConfig } from './kioskConfig.js';
import type { Logger } from './logger.js';

export interface TicketServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  printer: TicketPrinter;
  events: EventBus;
  clock: () => Date;
  log: Logger;
}

/** Issues queue tickets: number, record and outbox entry in one transaction, then the paper. */
export class TicketService {
  readonly #deps: TicketServiceDeps;
  readonly #desks: DeskDefinition[];

  constructor(deps: TicketServiceDeps) {
    this.#deps = deps;
    this.#desks = desksForKioskType(deps.config.kioskType, deps.config.tipe4Desks);
  }

  enabledDesks(): DeskDefinition[] {
    return this.#desks;
  }

  async issue(deskId: number, channel: 'kiosk' | 'lan'): Promise<Ticket> {
    const { db, config, events, clock, log } = this.#deps;
    const desk = this.#desks.find((candidate) => candidate.id === deskId);
    if (!desk) {
      throw new DomainError('desk_not_available', `desk ${deskId} is not offered by this Tipe ${config.kioskType} kiosk`);
    }
    const now = clock();
    const serviceDate = serviceDateAt(now, config.timeZone);

    // IMMEDIATE takes the write lock before reading MAX(seq), so two callers (kiosk and a LAN
    // station) cannot both read the same last number.
    const row = db
      .transaction((): TicketRow => {
        const seq = lastSequence(db, serviceDate, desk.id) + 1;
        if (seq > MAX_DAILY_SEQUENCE) {
          throw new DomainError('sequence_exhausted', `desk ${desk.letter} has issued all ${MAX_DAILY_SEQUENCE} numbers today`);
        }
        const inserted = insertTicket(db, {
          service_date: serviceDate,
          desk_id: desk.id,
          seq,
          number: formatTicketNumber(desk.letter, seq),
          issued_at: now.toISOString(),
          channel,
        });
        enqueueOutbox(
          db,
          'ticket.issued',
          { ticketId: inserted.id, number: inserted.number, deskId: desk.id, serviceDate, issuedAt: inserted.issued_at, channel },
          inserted.issued_at,
        );
        return inserted;
      })
      .immediate();

    // The number is committed before the paper comes out: a jammed printer never costs a number,
    // and the screen still shows it.
    const print = await this.#print(row, desk);
    try {
      setPrintOutcome(db, row.id, print.status, print.detail ?? null);
    } catch (error) {
      // The number is committed and the paper may be out: the visitor must still see the ticket,
      // or they would take a second number. Only the bookkeeping of the print is lost.
      log.error('print outcome not recorded', { number: row.number, error: (error as Error).message });
    }
    log.info('ticket issued', { number: row.number, deskId: desk.id, channel, print: print.status });

    const ticket: Ticket = {
      id: row.id,
      number: row.number,
      deskId: desk.id,
      deskName: desk.name,
      serviceDate: row.service_date,
      issuedAt: row.issued_at,
      print,
    };
    events.emit('ticket.issued', ticket);
    return ticket;
  }

  async #print(row: TicketRow, desk: DeskDefinition): Promise<PrintOutcome> {
    const { config, printer, log } = this.#deps;
    const slip = buildTicketSlip({
      siteName: config.siteName,
      ticketNumber: row.number,
      deskName: desk.name,
      issuedAt: new Date(row.issued_at),
      timeZone: config.timeZone,
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
