import type { Migration } from './migration.js';

/**
 * What the manager adds to the reports and the information board: the follow-up plan of an IKM
 * period, the month's obstacles, published IKM results, and the board's texts. Staff are referred
 * to by id (their names live in `staff`).
 */
export const migration0005: Migration = {
  version: 5,
  name: 'reports and information board',
  up(db) {
    db.exec(`
      CREATE TABLE report_follow_ups (
        period_key  TEXT    PRIMARY KEY,
        plan        TEXT    NOT NULL CHECK (json_valid(plan)),
        updated_at  TEXT    NOT NULL,
        updated_by  INTEGER REFERENCES staff (id)
      ) STRICT;

      CREATE TABLE report_obstacles (
        id          INTEGER PRIMARY KEY,
        date        TEXT    NOT NULL,
        text        TEXT    NOT NULL CHECK (length(text) BETWEEN 3 AND 500),
        created_at  TEXT    NOT NULL,
        created_by  INTEGER REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX report_obstacles_by_date ON report_obstacles (date);

      CREATE TABLE ikm_publications (
        id            INTEGER PRIMARY KEY,
        period_key    TEXT    NOT NULL,
        payload       TEXT    NOT NULL CHECK (json_valid(payload)),
        published_at  TEXT    NOT NULL,
        published_by  INTEGER REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX ikm_publications_by_period ON ikm_publications (period_key, id);

      CREATE TABLE board_texts (
        id                 INTEGER PRIMARY KEY CHECK (id = 1),
        maklumat           TEXT    NOT NULL,
        complaint_contact  TEXT    NOT NULL,
        announcement       TEXT    NOT NULL,
        updated_at         TEXT    NOT NULL,
        updated_by         INTEGER REFERENCES staff (id)
      ) STRICT;

      -- The IKM report lists a period's suggestions, newest first; few responses carry one.
      CREATE INDEX survey_responses_suggestions ON survey_responses (service_date, id) WHERE suggestion IS NOT NULL;
      -- The monthly evaluation counts a month of tickets by status and desk.
      CREATE INDEX tickets_by_date_desk ON tickets (service_date, queue_desk_id, status);
    `);
  },
};
