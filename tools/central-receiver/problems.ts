import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * RFC 9457 problem details in the shape of the document's `Problem` schema. `type` is
 * about:blank throughout: the `code` names the kind, so the title is the status phrase, as the RFC
 * asks of about:blank problems.
 */
export type ProblemCode =
  | 'invalid_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ValidationProblem {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  errors?: ValidationProblem[];
}

const STATUS_BY_CODE: Record<ProblemCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const MAX_ERRORS = 100;
const MAX_DETAIL = 2000;

/** Thrown anywhere in a handler; the error handler answers it as it is. */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ProblemCode, detail?: string, options: { errors?: ValidationProblem[]; retryAfterSeconds?: number } = {}) {
    super(detail ?? code);
    this.name = 'ProblemError';
    this.problem = problem(code, detail, options.errors);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function problem(code: ProblemCode, detail?: string, errors?: ValidationProblem[]): Problem {
  const status = STATUS_BY_CODE[code];
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
    ...(detail === undefined ? {} : { detail: detail.slice(0, MAX_DETAIL) }),
    ...(errors === undefined || errors.length === 0 ? {} : { errors: errors.slice(0, MAX_ERRORS) }),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(0, Math.ceil(retryAfterSeconds))));
  if (body.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(body.status).type('application/problem+json').send(body);
}
