import type { KioskConfig } from '../kioskConfig.js';
import { DomainError } from '../../domain/domainError.js';
import type { RespondentProfile, SurveyAnswers } from '../../domain/ikmQuestionnaire.js';
import { serviceDateAt } from '../../domain/serviceDate.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { claimSurveyTicket, forgetSurveyTicketsBefore, insertSurveyResponse } from '../../store/surveyQueries.js';
import { enqueueOutbox, ticketById } from '../../store/ticketQueries.js';
import type { TicketReferenceSigner } from '../tickets/ticketReference.js';

export interface SurveyServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  references: TicketReferenceSigner;
  clock: () => Date;
}

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
 * services, user type) and the hour it was given, so it cannot be joined back to a ticket's times.
 * Nothing about it enters the audit trail, which would tie a ticket to the moment it answered.
 */
export class SurveyService {
  readonly #deps: SurveyServiceDeps;
  /** The service day whose past links were last forgotten: the host asks on every call. */
  #forgottenBefore: string | undefined;

  constructor(deps: SurveyServiceDeps) {
    this.#deps = deps;
  }

  submit(submission: SurveySubmission): { ok: true } {
    const { db, config, references, clock } = this.#deps;
    const now = clock();
    const today = serviceDateAt(now, config.timeZone);
    const fields = references.verify(submission.reference.trim());
    if (!fields) throw new DomainError('invalid_input', 'this code is not a ticket from this kiosk, or it was altered');
    if (fields.serviceDate !== today) throw new DomainError('not_found', `the survey for ticket ${fields.number} closed with its service day`);
    const ticket = ticketById(db, fields.ticketId);
    if (!ticket || ticket.number !== fields.number || ticket.service_date !== fields.serviceDate) {
      throw new DomainError('not_found', `ticket ${fields.number} is not on this kiosk`);
    }
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
      const id = insertSurveyResponse(db, response);
      enqueueOutbox(
        db,
        'survey.response',
        {
          responseId: id,
          serviceDate: response.service_date,
          hour: submittedAt,
          deskId: response.desk_id,
          services: JSON.parse(response.services) as string[],
          userType: response.user_type,
          input: response.input,
          answers: response.answers,
          profile: response.profile,
          ...(response.suggestion ? { suggestion: response.suggestion } : {}),
        },
        now.toISOString(),
      );
    }).immediate();
    return { ok: true };
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
