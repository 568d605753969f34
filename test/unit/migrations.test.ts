import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { migration0001 } from '../../src/store/migrations/0001-tickets-and-outbox.js';
import { migration0002 } from '../../src/store/migrations/0002-queue-day-stations-and-audit.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { StoreError } from '../../src/store/storeError.js';
import { LAST_SEQUENCE_SQL, WAITING_SQL } from '../../src/store/ticketQueries.js';
import { OUTBOX_BACKLOG_SQL, OUTBOX_PENDING_SQL } from '../../src/store/outboxQueries.js';

function memoryDb() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, index) => index + 1));
  });

  it('apply once and record the version', () => {
    const db = memoryDb();
    expect(migrate(db, MIGRATIONS)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(migrate(db, MIGRATIONS)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('refuse a database written by a newer build', () => {
    const db = memoryDb();
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrow(StoreError);
  });
});

describe('migration 0001: tickets and outbox', () => {
  const db = memoryDb();
  migrate(db, [migration0001]);
  const insert = db.prepare(
    `INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel) VALUES (?, ?, ?, ?, ?, ?)`,
  );

  it('accepts a valid ticket with print status pending', () => {
    insert.run('2026-11-23', 1, 1, 'A-001', '2026-11-23T01:00:00.000Z', 'kiosk');
    expect(db.prepare('SELECT print_status FROM tickets').get()).toEqual({ print_status: 'pending' });
  });

  it('never stores the same number twice for a desk and day', () => {
    expect(() => insert.run('2026-11-23', 1, 1, 'A-001', '2026-11-23T01:00:01.000Z', 'kiosk')).toThrow(/UNIQUE/);
  });

  it.each([
    ['desk 8', ['2026-11-23', 8, 2, 'H-002', 't', 'kiosk']],
    ['sequence 1000', ['2026-11-23', 1, 1000, 'A-1000', 't', 'kiosk']],
    ['a malformed date', ['23/11/2026', 1, 3, 'A-003', 't', 'kiosk']],
    ['an unknown channel', ['2026-11-23', 1, 4, 'A-004', 't', 'web']],
  ])('rejects %s', (_name, values) => {
    expect(() => insert.run(...values)).toThrow(/CHECK/);
  });

  it('finds the last sequence through the unique index, not a table scan', () => {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${LAST_SEQUENCE_SQL}`).all('2026-11-23', 1) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING COVERING INDEX sqlite_autoindex_tickets_1/);
  });

});

describe('migration 0007: the outbox for forwarding', () => {
  const db = memoryDb();
  migrate(db, MIGRATIONS);

  it('keeps only JSON in the outbox', () => {
    expect(() =>
      db.prepare('INSERT INTO outbox (event_id, topic, payload, occurred_at) VALUES (?, ?, ?, ?)').run('e', 't', 'not json', 'x'),
    ).toThrow(/CHECK/);
  });

  it('counts the sync backlog and reads the next page through the partial index', () => {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${OUTBOX_BACKLOG_SQL}`).all() as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/outbox_pending/);
    const page = db.prepare(`EXPLAIN QUERY PLAN ${OUTBOX_PENDING_SQL}`).all(0, 10) as Array<{ detail: string }>;
    expect(page.map((row) => row.detail).join(' ')).toMatch(/outbox_pending/);
  });

  it('never reuses a sequence number, even after delivered rows are purged', () => {
    const insert = db.prepare("INSERT INTO outbox (event_id, topic, payload, occurred_at) VALUES (?, 't', '{}', 'x')");
    const first = Number(insert.run('a').lastInsertRowid);
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(first);
    expect(Number(insert.run('b').lastInsertRowid)).toBe(first + 1);
  });
});

describe('migration 0002: the queue day', () => {
  it('upgrades a day of version-1 tickets: they wait at the desk that issued them, in issue order', () => {
    const db = memoryDb();
    migrate(db, [migration0001]);
    db.prepare('INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel) VALUES (?, ?, ?, ?, ?, ?)').run(
      '2026-11-23', 4, 7, 'D-007', '2026-11-23T02:00:00.000Z', 'kiosk',
    );
    migrate(db, MIGRATIONS);
    expect(db.prepare('SELECT status, queue_desk_id, queued_at, priority, services FROM tickets').get()).toEqual({
      status: 'waiting',
      queue_desk_id: 4,
      queued_at: '2026-11-23T02:00:00.000Z',
      priority: 0,
      services: '[]',
    });
  });

  it('rejects an unknown status or role', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS);
    expect(() => db.prepare("UPDATE tickets SET status = 'lost'").run()).not.toThrow(); // no rows yet
    db.prepare('INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel, queue_desk_id, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      '2026-11-23', 1, 1, 'A-001', 't', 'kiosk', 1, 't',
    );
    expect(() => db.prepare("UPDATE tickets SET status = 'lost'").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO staff (username, name, role, pin_hash, created_at) VALUES ('x', 'X', 'admin', 'h', 't')").run(),
    ).toThrow(/CHECK/);
  });

  it('finds a desk\'s waiting line through its index', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${WAITING_SQL}`).all('2026-11-23', 1) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX tickets_queue/);
    expect(plan.map((row) => row.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});

describe('migration 0003: print jobs', () => {
  it('turns each ticket\'s old print status into a job, claiming no more than was known', () => {
    const db = memoryDb();
    migrate(db, [migration0001, migration0002]);
    const insert = db.prepare(
      'INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel, queue_desk_id, queued_at, print_status, print_detail) VALUES (?, 1, ?, ?, ?, ?, 1, ?, ?, ?)',
    );
    insert.run('2026-11-23', 1, 'A-001', 't1', 'kiosk', 't1', 'printed', null);
    insert.run('2026-11-23', 2, 'A-002', 't2', 'kiosk', 't2', 'failed', 'ECONNREFUSED');
    insert.run('2026-11-23', 3, 'A-003', 't3', 'kiosk', 't3', 'pending', null);
    migrate(db, MIGRATIONS);
    expect(db.prepare('SELECT ticket_id, kind, status, detail FROM print_jobs ORDER BY ticket_id').all()).toEqual([
      // The old driver's "printed" only meant the transport took the bytes.
      { ticket_id: 1, kind: 'issue', status: 'unconfirmed', detail: null },
      { ticket_id: 2, kind: 'issue', status: 'failed', detail: 'ECONNREFUSED' },
      // Left pending by a crash: nobody knows.
      { ticket_id: 3, kind: 'issue', status: 'interrupted', detail: null },
    ]);
  });

  it('refuses an unknown status or reason', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel, queue_desk_id, queued_at) VALUES ('2026-11-23', 1, 1, 'A-001', 't', 'kiosk', 1, 't')").run();
    expect(() => db.prepare("INSERT INTO print_jobs (ticket_id, kind, status, created_at) VALUES (1, 'issue', 'maybe', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO print_jobs (ticket_id, kind, status, reason, created_at) VALUES (1, 'issue', 'failed', 'gremlins', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO print_jobs (ticket_id, kind, created_at) VALUES (99, 'issue', 't')").run()).toThrow(/FOREIGN KEY/);
  });
});
