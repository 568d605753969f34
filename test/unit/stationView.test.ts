import { describe, expect, it } from 'vitest';
import { AuditEntrySchema } from '../../src/contract/api.js';
import { stationJson } from '../../src/lan/stationView.js';

describe('what stations may see', () => {
  it('drops technician detail texts but keeps an audit entry\'s structured detail', () => {
    const entry = {
      id: 1,
      at: '2026-11-23T02:00:00.000Z',
      action: 'ticket.transferred',
      ticketNumber: 'A-001',
      deskId: 2,
      counterNumber: null,
      staffName: 'Siti',
      stationName: 'Desk 1 PC',
      channel: 'lan',
      detail: { from: 1, to: 2 },
    };
    const answer = JSON.parse(stationJson({ entries: [entry], print: { status: 'failed', detail: 'printer 10.1.2.3: ECONNREFUSED' } }));
    expect(answer.print).toEqual({ status: 'failed' });
    expect(AuditEntrySchema.parse(answer.entries[0])).toEqual(entry);
    expect(JSON.parse(stationJson({ detail: null })).detail).toBeNull();
  });
});
