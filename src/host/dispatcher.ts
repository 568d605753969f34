import type { z } from 'zod';
import { isMethodName, methods, type Envelope, type MethodName, type MethodOutput, type Methods } from '../contract/api.js';
import { issuesFromZod } from '../contract/errors.js';
import { DomainError } from '../domain/domainError.js';
import { accessError, type Caller } from './auth/caller.js';
import type { Logger } from './logger.js';

/** What a transport knows about a call: which door it came through and the credentials it carried. */
export interface CallContext {
  /** `kiosk` = the kiosk's own screen (IPC, or loopback in headless mode); `lan` = anyone else. */
  channel: 'kiosk' | 'lan';
  /** A paired station's token (`Authorization: Bearer`). */
  stationToken?: string;
  /** A staff login's session token. */
  sessionToken?: string;
  /** Caller address, for the audit trail. */
  address?: string;
}

export type Handlers = {
  [M in MethodName]: (input: z.infer<Methods[M]['input']>, caller: Caller) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export type Dispatch = (method: string, input: unknown, context: CallContext) => Promise<Envelope>;

/**
 * The single entry for every call from every transport: unknown methods, unauthenticated or
 * unauthorised callers and invalid input are answered with typed errors before any handler runs,
 * and no exception escapes as a crash. Access comes from the contract's own declaration.
 */
export function createDispatcher(handlers: Handlers, resolveCaller: (context: CallContext) => Caller, log: Logger): Dispatch {
  return async (method, input, context) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `unknown method: ${method.slice(0, 64)}` } };
    }
    try {
      const caller = resolveCaller(context);
      const denied = accessError(method, methods[method].access, caller);
      if (denied) return { ok: false, error: denied };
      const parsed = methods[method].input.safeParse(input ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'invalid_input', message: `invalid input for ${method}`, issues: issuesFromZod(parsed.error) },
        };
      }
      const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof DomainError) {
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      log.error('call failed', { method, error: error instanceof Error ? error.message : String(error) });
      return { ok: false, error: { code: 'internal', message: 'internal error; the kiosk log has details' } };
    }
  };
}
