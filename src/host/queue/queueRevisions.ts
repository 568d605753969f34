import { randomBytes } from 'node:crypto';
import type { CounterView, TicketView } from '../../contract/api.js';
import type { EventBus } from '../eventBus.js';

/**
 * Numbers every committed queue change. A station applies `queue.changed` batches in order; a gap
 * in the revision, or a new epoch (the host restarted), tells it to take a fresh snapshot instead
 * of trusting a replay.
 */
export class QueueRevisions {
  readonly epoch = randomBytes(6).toString('hex');
  #revision = 0;
  readonly #events: EventBus;

  constructor(events: EventBus) {
    this.#events = events;
  }

  get revision(): number {
    return this.#revision;
  }

  publish(tickets: TicketView[], counters: CounterView[]): void {
    this.#revision += 1;
    this.#events.emit('queue.changed', { epoch: this.epoch, revision: this.#revision, tickets, counters });
  }
}
