import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/domainError.js';
import { createDispatcher, type Handlers } from '../../src/host/dispatcher.js';
import { silentLogger } from '../../src/host/logger.js';

const info = { siteName: 'X', kioskType: 1 as const, timeZone: 'Asia/Jakarta', serviceDate: '2026-11-23', version: '0' };

function dispatcherWith(issue: Handlers['tickets.issue']) {
  const handlers: Handlers = { 'kiosk.info': () => info, 'desks.list': () => ({ desks: [] }), 'tickets.issue': issue };
  return createDispatcher(handlers, silentLogger);
}

const lan = { channel: 'lan' as const };

describe('dispatcher', () => {
  const neverCalled: Handlers['tickets.issue'] = () => {
    throw new Error('handler must not run');
  };

  it('answers unknown methods without running anything', async () => {
    await expect(dispatcherWith(neverCalled)('tickets.delete', {}, lan)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    await expect(dispatcherWith(neverCalled)('__proto__', {}, lan)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it.each([
    ['a string desk', { deskId: '1' }],
    ['a desk out of range', { deskId: 8 }],
    ['a fractional desk', { deskId: 1.5 }],
    ['an extra field', { deskId: 1, nik: '3171234567890001' }],
    ['no object', 'deskId=1'],
    ['null', null],
  ])('rejects %s with invalid_input and the path of the problem', async (_name, input) => {
    const envelope = await dispatcherWith(neverCalled)('tickets.issue', input, lan);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!envelope.ok) expect(envelope.error.issues?.length).toBeGreaterThan(0);
  });

  it('passes validated input and context to the handler', async () => {
    const seen: unknown[] = [];
    const dispatch = dispatcherWith((input, context) => {
      seen.push(input, context);
      throw new DomainError('desk_not_available', 'closed');
    });
    await expect(dispatch('tickets.issue', { deskId: 3 }, lan)).resolves.toEqual({
      ok: false,
      error: { code: 'desk_not_available', message: 'closed' },
    });
    expect(seen).toEqual([{ deskId: 3 }, lan]);
  });

  it('turns unexpected exceptions into an internal error without their message', async () => {
    const envelope = await dispatcherWith(() => {
      throw new Error('SQLITE_FULL at /secret/path');
    })('tickets.issue', { deskId: 1 }, lan);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(envelope)).not.toContain('secret');
  });
});
