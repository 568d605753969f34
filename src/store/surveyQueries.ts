import type { AnswerValue, RespondentProfile, UnsurCode } from '../domain/ikmQuestionnaire.js';
import { UNSUR_CODES } from '../domain/ikmQuestionnaire.js';
import type { KioskDatabase } from './kioskDatabase.js';
import { prepared } from './statementCache.js';

/** SQL for survey responses. Functions take the database so callers own transactions. */

export interface NewSurveyResponse {
  submitted_at: string;
  service_date: string;
  desk_id: number;
  services: string;
  user_type: string | null;
  input: 'touch' | 'buttons';
  answers: Partial<Record<UnsurCode, AnswerValue>>;
  profile: RespondentProfile;
  suggestion: string | null;
}

export type SurveyResponseRow = {
  id: number;
  submitted_at: string;
  service_date: string;
  desk_id: number;
  services: string;
  user_type: string | null;
  input: 'touch' | 'buttons';
  sex: string | null;
  age_band: string | null;
  education: string | null;
  occupation: string | null;
  suggestion: string | null;
} & Record<UnsurCode, AnswerValue | null>;

/** Marks the ticket as answered; false when it already was (the primary key refuses it). */
export function claimSurveyTicket(db: KioskDatabase, ticketId: number, serviceDate: string): boolean {
  return prepared(db, 'INSERT INTO survey_tickets (ticket_id, service_date) VALUES (?, ?) ON CONFLICT (ticket_id) DO NOTHING').run(ticketId, serviceDate).changes === 1;
}

export function surveyTicketAnswered(db: KioskDatabase, ticketId: number): boolean {
  return prepared(db, 'SELECT 1 FROM survey_tickets WHERE ticket_id = ?').get(ticketId) !== undefined;
}

/** The link from tickets to "has answered" is needed only on the ticket's own day. */
export function forgetSurveyTicketsBefore(db: KioskDatabase, serviceDate: string): number {
  return prepared(db, 'DELETE FROM survey_tickets WHERE service_date < ?').run(serviceDate).changes;
}

export function insertSurveyResponse(db: KioskDatabase, response: NewSurveyResponse): number {
  const row = {
    submitted_at: response.submitted_at,
    service_date: response.service_date,
    desk_id: response.desk_id,
    services: response.services,
    user_type: response.user_type,
    input: response.input,
    ...Object.fromEntries(UNSUR_CODES.map((code) => [code, response.answers[code] ?? null])),
    sex: response.profile.sex ?? null,
    age_band: response.profile.ageBand ?? null,
    education: response.profile.education ?? null,
    occupation: response.profile.occupation ?? null,
    suggestion: response.suggestion,
  };
  const columns = Object.keys(row);
  return Number(
    prepared(db, `INSERT INTO survey_responses (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`).run(row).lastInsertRowid,
  );
}

export function surveyResponsesBetween(db: KioskDatabase, fromDate: string, toDate: string): SurveyResponseRow[] {
  return prepared(db, 'SELECT * FROM survey_responses WHERE service_date BETWEEN ? AND ? ORDER BY id').all(fromDate, toDate) as SurveyResponseRow[];
}

/** Responses of finished days not yet handed to the forwarder (the release shuffles them). */
export function unforwardedSurveyResponses(db: KioskDatabase, beforeDate: string): SurveyResponseRow[] {
  return prepared(db, 'SELECT * FROM survey_responses WHERE forwarded = 0 AND service_date < ?').all(beforeDate) as SurveyResponseRow[];
}

export function markSurveyResponsesForwarded(db: KioskDatabase, beforeDate: string): number {
  return prepared(db, 'UPDATE survey_responses SET forwarded = 1 WHERE forwarded = 0 AND service_date < ?').run(beforeDate).changes;
}

export function heldSurveyResponses(db: KioskDatabase): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM survey_responses WHERE forwarded = 0').get() as { n: number }).n;
}
