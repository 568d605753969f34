import type { Database } from './database.js';

/** An event that matched `#/components/schemas/Event`, as the batch carried it. */
export interface ValidEvent {
  id: string;
  seq: number;
  type: string;
  occurredAt: string;
  payload: unknown;
}

export interface BatchOrigin {
  deviceId: string;
  installationId: string;
  sentAt: string;
}

export interface StoreOutcome {
  /** Ids this call inserted; every other id given was held already. */
  inserted: Set<string>;
  /** Valid by the document, yet not storable (e.g. a U+0000 in a string, year 0000): id → why. */
  unstorable: Map<string, string>;
  /** Ids held already for another installation: a cloned kiosk database, never a harmless repeat. */
  foreign: Set<string>;
}

const INSERT = `INSERT INTO events (event_id, device_id, installation_id, seq, type, occurred_at, sent_at, payload)
     SELECT e.event_id, $1, $2, e.seq, e.type, e.occurred_at, $3, e.payload
       FROM unnest($4::uuid[], $5::bigint[], $6::text[], $7::timestamptz[], $8::jsonb[])
            AS e (event_id, seq, type, occurred_at, payload)
     ON CONFLICT (event_id) DO NOTHING
     RETURNING event_id`;

async function insert(db: Database, origin: BatchOrigin, events: readonly ValidEvent[]): Promise<string[]> {
  const { rows } = await db.query<{ event_id: string }>(INSERT, [
    origin.deviceId,
    origin.installationId,
    origin.sentAt,
    events.map((event) => event.id),
    events.map((event) => event.seq),
    events.map((event) => event.type),
    events.map((event) => event.occurredAt),
    events.map((event) => JSON.stringify(event.payload)),
  ]);
  return rows.map((row) => row.event_id);
}

/** SQLSTATE class 22: the value itself cannot be held (bad text, date out of range, …). */
function isDataException(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' && code.startsWith('22');
}

/**
 * Stores a batch's valid events in one statement. An id already held — from an earlier batch,
 * from another instance handling the same batch at the same moment, or twice in this batch — is
 * skipped by `ON CONFLICT (event_id) DO NOTHING`: the unique key decides, so "stored" is reported
 * exactly once per id across all instances.
 *
 * The events travel as arrays unnested on the server: one round trip whatever the batch size, and
 * a fixed number of parameters. Only when PostgreSQL refuses a value does it go event by event, so
 * one unstorable event is answered as such instead of failing its batch on every retry.
 */
export async function storeEvents(db: Database, origin: BatchOrigin, events: readonly ValidEvent[]): Promise<StoreOutcome> {
  const outcome: StoreOutcome = { inserted: new Set(), unstorable: new Map(), foreign: new Set() };
  if (events.length === 0) return outcome;
  try {
    for (const id of await insert(db, origin, events)) outcome.inserted.add(id);
    await markForeign(db, origin, events, outcome);
    return outcome;
  } catch (error) {
    if (!isDataException(error)) throw error;
  }
  for (const event of events) {
    try {
      for (const id of await insert(db, origin, [event])) outcome.inserted.add(id);
    } catch (error) {
      if (!isDataException(error)) throw error;
      outcome.unstorable.set(event.id, `cannot be stored: ${(error as Error).message}`.slice(0, 500));
    }
  }
  await markForeign(db, origin, events, outcome);
  return outcome;
}

/** A "duplicate" is success only when the held copy came from the same installation. */
async function markForeign(db: Database, origin: BatchOrigin, events: readonly ValidEvent[], outcome: StoreOutcome): Promise<void> {
  const held = events.map((event) => event.id).filter((id) => !outcome.inserted.has(id) && !outcome.unstorable.has(id));
  if (held.length === 0) return;
  const { rows } = await db.query<{ event_id: string }>('SELECT event_id FROM events WHERE event_id = ANY($1::uuid[]) AND installation_id <> $2', [held, origin.installationId]);
  for (const row of rows) outcome.foreign.add(row.event_id);
}
