import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Reads rows straight from a kiosk's database file, read-only, as a technician's tool would. */
export function readRows<T = Record<string, unknown>>(dataDir: string, sql: string): T[] {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
