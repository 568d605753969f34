import type { Migration } from './migration.js';

/**
 * Tickets are the queue's source of truth; the outbox holds every fact still to be forwarded to
 * the central API, written in the same transaction as the fact itself so none is lost.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'tickets and outbox',
  up(db) {
    db.exec(`
      CREATE TABLE tickets (
        id            INTEGER PRIMARY KEY,
        service_date  TEXT    NOT NULL CHECK (service_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        desk_id       INTEGER NOT NULL CHECK (desk_id BETWEEN 1 AND 7),
        seq           INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999),
        number        TEXT    NOT NULL,
        issued_at     TEXT    NOT NULL,
        channel       TEXT    NOT NULL CHECK (channel IN ('kiosk', 'lan')),
        print_status  TEXT    NOT NULL DEFAULT 'pending' CHECK (print_status IN ('pending', 'printed', 'failed')),
        print_detail  TEXT,
        UNIQUE (service_date, desk_id, seq)
      ) STRICT;

      CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY,
        topic       TEXT    NOT NULL,
        payload     TEXT    NOT NULL CHECK (json_valid(payload)),
        created_at  TEXT    NOT NULL,
        sent_at     TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT
      ) STRICT;

      CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
    `);
  },
};
