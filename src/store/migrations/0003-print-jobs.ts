import type { Migration } from './migration.js';

/**
 * Print jobs as their own rows (and an index for the device history in the audit trail): a ticket may be printed more than once (reprints), each job ends
 * in its own outcome, and `unconfirmed` / `interrupted` need room that the old `tickets.print_status`
 * CHECK does not allow. `tickets.print_status` and `print_detail` are no longer written; they stay
 * because dropping columns under foreign keys means rebuilding the table.
 *
 * A ticket still `pending` from before this migration was left by a crash: it becomes
 * `interrupted`, which is exactly what start-up does to pending jobs from now on. One the old
 * driver called `printed` only had its bytes taken by the transport, which proves nothing: it
 * becomes `unconfirmed`.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'print jobs',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id          INTEGER PRIMARY KEY,
        ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
        kind        TEXT    NOT NULL CHECK (kind IN ('issue', 'reprint')),
        status      TEXT    NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'printed', 'failed', 'unconfirmed', 'interrupted')),
        reason      TEXT    CHECK (reason IS NULL OR reason IN ('offline', 'timeout', 'closed', 'reset', 'paper-out', 'cover-open', 'error')),
        detail      TEXT,
        created_at  TEXT    NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX print_jobs_ticket ON print_jobs (ticket_id, id);
      CREATE INDEX print_jobs_pending ON print_jobs (status) WHERE status = 'pending';
      -- The device screen's history reads device.status entries across days.
      CREATE INDEX audit_by_action ON audit (action, id);
      INSERT INTO print_jobs (ticket_id, kind, status, detail, created_at, finished_at)
        SELECT id, 'issue', CASE print_status WHEN 'pending' THEN 'interrupted' WHEN 'printed' THEN 'unconfirmed' ELSE print_status END,
               print_detail, issued_at, issued_at
        FROM tickets;
    `);
  },
};
