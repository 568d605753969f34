import { randomInt, randomUUID } from 'node:crypto';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { enqueueOutbox } from '../../store/outboxQueries.js';
import { markSurveyResponsesForwarded, unforwardedSurveyResponses } from '../../store/surveyQueries.js';
import { UNSUR_CODES } from '../../domain/ikmQuestionnaire.js';
import type { CentralEventPayload } from '../../central/events.js';

/**
 * Survey responses leave the kiosk only after their service day, all of a day together, in a
 * random order with hour-only times and random ids: central then cannot line an answer up with
 * the ticket served just before it (by sequence, by send time or by id). One transaction, so a
 * crash releases a day wholly or not at all.
 */
export function releaseSurveyResponses(db: KioskDatabase, today: string): number {
  return db
    .transaction(() => {
      const rows = unforwardedSurveyResponses(db, today);
      if (rows.length === 0) return 0;
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
        enqueueOutbox(
          db,
          'survey.response',
          {
            responseId: randomUUID(),
            serviceDate: row.service_date,
            hour: row.submitted_at,
            deskId: row.desk_id,
            services: JSON.parse(row.services) as string[],
            userType: row.user_type as CentralEventPayload<'survey.response'>['userType'],
            input: row.input,
            answers: answers as CentralEventPayload<'survey.response'>['answers'],
            profile: profile as CentralEventPayload<'survey.response'>['profile'],
            ...(row.suggestion ? { suggestion: row.suggestion } : {}),
          },
          row.submitted_at,
        );
      }
      markSurveyResponsesForwarded(db, today);
      return rows.length;
    })
    .immediate();
}
