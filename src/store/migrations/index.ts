import { migration0001 } from './0001-tickets-and-outbox.js';
import { migration0002 } from './0002-queue-day-stations-and-audit.js';
import { migration0003 } from './0003-print-jobs.js';
import { migration0004 } from './0004-survey-responses.js';
import { migration0005 } from './0005-reports-and-board.js';
import { migration0006 } from './0006-visitor-data.js';
import { migration0007 } from './0007-forwarding.js';
import type { Migration } from './migration.js';

/** In order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];
