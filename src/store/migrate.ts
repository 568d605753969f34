import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration.js';
import { StoreError } from './storeError.js';

/**
 * Brings the schema up to the newest migration, using SQLite's user_version as the counter.
 * Refuses a database written by a newer build: running old code on it could corrupt it.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (from > newest) {
    throw new StoreError(
      'schema_too_new',
      `database schema version ${from} is newer than this build supports (${newest}); install the newer kiosk build or restore a backup`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, newest) };
}
