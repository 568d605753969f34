import type { ApiErrorCode } from '../contract/errors.js';

/** A rule of the service said no. Its message is safe to show and to log (no personal data). */
export class DomainError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}
