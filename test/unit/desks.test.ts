import { describe, expect, it } from 'vitest';
import { DESKS, desksForKioskType } from '../../src/domain/desks.js';
import { formatTicketNumber } from '../../src/domain/ticketNumber.js';

const ids = (type: 1 | 2 | 3 | 4, tipe4?: number[]) => desksForKioskType(type, tipe4).map((desk) => desk.id);

describe('desks per kiosk type (Kepmenaker 225/2023, Diktum KEEMPAT)', () => {
  it('offers all seven desks in Tipe 1, desks 1–5 in Tipe 2, 6 and 7 in Tipe 3', () => {
    expect(ids(1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ids(2)).toEqual([1, 2, 3, 4, 5]);
    expect(ids(3)).toEqual([6, 7]);
  });

  it('offers the configured subset of desks 6 and 7 in Tipe 4, and nothing else', () => {
    expect(ids(4, [6])).toEqual([6]);
    expect(ids(4, [7])).toEqual([7]);
    expect(ids(4, [6, 7])).toEqual([6, 7]);
    expect(ids(4, [1, 7])).toEqual([7]);
  });

  it('letters desks a–g as the decree does', () => {
    expect(DESKS.map((desk) => desk.letter).join('')).toBe('ABCDEFG');
  });
});

describe('ticket numbers', () => {
  it('pads the daily sequence to three digits behind the desk letter', () => {
    expect(formatTicketNumber('A', 1)).toBe('A-001');
    expect(formatTicketNumber('G', 42)).toBe('G-042');
    expect(formatTicketNumber('D', 999)).toBe('D-999');
  });

  it('refuses sequences that do not fit three digits', () => {
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 1000)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 1.5)).toThrow(RangeError);
  });
});
