import type { TicketStatus } from '../contract/vocabulary.js';
import { DomainError } from './domainError.js';

/**
 * A ticket's life as a table, so the rules are read in one place and every queue operation goes
 * through `nextStatus`: issued (waiting) → called → serving → done; called → no_show; waiting or
 * called → cancelled; serving → referred (kondisi tertentu, back office). Recall keeps a called
 * ticket called; a transfer puts the ticket back in the waiting line of another desk; waiting,
 * called or serving → cancelled (a visitor who left); a released counter requeues its visitor.
 */
export type TicketAction = 'call' | 'recall' | 'start' | 'finish' | 'refer' | 'no_show' | 'cancel' | 'transfer' | 'requeue';

const RULES: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['serving'], to: 'done' },
  refer: { from: ['serving'], to: 'referred' },
  no_show: { from: ['called'], to: 'no_show' },
  // A visitor may walk away mid-service; finishing would need a made-up service.
  cancel: { from: ['waiting', 'called', 'serving'], to: 'cancelled' },
  transfer: { from: ['waiting', 'called', 'serving'], to: 'waiting' },
  // A counter released by a manager (officer gone) gives its visitor back to the desk's line.
  requeue: { from: ['called', 'serving'], to: 'waiting' },
};

export const OPEN_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];
export const CLOSED_STATUSES: readonly TicketStatus[] = ['done', 'referred', 'no_show', 'cancelled'];

export function canApply(status: TicketStatus, action: TicketAction): boolean {
  return RULES[action].from.includes(status);
}

/** The status after `action`, or a typed `illegal_transition` error naming both. */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus {
  if (!canApply(status, action)) {
    throw new DomainError('illegal_transition', `cannot ${action.replace('_', '-')} a ticket that is ${status.replace('_', '-')}`);
  }
  return RULES[action].to;
}
