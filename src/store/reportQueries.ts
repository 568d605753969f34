import { UserTypeSchema } from '../contract/vocabulary.js';
import { AGE_BANDS, EDUCATION_LEVELS, OCCUPATIONS, UNSUR_CODES, type UnsurCode } from '../domain/ikmQuestionnaire.js';
import type { IkmTotals } from '../domain/ikm.js';
import type { KioskDatabase } from './kioskDatabase.js';
import { prepared } from './statementCache.js';

/**
 * SQL behind the manager's reports. Aggregation happens in SQLite (sums and counts per unsur, tallies
 * per category) so a year of responses never crosses into JavaScript row by row; the exact IKM
 * arithmetic then runs on the totals (`scoreIkmTotals`).
 */

const TOTALS_COLUMNS = ['count(*) AS respondents', ...UNSUR_CODES.flatMap((code) => [`coalesce(sum(${code}), 0) AS s_${code}`, `count(${code}) AS c_${code}`])].join(', ');

type TotalsRow = { respondents: number } & Record<`s_${UnsurCode}` | `c_${UnsurCode}`, number>;

function totalsOf(row: TotalsRow): IkmTotals {
  return {
    respondents: row.respondents,
    sums: Object.fromEntries(UNSUR_CODES.map((code) => [code, row[`s_${code}`]])) as Record<UnsurCode, number>,
    counts: Object.fromEntries(UNSUR_CODES.map((code) => [code, row[`c_${code}`]])) as Record<UnsurCode, number>,
  };
}

export interface ResponseFilter {
  from: string;
  to: string;
  deskId?: number | undefined;
}

const DESK_FILTER = '(@deskId IS NULL OR desk_id = @deskId)';
const params = (filter: ResponseFilter) => ({ from: filter.from, to: filter.to, deskId: filter.deskId ?? null });

/** The sum of per-desk totals: what `ikmTotals` gives, without a second pass over the rows. */
export function addTotals(parts: readonly IkmTotals[]): IkmTotals {
  const zero = () => Object.fromEntries(UNSUR_CODES.map((code) => [code, 0])) as Record<UnsurCode, number>;
  const sum: IkmTotals = { respondents: 0, sums: zero(), counts: zero() };
  for (const part of parts) {
    sum.respondents += part.respondents;
    for (const code of UNSUR_CODES) {
      sum.sums[code] += part.sums[code];
      sum.counts[code] += part.counts[code];
    }
  }
  return sum;
}

export function ikmTotals(db: KioskDatabase, filter: ResponseFilter): IkmTotals {
  return totalsOf(
    prepared(db, `SELECT ${TOTALS_COLUMNS} FROM survey_responses WHERE service_date BETWEEN @from AND @to AND ${DESK_FILTER}`).get(params(filter)) as TotalsRow,
  );
}

export function ikmTotalsByDesk(db: KioskDatabase, filter: ResponseFilter): Array<{ deskId: number; totals: IkmTotals }> {
  const rows = prepared(
    db,
    `SELECT desk_id, ${TOTALS_COLUMNS} FROM survey_responses WHERE service_date BETWEEN @from AND @to AND ${DESK_FILTER} GROUP BY desk_id ORDER BY desk_id`,
  ).all(params(filter)) as Array<TotalsRow & { desk_id: number }>;
  return rows.map((row) => ({ deskId: row.desk_id, totals: totalsOf(row) }));
}

/** A response counts once for each service its visit covered. */
export function ikmTotalsByService(db: KioskDatabase, filter: ResponseFilter): Array<{ code: string; totals: IkmTotals }> {
  const rows = prepared(
    db,
    `SELECT service.value AS code, ${TOTALS_COLUMNS}
       FROM survey_responses, json_each(survey_responses.services) AS service
      WHERE service_date BETWEEN @from AND @to AND ${DESK_FILTER}
      GROUP BY service.value ORDER BY service.value`,
  ).all(params(filter)) as Array<TotalsRow & { code: string }>;
  return rows.map((row) => ({ code: row.code, totals: totalsOf(row) }));
}

/** Each profile field with the values it can take; anything else (and NULL) counts as `unknown`. */
export const PROFILE_FIELDS = {
  sex: { column: 'sex', values: ['l', 'p'] },
  ageBand: { column: 'age_band', values: AGE_BANDS },
  education: { column: 'education', values: EDUCATION_LEVELS },
  occupation: { column: 'occupation', values: OCCUPATIONS },
  userType: { column: 'user_type', values: UserTypeSchema.options },
  input: { column: 'input', values: ['touch', 'buttons'] },
} as const;
export type ProfileField = keyof typeof PROFILE_FIELDS;

// One pass over the rows with a conditional count per value: six GROUP BYs would each sort.
const PROFILE_SELECT = Object.values(PROFILE_FIELDS)
  .flatMap(({ column, values }) => values.map((value, index) => `sum(${column} = '${value}') AS "${column}:${index}"`))
  .join(', ');

/**
 * Respondents per value of each profile field (values with nobody left out); `unknown` where not
 * given. `session` is the sample questionnaire's jam survei, from the hour the response was given
 * (local time): `pagi` before 12.00, `siang` after.
 */
