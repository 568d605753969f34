import { readFileSync } from 'node:fs';
import pg from 'pg';

export type Database = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

/** Any number, the same in every instance: instances starting together apply the schema one at a time. */
const SCHEMA_LOCK = 0x6b696f73; // "kios"

export function openDatabase(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max, application_name: 'central-receiver' });
  // An idle client's connection can drop (the server restarts); without a listener that error
  // would crash the process. Requests that need the database then get 503 and retry.
  pool.on('error', () => {});
  return pool;
}

/** schema.sql is idempotent (IF NOT EXISTS); the advisory lock stops two instances racing on the catalog. */
export async function applySchema(db: Database, schemaFile: string): Promise<void> {
  const sql = readFileSync(schemaFile, 'utf8');
  await transaction(db, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(sql);
  });
}

export async function transaction<T>(db: Database, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** SQLSTATE 23505: a unique constraint refused the row. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const { code, constraint: name } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && (constraint === undefined || name === constraint);
}

/**
 * The database cannot be reached or is shutting down: the request may succeed later, so the
 * answer is 503 with Retry-After rather than 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE'].includes(code)) return true;
    // 08: connection exception; 53: insufficient resources; 57P0x: shutdown, crash, cannot connect now.
    if (/^(08|53)/.test(code) || /^57P0[1-4]$/.test(code)) return true;
  }
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}
