import type { IndonesianTimeZone } from './serviceDate.js';
import { formatLocalDateTime } from './serviceDate.js';

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
      { kind: 'text', text: 'KIOS SIAPkerja', align: 'center', bold: true },
      { kind: 'text', text: input.siteName, align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: 'Nomor Antrean / Queue Number', align: 'center' },
      { kind: 'big', text: input.ticketNumber },
      { kind: 'text', text: `Desk ${input.deskName}`, align: 'center', bold: true },
      { kind: 'blank' },
      { kind: 'text', text: formatLocalDateTime(input.issuedAt, input.timeZone), align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: 'Silakan menunggu panggilan petugas.', align: 'center' },
      { kind: 'text', text: 'Please wait until you are called.', align: 'center' },
      { kind: 'text', text: 'Setelah dilayani, mohon isi survei kepuasan.', align: 'center' },
    ],
  };
}
