/** Tickets carry three digits, so a desk can issue at most this many per service day. */
export const MAX_DAILY_SEQUENCE = 999;

export function formatTicketNumber(letter: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) {
    throw new RangeError(`ticket sequence out of range: ${sequence}`);
  }
  return `${letter}-${String(sequence).padStart(3, '0')}`;
}
