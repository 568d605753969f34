import type { Migration } from './migration.js';

/**
 * IKM survey responses (PermenPAN-RB 14/2017). Anonymous by construction: a response row holds the
 * answers by unsur code, the optional respondent profile and suggestion, and what the report groups
 * by (service day, desk, services, user type) — no ticket, no name, no contact. Which tickets have
 * answered is kept apart in `survey_tickets`, only to refuse a second response, and is emptied when
 * the service day ends (a ticket reference verifies on its own day only).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'survey responses',
  up(db) {
    const answer = (code: string) => `${code} INTEGER CHECK (${code} IS NULL OR ${code} BETWEEN 1 AND 4)`;
    db.exec(`
      CREATE TABLE survey_responses (
        id            INTEGER PRIMARY KEY,
        submitted_at  TEXT    NOT NULL,
        service_date  TEXT    NOT NULL,
        desk_id       INTEGER NOT NULL CHECK (desk_id BETWEEN 1 AND 7),
        services      TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(services)),
        user_type     TEXT,
        input         TEXT    NOT NULL CHECK (input IN ('touch', 'buttons')),
        ${['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map(answer).join(',\n        ')},
        sex           TEXT    CHECK (sex IS NULL OR sex IN ('l', 'p')),
        age_band      TEXT,
        education     TEXT,
        occupation    TEXT,
        suggestion    TEXT    CHECK (suggestion IS NULL OR length(suggestion) <= 500)
      );
      CREATE INDEX survey_responses_by_date ON survey_responses (service_date, desk_id);

      CREATE TABLE survey_tickets (
        ticket_id    INTEGER PRIMARY KEY REFERENCES tickets (id),
        service_date TEXT    NOT NULL
      );
    `);
  },
};