export function profileTallies(
  db: KioskDatabase,
  filter: ResponseFilter,
  utcOffsetMinutes: number,
): Record<ProfileField | 'session', Array<{ key: string; count: number }>> {
  const row = prepared(
    db,
    `SELECT count(*) AS total, ${PROFILE_SELECT},
            sum(CAST(strftime('%H', submitted_at, @offset) AS INTEGER) < 12) AS "session:pagi"
       FROM survey_responses WHERE service_date BETWEEN @from AND @to AND ${DESK_FILTER}`,
  ).get({ ...params(filter), offset: `${utcOffsetMinutes >= 0 ? '+' : ''}${utcOffsetMinutes} minutes` }) as Record<string, number | null>;
  const total = row.total ?? 0;
  const tallies: Array<[string, Array<{ key: string; count: number }>]> = Object.entries(PROFILE_FIELDS).map(([field, { column, values }]) => {
    const rows = values.map((value, index) => ({ key: value as string, count: row[`${column}:${index}`] ?? 0 }));
    const unknown = total - rows.reduce((sum, entry) => sum + entry.count, 0);
    return [field, [...rows, { key: 'unknown', count: unknown }].filter((entry) => entry.count > 0)];
  });
  const morning = row['session:pagi'] ?? 0;
  tallies.push([
    'session',
    [
      { key: 'pagi', count: morning },
      { key: 'siang', count: total - morning },
    ].filter((entry) => entry.count > 0),
  ]);
  return Object.fromEntries(tallies) as Record<ProfileField | 'session', Array<{ key: string; count: number }>>;
}

export function suggestions(db: KioskDatabase, filter: ResponseFilter, limit: number): { rows: Array<{ serviceDate: string; deskId: number; text: string }>; total: number } {
  const where = `service_date BETWEEN @from AND @to AND ${DESK_FILTER} AND suggestion IS NOT NULL`;
  const rows = prepared(db, `SELECT service_date AS serviceDate, desk_id AS deskId, suggestion AS text FROM survey_responses WHERE ${where} ORDER BY id DESC LIMIT @limit`).all({
    ...params(filter),
    limit,
  }) as Array<{ serviceDate: string; deskId: number; text: string }>;
  const { total } = prepared(db, `SELECT count(*) AS total FROM survey_responses WHERE ${where}`).get(params(filter)) as { total: number };
  return { rows, total };
}

