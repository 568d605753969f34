import type { z } from 'zod';
import { isMethodName, methods, type Envelope, type MethodName, type MethodOutput, type Methods } from '../contract/api.js';
import { issuesFromZod } from '../contract/errors.js';
import { DomainError } from '../domain/domainError.js';
import type { Logger } from './logger.js';

/** Which door a call came through; recorded with tickets and used for access rules later. */
export interface CallContext {
  channel: 'kiosk' | 'lan';
}

export type Handlers = {
  [M in MethodName]: (
    input: z.infer<Methods[M]['input']>,
    context: CallContext,
  ) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export type Dispatch = (method: string, input: unknown, context: CallContext) => Promise<Envelope>;

/**
 * The single entry for every call from every transport: unknown methods and invalid input are
 * answered with typed errors before any handler runs, and no exception escapes as a crash.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (method, input, context) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `unknown method: ${method.slice(0, 64)}` } };
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: `invalid input for ${method}`, issues: issuesFromZod(parsed.error) },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown, context: CallContext) => unknown;
      const value = await handler(parsed.data, context);
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
