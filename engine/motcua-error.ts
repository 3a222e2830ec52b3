// The one error type of the engine. Every failure a caller can act on carries a
// stable `code` (the API maps codes to HTTP in one table, api/problem-types.ts),
// a message that names the value, the place and the fix, and machine-readable
// `details`. Nothing below api/ knows about HTTP.

export type ErrorCode =
  | 'definition.invalid'
  | 'definition.not-found'
  | 'definition.duplicate'
  | 'definition.conflict'
  | 'calendar.invalid'
  | 'calendar.out-of-range'
  | 'request.malformed'
  | 'request.invalid'
  | 'request.not-found'
  | 'request.too-large'
  | 'dossier.not-found'
  | 'dossier.data-invalid'
  | 'dossier.version-conflict'
  | 'dossier.closed'
  | 'dossier.extension-used'
  | 'dossier.extension-not-due'
  | 'dossier.extension-too-far'
  | 'dossier.extension-invalid'
  | 'transition.not-allowed'
  | 'transition.guard-failed'
  | 'transition.input-missing'
  | 'transition.eventless-loop'
  | 'transition.input-invalid'
  | 'form.unknown'
  | 'form.not-issued'
  | 'auth.unauthenticated'
  | 'auth.invalid-credentials'
  | 'auth.forbidden'
  | 'auth.password-too-weak'
  | 'account.not-found'
  | 'api-key.not-found'
  | 'api-key.duplicate'
  | 'rate.limited'
  | 'tracking.not-found'
  | 'rating.not-allowed'
  | 'rating.exists'
  | 'claim.conflict'
  | 'unit.not-found'
  | 'idempotency.key-reused'
  | 'attachment.not-found'
  | 'attachment.too-large'
  | 'attachment.type-not-allowed'
  | 'attachment.type-mismatch'
  | 'attachment.corrupt'
  | 'connector.not-found'
  | 'connector.not-configured'
  | 'connector.request-failed'
  | 'connector.signature-invalid'
  | 'connector.event-not-allowed'
  | 'migration.invalid'
  | 'migration.refused'
  | 'migration.not-found'
  | 'migration.not-pending'
  | 'migration.self-approval'
  | 'migration.stale'
  | 'dead-letter.not-found'
  | 'dead-letter.resolved'
  | 'report.not-found'
  | 'config.invalid'
  | 'internal';

export interface ErrorDetails {
  [key: string]: unknown;
}

export class MotcuaError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MotcuaError';
    this.code = code;
    this.details = details;
  }
}

export function isMotcuaError(value: unknown): value is MotcuaError {
  return value instanceof MotcuaError;
}
