import type { IndonesianTimeZone } from './serviceDate.js';
import { formatLocalDateTime } from './serviceDate.js';
import ticketText from './ticketText.json' with { type: 'json' };

/** Printed tickets are bilingual: Bahasa Indonesia first, English beneath. */
const ID = ticketText.id;
const EN = ticketText.en;

/**
 * What goes on a printed queue ticket, independent of any printer language. Drivers turn a slip
 * into bytes (ESC/POS today); tests and previews read it back as text.
 */
export type SlipLine =
  | { kind: 'text'; text: string; align?: 'left' | 'center'; bold?: boolean }
  | { kind: 'big'; text: string }
  | { kind: 'rule' }
  | { kind: 'blank' };

export interface Slip {
  readonly lines: readonly SlipLine[];
}

export interface TicketSlipInput {
  siteName: string;
  ticketNumber: string;
  deskName: string;
  issuedAt: Date;
  timeZone: IndonesianTimeZone;
  priority?: boolean;
  /** People ahead and the estimated wait when the ticket was issued. */
  estimate?: { peopleAhead: number; minutes: number };
}

export function buildTicketSlip(input: TicketSlipInput): Slip {
  return {
    lines: [
      { kind: 'text', text: ID.title, align: 'center', bold: true },
      { kind: 'text', text: input.siteName, align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: `${ID.queueNumber} / ${EN.queueNumber}`, align: 'center' },
      { kind: 'big', text: input.ticketNumber },
      { kind: 'text', text: ID.desk.replace('{desk}', input.deskName), align: 'center', bold: true },
      ...(input.priority ? [{ kind: 'text', text: `${ID.priority} / ${EN.priority}`, align: 'center', bold: true } as const] : []),
      { kind: 'blank' },
      ...estimateLines(input.estimate),
      { kind: 'text', text: formatLocalDateTime(input.issuedAt, input.timeZone), align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: ID.wait, align: 'center' },
      { kind: 'text', text: EN.wait, align: 'center' },
      { kind: 'text', text: ID.survey, align: 'center' },
      { kind: 'text', text: EN.survey, align: 'center' },
    ],
  };
}

function estimateLines(estimate: TicketSlipInput['estimate']): SlipLine[] {
  if (!estimate) return [];
  if (estimate.peopleAhead === 0) {
    return [{ kind: 'text', text: `${ID.estimateNone} / ${EN.estimateNone}`, align: 'center' }];
  }
  const count = String(estimate.peopleAhead);
  const minutes = String(estimate.minutes);
  return [
    { kind: 'text', text: ID.ahead.replace('{count}', count), align: 'center' },
    { kind: 'text', text: ID.estimate.replace('{minutes}', minutes), align: 'center' },
    { kind: 'text', text: `${EN.ahead.replace('{count}', count)}, ${EN.estimate.replace('{minutes}', minutes).toLowerCase()}`, align: 'center' },
  ];
}
