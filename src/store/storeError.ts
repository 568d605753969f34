export type StoreErrorKind = 'corrupt' | 'schema_too_new' | 'unopenable';

/** A database problem that stops start-up; the message tells a technician what to do. */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  constructor(kind: StoreErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.kind = kind;
  }
}
