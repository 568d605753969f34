import { migration0001 } from './0001-tickets-and-outbox.js';
import type { Migration } from './migration.js';

/** In order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
