import { randomInt, randomUUID } from 'node:crypto';
import type { CentralEventPayload } from '../../central/events.js';
import { UNSUR_CODES } from '../../domain/ikmQuestionnaire.js';
import { localClock } from '../../domain/serviceDate.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { enqueueOutbox } from '../../store/outboxQueries.js';
import { markSurveyResponsesForwarded, unforwardedSurveyResponses, type SurveyResponseRow } from '../../store/surveyQueries.js';
import { scrubPersonalData } from '../logger.js';

/** A desk or a session is named only where at least this many of the day's responses share it. */
export const SURVEY_GROUP_MINIMUM = 5;

type Payload = CentralEventPayload<'survey.response'>;

/**
 * Survey responses leave the kiosk only after their service day, all of a day together, in a
 * random order, with random ids and the day as their only time. Central gets no services and no
 * user type, and the desk and session (pagi/siang) only where five or more responses of the day
 * share them: a ticket's `ticket.finished` event carries desk, services, user type and the minute,
 * so anything finer would let central line a response up with the ticket — and through
 * `visitor.registered` with a NIK. One transaction: a crash releases a day wholly or not at all.
 */
export function releaseSurveyResponses(db: KioskDatabase, today: string, timeZone: string): number {
  return db
    .transaction(() => {
      const rows = unforwardedSurveyResponses(db, today);
      if (rows.length === 0) return 0;
      const sessionOf = (row: SurveyResponseRow) => (localClock(new Date(row.submitted_at), timeZone).minutes < 12 * 60 ? 'pagi' : 'siang');
      const deskCounts = tally(rows, (row) => `${row.service_date} ${row.desk_id}`);
      const sessionCounts = tally(rows, (row) => `${row.service_date} ${sessionOf(row)}`);
      // Fisher–Yates with the system's CSPRNG: a predictable shuffle would be no shuffle.
      for (let index = rows.length - 1; index > 0; index -= 1) {
        const other = randomInt(index + 1);
        [rows[index], rows[other]] = [rows[other]!, rows[index]!];
      }
      for (const row of rows) {
        const answers = Object.fromEntries(UNSUR_CODES.flatMap((code) => (row[code] === null ? [] : [[code, row[code]]])));
        const profile = {
          ...(row.sex ? { sex: row.sex } : {}),
          ...(row.age_band ? { ageBand: row.age_band } : {}),
          ...(row.education ? { education: row.education } : {}),
          ...(row.occupation ? { occupation: row.occupation } : {}),
        };
        const session = sessionOf(row);
        const payload: Payload = {
          responseId: randomUUID(),
          serviceDate: row.service_date,
          session: (sessionCounts.get(`${row.service_date} ${session}`) ?? 0) >= SURVEY_GROUP_MINIMUM ? session : null,
          deskId: (deskCounts.get(`${row.service_date} ${row.desk_id}`) ?? 0) >= SURVEY_GROUP_MINIMUM ? row.desk_id : null,
          input: row.input,
          answers: answers as Payload['answers'],
          profile: profile as Payload['profile'],
          ...(row.suggestion ? { suggestion: scrubPersonalData(row.suggestion) } : {}),
        };
        enqueueOutbox(db, 'survey.response', payload, `${row.service_date}T00:00:00.000Z`);
      }
      markSurveyResponsesForwarded(db, today);
      return rows.length;
    })
    .immediate();
}

function tally<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}
