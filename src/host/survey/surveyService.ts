import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller.js';
import type { EventBus } from '../eventBus.js';
import type { KioskConfig } from '../kioskConfig.js';
import { DomainError } from '../../domain/domainError.js';
import type { RespondentProfile, SurveyAnswers } from '../../domain/ikmQuestionnaire.js';
import { serviceDateAt } from '../../domain/serviceDate.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { claimSurveyTicket, forgetSurveyTicketsBefore, insertSurveyResponse, surveyTicketAnswered } from '../../store/surveyQueries.js';
import { ticketById } from '../../store/ticketQueries.js';
import type { TicketReferenceSigner } from '../tickets/ticketReference.js';

export interface SurveyServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  references: TicketReferenceSigner;
  events: EventBus;
  clock: () => Date;
  /** The counter the calling officer holds, to check the ticket was served there. */
  counterOf: (caller: Caller) => { deskId: number; counterNumber: number } | null;
}

/** An invitation waits this long for the kiosk screen; the visitor walks over in a minute or two. */
const INVITE_HOLD_MS = 5 * 60_000;
const MAX_INVITES = 20;

export interface SurveySubmission {
  reference: string;
  answers: SurveyAnswers;
  profile: RespondentProfile;
  suggestion?: string | undefined;
  input: 'touch' | 'buttons';
}

/**
 * The IKM survey's responses: one per served ticket, anonymous. The signed ticket reference proves
 * the visitor was served today; the response row keeps only what the report groups by (day, desk,
 * services, user type) and the hour it was given, and its outbox row carries a random id and the
 * hour, so neither says which ticket answered. What still orders responses — row ids here and the
 * outbox sequence — ties one only loosely to the tickets finished around it; the forwarder (issue 9)
 * is to send them in shuffled daily batches. Which ticket answered is kept apart, only for the day.
 * Nothing about a response enters the audit trail, which would tie a ticket to the moment it answered.
 */
export class SurveyService {
  readonly #deps: SurveyServiceDeps;
  /** The service day whose past links were last forgotten: the host asks on every call. */
  #forgottenBefore: string | undefined;
  /** Invitations by id, in memory only: the reference they carry is a credential for one response. */
  readonly #invites = new Map<string, { reference: string; number: string; deskId: number; expiresAt: number }>();

  constructor(deps: SurveyServiceDeps) {
    this.#deps = deps;
  }

  /** Lets the screen say "already answered" or "not served yet" before the visitor starts. */
  check(reference: string): { number: string; deskId: number; state: 'open' | 'answered' | 'not_served' } {
    const ticket = this.#ticketOf(reference);
    const state = ticket.status !== 'done' && ticket.status !== 'referred' ? 'not_served' : surveyTicketAnswered(this.#deps.db, ticket.id) ? 'answered' : 'open';
    return { number: ticket.number, deskId: ticket.queue_desk_id, state };
  }

  #ticketOf(reference: string) {
    const { db, config, references, clock } = this.#deps;
    const today = serviceDateAt(clock(), config.timeZone);
    const fields = references.verify(reference.trim());
    if (!fields) throw new DomainError('invalid_input', 'this code is not a ticket from this kiosk, or it was altered');
    if (fields.serviceDate !== today) throw new DomainError('not_found', `the survey for ticket ${fields.number} closed with its service day`);
    const ticket = ticketById(db, fields.ticketId);
    if (!ticket || ticket.number !== fields.number || ticket.service_date !== fields.serviceDate) {
      throw new DomainError('not_found', `ticket ${fields.number} is not on this kiosk`);
    }
    return ticket;
  }

  submit(submission: SurveySubmission): { ok: true } {
    const { db, clock } = this.#deps;
    const now = clock();
    const ticket = this.#ticketOf(submission.reference);
    if (ticket.status !== 'done' && ticket.status !== 'referred') {
      throw new DomainError('illegal_transition', `ticket ${ticket.number} has not been served yet; the survey follows the service`);
    }
    // The hour, not the minute: enough for the regulation's session bands, too coarse to match a
    // ticket's finish time.
    const submittedAt = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString();
    db.transaction(() => {
      if (!claimSurveyTicket(db, ticket.id, ticket.service_date)) {
        throw new DomainError('conflict', `ticket ${ticket.number} has already answered the survey — terima kasih`);
      }
      const response = {
        submitted_at: submittedAt,
        service_date: ticket.service_date,
        desk_id: ticket.queue_desk_id,
        services: ticket.services,
        user_type: ticket.user_type,
        input: submission.input,
        answers: submission.answers,
        profile: submission.profile,
        suggestion: submission.suggestion ? submission.suggestion : null,
      };
      // No outbox row now: the forwarder releases a finished day's responses in shuffled order
      // (releaseSurveyResponses), so nothing ties this answer to the ticket just served.
      insertSurveyResponse(db, response);
    }).immediate();
    return { ok: true };
  }

  /**
   * The officer who just served a ticket offers the survey on the kiosk screen. The event carries
   * only an id and the number; the kiosk screen claims the reference with it.
   */
  invite(ticketId: number, caller: Caller): { inviteId: string } {
    const { db, config, clock, events } = this.#deps;
    const now = clock();
    const ticket = ticketById(db, ticketId);
    if (!ticket || ticket.service_date !== serviceDateAt(now, config.timeZone)) throw new DomainError('not_found', `no ticket ${ticketId} today`);
    if (ticket.status !== 'done' && ticket.status !== 'referred') {
      throw new DomainError('illegal_transition', `ticket ${ticket.number} has not been served yet; the survey follows the service`);
    }
    const counter = this.#deps.counterOf(caller);
    if (!counter || counter.deskId !== ticket.queue_desk_id) throw new DomainError('forbidden', `ticket ${ticket.number} was served at another desk`);
    this.#expireInvites(now.getTime());
    while (this.#invites.size >= MAX_INVITES) this.#invites.delete(this.#invites.keys().next().value as string);
    const inviteId = randomUUID();
    const reference = this.#deps.references.sign({ serviceDate: ticket.service_date, number: ticket.number, ticketId: ticket.id });
    this.#invites.set(inviteId, { reference, number: ticket.number, deskId: ticket.queue_desk_id, expiresAt: now.getTime() + INVITE_HOLD_MS });
    events.emit('survey.invited', { inviteId, number: ticket.number, deskId: ticket.queue_desk_id, at: now.toISOString() });
    return { inviteId };
  }

  /**
   * A visitor screen takes up an invitation, once: the kiosk itself, or a survey station by the
   * desks (a station paired as a kiosk). The first screen to claim shows the survey; the others are
   * told it was taken. The reference it yields answers one survey for one served ticket, nothing more.
   */
  claimInvite(inviteId: string): { reference: string; number: string; deskId: number } {
    this.#expireInvites(this.#deps.clock().getTime());
    const invite = this.#invites.get(inviteId);
    if (!invite) throw new DomainError('not_found', 'this invitation has expired or was taken');
    this.#invites.delete(inviteId);
    return { reference: invite.reference, number: invite.number, deskId: invite.deskId };
  }

  #expireInvites(now: number): void {
    for (const [id, invite] of this.#invites) if (invite.expiresAt <= now) this.#invites.delete(id);
  }

  /** At a new service day: yesterday's tickets can no longer answer, so their link goes. */
  forgetPastTickets(): void {
    const { db, config, clock } = this.#deps;
    const today = serviceDateAt(clock(), config.timeZone);
    if (today === this.#forgottenBefore) return;
    forgetSurveyTicketsBefore(db, today);
    this.#forgottenBefore = today;
  }
}
