import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Migration } from './migration.js';

/**
 * Store-and-forward to the central API (issue 9).
 *
 * The outbox gets an AUTOINCREMENT key: it is the event's per-installation `seq`, which must never
 * be reused even after sent rows are purged; each event gets its UUIDv7 idempotency key, and a
 * state (pending → sent, or poison when central refused it as invalid).
 *
 * Survey responses no longer enter the outbox when they are given: the response row is the fact,
 * and the forwarder releases a finished day's responses in shuffled order (`forwarded`), so
 * neither the sequence nor the send time ties an answer to the ticket served just before it.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'forwarding to central',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_next (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT    NOT NULL UNIQUE,
        topic        TEXT    NOT NULL,
        payload      TEXT    NOT NULL CHECK (json_valid(payload)),
        occurred_at  TEXT    NOT NULL,
        state        TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'poison')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        last_error   TEXT,
        sent_at      TEXT,
        poisoned_at  TEXT
      ) STRICT;
    `);
    const rows = db.prepare("SELECT id, topic, payload, created_at FROM outbox WHERE topic <> 'survey.response' ORDER BY id").all() as {
      id: number;
      topic: string;
      payload: string;
      created_at: string;
    }[];
    const insert = db.prepare('INSERT INTO outbox_next (event_id, topic, payload, occurred_at) VALUES (?, ?, ?, ?)');
    // Nothing was ever forwarded before this version, so every old row is pending.
    for (const row of rows) insert.run(uuidv7({ msecs: Date.parse(row.created_at) || Date.now() }), row.topic, row.payload, row.created_at);
    db.exec(`
      DROP TABLE outbox;
      ALTER TABLE outbox_next RENAME TO outbox;
      CREATE INDEX outbox_pending ON outbox (seq) WHERE state = 'pending';
      CREATE INDEX outbox_sent ON outbox (sent_at) WHERE state = 'sent';
      CREATE INDEX outbox_poison ON outbox (seq) WHERE state = 'poison';

      ALTER TABLE survey_responses ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0 CHECK (forwarded IN (0, 1));
      CREATE INDEX survey_responses_unforwarded ON survey_responses (service_date) WHERE forwarded = 0;

      -- The installation's identity and the forwarder's bookkeeping (last success, last error, skew).
      CREATE TABLE central_state (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;

      -- The last good copy of what central serves (config, catalogue, content, vacancies).
      CREATE TABLE central_cache (
        resource    TEXT PRIMARY KEY,
        etag        TEXT,
        body        TEXT CHECK (body IS NULL OR json_valid(body)),
        fetched_at  TEXT,
        checked_at  TEXT,
        last_error  TEXT
      ) STRICT;
    `);
    db.prepare("INSERT INTO central_state (key, value) VALUES ('installation_id', ?)").run(randomUUID());
  },
};
