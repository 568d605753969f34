import { z } from 'zod';

/**
 * Every failure a caller can see, whichever transport carried the call. The HTTP status is derived
 * from the code so LAN clients and IPC clients get the same meaning.
 */
export const ApiErrorCodeSchema = z.enum([
  'invalid_input',
  'unknown_method',
  'not_found',
  'desk_not_available',
  'sequence_exhausted',
  'daily_cap_reached',
  'service_closed',
  'illegal_transition',
  'conflict',
  'unauthenticated',
  'forbidden',
  'locked_out',
  'rate_limited',
  'payload_too_large',
  'unavailable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

export const ApiErrorSchema = z.object({
  code: ApiErrorCodeSchema,
  message: z.string(),
  issues: z.array(ApiIssueSchema).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const httpStatusByCode: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  desk_not_available: 409,
  sequence_exhausted: 409,
  daily_cap_reached: 409,
  service_closed: 409,
  illegal_transition: 409,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  locked_out: 423,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

/** Thrown by clients when the host answers with an error envelope. */
export class KioskApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[] | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'KioskApiError';
    this.code = error.code;
    this.issues = error.issues;
  }
}

export function issuesFromZod(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
