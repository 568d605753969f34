import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openKioskDatabase } from '../../src/store/kioskDatabase.js';
import { migration0001 } from '../../src/store/migrations/0001-tickets-and-outbox.js';
import type { Migration } from '../../src/store/migrations/migration.js';
import { StoreError } from '../../src/store/storeError.js';
import { tempDir } from '../support/tempDir.js';

describe('kiosk database file', () => {
  it('opens in WAL mode with foreign keys, at the newest schema', () => {
    const file = join(tempDir(), 'kiosk.sqlite');
    const { db, schemaVersion } = openKioskDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(schemaVersion).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a file that is not a database, with a message for the technician', () => {
    const file = join(tempDir(), 'kiosk.sqlite');
    writeFileSync(file, 'this is not a database '.repeat(500));
    let error: unknown;
    try {
      openKioskDatabase(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('corrupt');
    expect((error as StoreError).message).toMatch(/integrity check.*move the file aside/s);
  });

  it('detects a damaged page at start-up', () => {
    const file = join(tempDir(), 'kiosk.sqlite');
    const { db } = openKioskDatabase(file);
    const insert = db.prepare(
      `INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel) VALUES ('2026-11-23', 1, ?, ?, 't', 'kiosk')`,
    );
    for (let seq = 1; seq <= 400; seq++) insert.run(seq, `A-${String(seq).padStart(3, '0')}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over an index page in the middle of the file, as a torn write would.
    const raw = new Database(file);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const pageCount = raw.pragma('page_count', { simple: true }) as number;
    raw.close();
    const bytes = Buffer.alloc(pageSize, 0x5a);
    const fd = openSync(file, 'r+');
    writeSync(fd, bytes, 0, pageSize, pageSize * (pageCount - 2));
    closeSync(fd);
    expect(() => openKioskDatabase(file)).toThrow(StoreError);
  });

  it('tells a locked database apart from a damaged one', () => {
    const file = join(tempDir(), 'kiosk.sqlite');
    openKioskDatabase(file).db.close();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      let error: unknown;
      try {
        openKioskDatabase(file, { busyTimeoutMs: 50 });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).kind).toBe('unopenable');
      expect((error as StoreError).message).toMatch(/locked.*Do not move or delete it/s);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('keeps a copy of the old database before an upgrade changes its schema', () => {
    const dir = tempDir();
    const file = join(dir, 'kiosk.sqlite');
    const first = openKioskDatabase(file, { migrations: [migration0001] });
    first.db
      .prepare(`INSERT INTO tickets (service_date, desk_id, seq, number, issued_at, channel) VALUES ('2026-11-23', 1, 1, 'A-001', 't', 'kiosk')`)
      .run();
    first.db.close();
    // Opening again with nothing new to apply takes no copy.
    openKioskDatabase(file, { migrations: [migration0001] }).db.close();
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);

    const upgrade: Migration = { version: 2, name: 'test upgrade', up: (db) => db.exec('ALTER TABLE tickets ADD COLUMN note TEXT') };
    const upgraded = openKioskDatabase(file, { migrations: [migration0001, upgrade], clock: () => new Date('2026-11-23T01:00:00Z') });
    expect(upgraded.schemaVersion).toBe(2);
    upgraded.db.close();
    const backups = readdirSync(dir).filter((name) => name.endsWith('.bak'));
    expect(backups).toEqual(['kiosk.sqlite.v1-20261123T010000000Z.bak']);
    const copy = new Database(join(dir, backups[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT number FROM tickets').all()).toEqual([{ number: 'A-001' }]);
    copy.close();
  });

  it('refuses a database from a newer build instead of migrating it backwards', () => {
    const file = join(tempDir(), 'kiosk.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 42');
    raw.close();
    expect(() => openKioskDatabase(file)).toThrow(/newer than this build supports/);
  });
});