/** Visitors served in the range (finished or referred): the survey's population. */
export function servedVisitors(db: KioskDatabase, filter: ResponseFilter): number {
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM tickets WHERE service_date BETWEEN @from AND @to AND status IN ('done', 'referred') AND (@deskId IS NULL OR queue_desk_id = @deskId)`,
  ).get(params(filter)) as { n: number };
  return row.n;
}

// — monthly evaluation —

export interface MonthTicketFigures {
  visits: number;
  withSiapkerjaId: number;
  priority: number;
  byStatus: Array<{ status: string; count: number }>;
  byUserType: Array<{ key: string; count: number }>;
  byDesk: Array<{ deskId: number; count: number }>;
  servedByDesk: Array<{ deskId: number; count: number }>;
  servicesByDesk: Array<{ deskId: number; code: string; count: number }>;
  byHour: Array<{ deskId: number; hour: number; count: number }>;
  byDay: Array<{ date: string; count: number }>;
}

export function monthTicketFigures(db: KioskDatabase, from: string, to: string, utcOffsetMinutes: number): MonthTicketFigures {
  const range = { from, to };
  const one = prepared(
    db,
    `SELECT count(*) AS visits, count(siapkerja_sealed) AS withSiapkerjaId, coalesce(sum(priority), 0) AS priority
       FROM tickets WHERE service_date BETWEEN @from AND @to`,
  ).get(range) as { visits: number; withSiapkerjaId: number; priority: number };
  const all = <T>(sql: string, extra: Record<string, unknown> = {}) => prepared(db, sql).all({ ...range, ...extra }) as T[];
  return {
    ...one,
    byStatus: all('SELECT status, count(*) AS count FROM tickets WHERE service_date BETWEEN @from AND @to GROUP BY status'),
    byUserType: all("SELECT coalesce(user_type, 'unknown') AS key, count(*) AS count FROM tickets WHERE service_date BETWEEN @from AND @to GROUP BY 1 ORDER BY 1"),
    // The desk the visitor chose at the kiosk (a transfer does not make a second visit).
    byDesk: all('SELECT desk_id AS deskId, count(*) AS count FROM tickets WHERE service_date BETWEEN @from AND @to GROUP BY desk_id ORDER BY desk_id'),
    // Services are credited to the desk that delivered them.
    servedByDesk: all(
      "SELECT queue_desk_id AS deskId, count(*) AS count FROM tickets WHERE service_date BETWEEN @from AND @to AND status IN ('done', 'referred') GROUP BY queue_desk_id ORDER BY queue_desk_id",
    ),
    servicesByDesk: all(
      `SELECT queue_desk_id AS deskId, service.value AS code, count(*) AS count
         FROM tickets, json_each(tickets.services) AS service
        WHERE service_date BETWEEN @from AND @to AND status IN ('done', 'referred')
        GROUP BY queue_desk_id, service.value ORDER BY queue_desk_id, count(*) DESC, service.value`,
    ),
    byHour: all(
      `SELECT desk_id AS deskId, CAST(strftime('%H', issued_at, @offset) AS INTEGER) AS hour, count(*) AS count
         FROM tickets WHERE service_date BETWEEN @from AND @to GROUP BY 1, 2 ORDER BY 1, 2`,
      { offset: `${utcOffsetMinutes >= 0 ? '+' : ''}${utcOffsetMinutes} minutes` },
    ),
    byDay: all('SELECT service_date AS date, count(*) AS count FROM tickets WHERE service_date BETWEEN @from AND @to GROUP BY service_date ORDER BY service_date'),
  };
}

/** Device health changes that stopped or degraded a device, from the audit trail. */
export function deviceIncidents(db: KioskDatabase, from: string, to: string): Array<{ id: number; date: string; device: string; state: string; count: number }> {
  return prepared(
    db,
    `SELECT min(id) AS id, service_date AS date, json_extract(detail, '$.device') AS device, json_extract(detail, '$.state') AS state, count(*) AS count
       FROM audit
      WHERE action = 'device.status' AND service_date BETWEEN ? AND ?
        AND json_extract(detail, '$.state') IN ('offline', 'paper-out', 'cover-open', 'error')
      GROUP BY service_date, device, state ORDER BY service_date, device, state`,
  ).all(from, to) as Array<{ id: number; date: string; device: string; state: string; count: number }>;
}

export function managerObstacles(db: KioskDatabase, from: string, to: string): Array<{ id: number; date: string; text: string }> {
  return prepared(db, 'SELECT id, date, text FROM report_obstacles WHERE date BETWEEN ? AND ? ORDER BY date, id').all(from, to) as Array<{ id: number; date: string; text: string }>;
}

export function insertObstacle(db: KioskDatabase, row: { date: string; text: string; created_at: string; created_by: number | null }): number {
  return Number(prepared(db, 'INSERT INTO report_obstacles (date, text, created_at, created_by) VALUES (@date, @text, @created_at, @created_by)').run(row).lastInsertRowid);
}

export function deleteObstacle(db: KioskDatabase, id: number): { date: string; text: string } | undefined {
  return prepared(db, 'DELETE FROM report_obstacles WHERE id = ? RETURNING date, text').get(id) as { date: string; text: string } | undefined;
}

// — follow-up plans, publications, board —

export function followUpOf(db: KioskDatabase, periodKey: string): { plan: string; updated_at: string; updated_by_name: string | null } | undefined {
  return prepared(
    db,
    'SELECT f.plan, f.updated_at, s.name AS updated_by_name FROM report_follow_ups f LEFT JOIN staff s ON s.id = f.updated_by WHERE f.period_key = ?',
  ).get(periodKey) as { plan: string; updated_at: string; updated_by_name: string | null } | undefined;
}

export function saveFollowUp(db: KioskDatabase, row: { period_key: string; plan: string; updated_at: string; updated_by: number | null }): void {
  prepared(
    db,
    `INSERT INTO report_follow_ups (period_key, plan, updated_at, updated_by) VALUES (@period_key, @plan, @updated_at, @updated_by)
     ON CONFLICT (period_key) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(row);
}

export function insertPublication(db: KioskDatabase, row: { period_key: string; payload: string; published_at: string; published_by: number | null }): void {
  prepared(db, 'INSERT INTO ikm_publications (period_key, payload, published_at, published_by) VALUES (@period_key, @payload, @published_at, @published_by)').run(row);
}

export function latestPublication(db: KioskDatabase, periodKey?: string): { payload: string } | undefined {
  return (
    periodKey === undefined
      ? prepared(db, 'SELECT payload FROM ikm_publications ORDER BY id DESC LIMIT 1').get()
      : prepared(db, 'SELECT payload FROM ikm_publications WHERE period_key = ? ORDER BY id DESC LIMIT 1').get(periodKey)
  ) as { payload: string } | undefined;
}

export interface BoardTextsRow {
  maklumat: string;
  complaint_contact: string;
  announcement: string;
  updated_at: string;
}

export function boardTexts(db: KioskDatabase): BoardTextsRow | undefined {
  return prepared(db, 'SELECT maklumat, complaint_contact, announcement, updated_at FROM board_texts WHERE id = 1').get() as BoardTextsRow | undefined;
}

export function saveBoardTexts(db: KioskDatabase, row: BoardTextsRow & { updated_by: number | null }): void {
  prepared(
    db,
    `INSERT INTO board_texts (id, maklumat, complaint_contact, announcement, updated_at, updated_by)
     VALUES (1, @maklumat, @complaint_contact, @announcement, @updated_at, @updated_by)
     ON CONFLICT (id) DO UPDATE SET maklumat = excluded.maklumat, complaint_contact = excluded.complaint_contact,
       announcement = excluded.announcement, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(row);
}
