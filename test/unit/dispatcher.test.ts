import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../src/contract/api.js';
import { DomainError } from '../../src/domain/domainError.js';
import { rolesOf, type Caller } from '../../src/host/auth/caller.js';
import { createDispatcher, type CallContext, type Handlers } from '../../src/host/dispatcher.js';
import { silentLogger } from '../../src/host/logger.js';

/** A caller on the kiosk's own screen, as the host would resolve it. */
function kioskCaller(context: CallContext): Caller {
  const local = context.channel === 'kiosk';
  return {
    channel: context.channel,
    local,
    station: null,
    staff: null,
    sessionId: null,
    sessionProblem: null,
    roles: rolesOf(local, null, null),
    address: null,
  };
}

function dispatcherWith(issue: Handlers['tickets.issue']) {
  const neverCalled = () => {
    throw new Error('handler must not run');
  };
  const handlers = Object.fromEntries(Object.keys(methods).map((name) => [name, neverCalled])) as unknown as Handlers;
  handlers['tickets.issue'] = issue;
  return createDispatcher(handlers, kioskCaller, silentLogger);
}

const kiosk = { channel: 'kiosk' as const };
const lan = { channel: 'lan' as const };

describe('dispatcher', () => {
  const neverCalled: Handlers['tickets.issue'] = () => {
    throw new Error('handler must not run');
  };

  it('answers unknown methods without running anything', async () => {
    await expect(dispatcherWith(neverCalled)('tickets.delete', {}, kiosk)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    await expect(dispatcherWith(neverCalled)('__proto__', {}, kiosk)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it('checks access before input: an unpaired LAN caller learns nothing about the input rules', async () => {
    for (const name of Object.keys(methods) as MethodName[]) {
      const envelope = await dispatcherWith(neverCalled)(name, { anything: 1 }, lan);
      if (methods[name].access === 'anyone') {
        expect(envelope, name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      } else {
        expect(envelope, name).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
    }
  });

  it.each([
    ['a string desk', { deskId: '1' }],
    ['a desk out of range', { deskId: 8 }],
    ['a fractional desk', { deskId: 1.5 }],
    ['an extra field', { deskId: 1, nik: '3171234567890001' }],
    ['no object', 'deskId=1'],
    ['null', null],
  ])('rejects %s with invalid_input and the path of the problem', async (_name, input) => {
    const envelope = await dispatcherWith(neverCalled)('tickets.issue', input, kiosk);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!envelope.ok) expect(envelope.error.issues?.length).toBeGreaterThan(0);
  });

  it('passes validated input (with defaults) and the resolved caller to the handler', async () => {
    const seen: unknown[] = [];
    const dispatch = dispatcherWith((input, caller) => {
      seen.push(input, caller.roles.has('kiosk'));
      throw new DomainError('desk_not_available', 'closed');
    });
    await expect(dispatch('tickets.issue', { deskId: 3 }, kiosk)).resolves.toEqual({
      ok: false,
      error: { code: 'desk_not_available', message: 'closed' },
    });
    expect(seen).toEqual([{ deskId: 3, priority: false }, true]);
  });

  it('turns unexpected exceptions into an internal error without their message', async () => {
    const envelope = await dispatcherWith(() => {
      throw new Error('SQLITE_FULL at /secret/path');
    })('tickets.issue', { deskId: 1 }, kiosk);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(envelope)).not.toContain('secret');
  });
});
