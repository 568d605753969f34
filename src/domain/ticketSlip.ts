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
      { kind: 'blank' },
      { kind: 'text', text: formatLocalDateTime(input.issuedAt, input.timeZone), align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: ID.wait, align: 'center' },
      { kind: 'text', text: EN.wait, align: 'center' },
      { kind: 'text', text: ID.survey, align: 'center' },
      { kind: 'text', text: EN.survey, align: 'center' },
    ],
  };
}
