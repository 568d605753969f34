import type { Database } from 'better-sqlite3';

/** One numbered, forward-only schema change. Each runs in its own transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
