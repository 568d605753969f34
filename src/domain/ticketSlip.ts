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
  | { kind: 'blank' }
  /** The site's logo, if the driver was given one (a bitmap from `assets/`); skipped otherwise. */
  | { kind: 'logo' }
  /** A QR code, centred; `data` is ASCII (the signed ticket reference). */
  | { kind: 'qr'; data: string };

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
  /** The visitor's user type in Bahasa Indonesia / English, when known. */
  userType?: { id: string; en: string };
  /** The signed ticket reference a desk or survey station verifies offline. */
  reference?: string;
  /** Service hours, one short line (e.g. `Senin–Kamis 08.00–15.30, Jumat 08.00–16.00`). */
  hours?: string;
  /** Where to complain (the guideline requires a complaint channel on the service). */
  complaintContact?: string;
}

export function buildTicketSlip(input: TicketSlipInput): Slip {
  return {
    lines: [
      { kind: 'logo' },
      { kind: 'text', text: ID.title, align: 'center', bold: true },
      { kind: 'text', text: input.siteName, align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: `${ID.queueNumber} / ${EN.queueNumber}`, align: 'center' },
      { kind: 'big', text: input.ticketNumber },
      { kind: 'text', text: ID.desk.replace('{desk}', input.deskName), align: 'center', bold: true },
      ...(input.userType ? [{ kind: 'text', text: `${input.userType.id} / ${input.userType.en}`, align: 'center' } as const] : []),
      ...(input.priority ? [{ kind: 'text', text: `${ID.priority} / ${EN.priority}`, align: 'center', bold: true } as const] : []),
      { kind: 'blank' },
      ...estimateLines(input.estimate),
      { kind: 'text', text: formatLocalDateTime(input.issuedAt, input.timeZone), align: 'center' },
      { kind: 'rule' },
      { kind: 'text', text: ID.wait, align: 'center' },
      { kind: 'text', text: EN.wait, align: 'center' },
      { kind: 'text', text: ID.survey, align: 'center' },
      { kind: 'text', text: EN.survey, align: 'center' },
      ...(input.reference ? [{ kind: 'qr', data: input.reference } as const] : []),
      ...(input.hours || input.complaintContact ? [{ kind: 'rule' } as const] : []),
      ...(input.hours ? [{ kind: 'text', text: `${ID.hours}: ${input.hours}`, align: 'center' } as const] : []),
      ...(input.complaintContact ? [{ kind: 'text', text: `${ID.complaint}: ${input.complaintContact}`, align: 'center' } as const] : []),
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

/** The visitor's user type on the slip, Bahasa Indonesia / English. */
export function slipUserType(userType: keyof typeof ID.userTypes): { id: string; en: string } {
  return { id: ID.userTypes[userType], en: EN.userTypes[userType] };
}

/** The week's hours in one short line for the slip's footer: `Sen–Kam 08.00–15.30; Jum 08.00–16.00`. */
export function slipHours(groups: ReadonlyArray<{ from: keyof typeof ID.weekdays; to: keyof typeof ID.weekdays; sessions: ReadonlyArray<{ start: string; end: string }> }>): string {
  return groups
    .map((group) => {
      const days = group.from === group.to ? ID.weekdays[group.from] : `${ID.weekdays[group.from]}–${ID.weekdays[group.to]}`;
      const first = group.sessions[0];
      const last = group.sessions.at(-1);
      // One span per day group: the break inside it is announced on the kiosk and the display.
      return first && last ? `${days} ${first.start.replace(':', '.')}–${last.end.replace(':', '.')}` : days;
    })
    .join('; ');
}
