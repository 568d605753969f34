import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../src/contract/api.js';
import { createKioskClient, type KioskTransport } from '../../src/contract/client.js';
import { KioskApiError } from '../../src/contract/errors.js';

/** A transport that answers from a table and lets the test push raw event messages. */
function scriptedTransport(answers: Partial<Record<MethodName, unknown>>) {
  const listeners = new Set<(message: unknown) => void>();
  const transport: KioskTransport = {
    async call(method) {
      if (!(method in answers)) throw new Error('connection refused');
      return answers[method];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { transport, push: (message: unknown) => listeners.forEach((listener) => listener(message)) };
}

const ticket = {
  id: 1,
  number: 'A-001',
  deskId: 1,
  deskName: 'Pelatihan Vokasi dan Pemagangan',
  serviceDate: '2026-11-23',
  issuedAt: '2026-11-23T01:00:00.000Z',
  priority: false,
  userType: null,
  estimate: { peopleAhead: 0, minutes: 0, approximate: true },
  print: { status: 'printed' },
  reference: 'KS1.20261123.A-001.1.AAAAAAAAAAAAAAAAAAAAAA',
};

describe('KioskClient', () => {
  it('returns the validated value of a success envelope', async () => {
    const { transport } = scriptedTransport({ 'tickets.issue': { ok: true, value: ticket } });
    const client = createKioskClient(transport);
    await expect(client.call('tickets.issue', { deskId: 1 })).resolves.toEqual(ticket);
  });

  it('throws a typed error for an error envelope', async () => {
    const { transport } = scriptedTransport({
      'tickets.issue': { ok: false, error: { code: 'desk_not_available', message: 'no' } },
    });
    const error = await createKioskClient(transport).call('tickets.issue', { deskId: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskApiError);
    expect((error as KioskApiError).code).toBe('desk_not_available');
  });

  it('rejects an answer outside the contract instead of passing it to the UI', async () => {
    const { transport } = scriptedTransport({ 'tickets.issue': { ok: true, value: { ...ticket, number: 'DROP TABLE' } } });
    await expect(createKioskClient(transport).call('tickets.issue', { deskId: 1 })).rejects.toMatchObject({
      code: 'internal',
    });
  });

  it('reports an unreachable host as unavailable', async () => {
    const { transport } = scriptedTransport({});
    await expect(createKioskClient(transport).call('desks.list', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('delivers only valid events of the subscribed name', () => {
    const { transport, push } = scriptedTransport({});
    const received: unknown[] = [];
    const unsubscribe = createKioskClient(transport).on('ticket.issued', (payload) => received.push(payload));
    push({ event: 'ticket.issued', payload: ticket });
    push({ event: 'ticket.issued', payload: { bogus: true } });
    push({ event: 'device.status', payload: { id: 'printer', driver: 'x', state: 'online', since: '2026-11-23T01:00:00.000Z' } });
    push('not even an object');
    unsubscribe();
    push({ event: 'ticket.issued', payload: ticket });
    expect(received).toEqual([ticket]);
  });
});
