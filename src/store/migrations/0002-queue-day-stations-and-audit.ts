import type { Migration } from './migration.js';

/**
 * The whole queue day: a ticket's lifecycle (status, counter, times, transfer, services), counters
 * opened by officers, back-office referrals (contact sealed), staff with PIN hashes, paired stations
 * with token hashes and sessions, calendar overrides, and the audit trail of every queue action.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'queue day, stations and audit',
  up(db) {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN status TEXT NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'called', 'serving', 'done', 'referred', 'no_show', 'cancelled'));
      ALTER TABLE tickets ADD COLUMN priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1));
      ALTER TABLE tickets ADD COLUMN user_type TEXT
        CHECK (user_type IS NULL OR user_type IN ('pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat'));
      ALTER TABLE tickets ADD COLUMN queue_desk_id INTEGER CHECK (queue_desk_id BETWEEN 1 AND 7);
      ALTER TABLE tickets ADD COLUMN queued_at TEXT;
      ALTER TABLE tickets ADD COLUMN called_at TEXT;
      ALTER TABLE tickets ADD COLUMN serving_at TEXT;
      ALTER TABLE tickets ADD COLUMN finished_at TEXT;
      ALTER TABLE tickets ADD COLUMN counter_number INTEGER;
      ALTER TABLE tickets ADD COLUMN officer_id INTEGER;
      ALTER TABLE tickets ADD COLUMN call_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE tickets ADD COLUMN transferred_from INTEGER;
      ALTER TABLE tickets ADD COLUMN services TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(services));
      ALTER TABLE tickets ADD COLUMN siapkerja_sealed TEXT;
      UPDATE tickets SET queue_desk_id = desk_id, queued_at = issued_at;

      CREATE INDEX tickets_queue ON tickets (service_date, queue_desk_id, status, queued_at);
      CREATE INDEX tickets_status ON tickets (service_date, status);

      CREATE TABLE staff (
        id               INTEGER PRIMARY KEY,
        username         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        name             TEXT    NOT NULL,
        role             TEXT    NOT NULL CHECK (role IN ('receptionist', 'officer', 'manager', 'technician')),
        pin_hash         TEXT    NOT NULL,
        failed_attempts  INTEGER NOT NULL DEFAULT 0,
        locked_until     TEXT,
        disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at       TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE stations (
        id            INTEGER PRIMARY KEY,
        name          TEXT    NOT NULL,
        kind          TEXT    NOT NULL CHECK (kind IN ('kiosk', 'desk', 'reception', 'display', 'admin')),
        token_hash    TEXT    NOT NULL UNIQUE,
        paired_at     TEXT    NOT NULL,
        last_seen_at  TEXT,
        revoked_at    TEXT
      ) STRICT;

      CREATE TABLE pairing_codes (
        id              INTEGER PRIMARY KEY,
        code_hash       TEXT    NOT NULL UNIQUE,
        kind            TEXT    NOT NULL CHECK (kind IN ('kiosk', 'desk', 'reception', 'display', 'admin')),
        created_by      INTEGER REFERENCES staff (id),
        created_at      TEXT    NOT NULL,
        expires_at      TEXT    NOT NULL,
        used_at         TEXT
      ) STRICT;

      CREATE TABLE sessions (
        id            INTEGER PRIMARY KEY,
        token_hash    TEXT    NOT NULL UNIQUE,
        staff_id      INTEGER NOT NULL REFERENCES staff (id),
        station_id    INTEGER REFERENCES stations (id),
        created_at    TEXT    NOT NULL,
        last_seen_at  TEXT    NOT NULL,
        expires_at    TEXT    NOT NULL,
        ended_at      TEXT
      ) STRICT;

      CREATE TABLE counters (
        desk_id            INTEGER NOT NULL CHECK (desk_id BETWEEN 1 AND 7),
        counter_number     INTEGER NOT NULL CHECK (counter_number BETWEEN 1 AND 20),
        state              TEXT    NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
        officer_id         INTEGER REFERENCES staff (id),
        pause_reason       TEXT,
        current_ticket_id  INTEGER REFERENCES tickets (id),
        since              TEXT    NOT NULL,
        PRIMARY KEY (desk_id, counter_number)
      ) STRICT;

      CREATE TABLE desk_days (
        service_date     TEXT    NOT NULL,
        desk_id          INTEGER NOT NULL,
        priority_streak  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (service_date, desk_id)
      ) STRICT;

      CREATE TABLE referrals (
        id               INTEGER PRIMARY KEY,
        ticket_id        INTEGER NOT NULL UNIQUE REFERENCES tickets (id),
        level            TEXT    NOT NULL CHECK (level IN ('dinas_kabupaten_kota', 'dinas_provinsi', 'kementerian')),
        user_type        TEXT    NOT NULL,
        employer_scope   TEXT,
        follow_up_date   TEXT    NOT NULL,
        follow_up_time   TEXT    NOT NULL,
        place            TEXT,
        online_link      TEXT,
        contact_sealed   TEXT    NOT NULL,
        contact_masked   TEXT    NOT NULL,
        note_sealed      TEXT,
        created_by       INTEGER REFERENCES staff (id),
        created_at       TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE calendar_overrides (
        date      TEXT PRIMARY KEY,
        sessions  TEXT NOT NULL CHECK (json_valid(sessions)),
        note      TEXT NOT NULL,
        set_by    INTEGER REFERENCES staff (id),
        set_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit (
        id              INTEGER PRIMARY KEY,
        at              TEXT    NOT NULL,
        service_date    TEXT    NOT NULL,
        action          TEXT    NOT NULL,
        ticket_id       INTEGER REFERENCES tickets (id),
        desk_id         INTEGER,
        counter_number  INTEGER,
        staff_id        INTEGER REFERENCES staff (id),
        station_id      INTEGER REFERENCES stations (id),
        channel         TEXT    NOT NULL CHECK (channel IN ('kiosk', 'lan')),
        detail          TEXT    CHECK (detail IS NULL OR json_valid(detail))
      ) STRICT;
      CREATE INDEX audit_by_date ON audit (service_date, id);
    `);
  },
};
