// The one table from error codes to HTTP. Every error response is RFC 9457
// problem+json: type, title, status, detail (what was wrong and how to fix it),
// instance, code, plus the error's machine-readable details (errors,
// acceptedEvents, …) as extension members — which never replace the standard
// ones (buildProblem in send-problem.ts).
import type { ErrorCode } from '../engine/motcua-error.ts';

export const problemTypes: Record<ErrorCode, { status: number; title: string }> = {
  'definition.invalid': { status: 422, title: 'Invalid procedure definition' },
  'definition.not-found': { status: 404, title: 'Procedure not found' },
  'definition.duplicate': { status: 409, title: 'Procedure version already exists' },
  'definition.conflict': { status: 409, title: 'Procedure version conflict' },
  'calendar.invalid': { status: 500, title: 'Invalid working-time calendar' },
  'calendar.out-of-range': { status: 422, title: 'Date outside the working-time calendar' },
  'request.malformed': { status: 400, title: 'Malformed request' },
  'request.invalid': { status: 400, title: 'Invalid request' },
  'request.not-found': { status: 404, title: 'No such endpoint' },
  'request.too-large': { status: 413, title: 'Request body too large' },
  'dossier.not-found': { status: 404, title: 'Dossier not found' },
  'dossier.data-invalid': { status: 422, title: 'Invalid dossier data' },
  'dossier.version-conflict': { status: 409, title: 'Dossier version conflict' },
  'dossier.closed': { status: 409, title: 'Dossier closed' },
  'dossier.extension-used': { status: 409, title: 'New date already set' },
  'dossier.extension-too-late': { status: 422, title: 'Too late for a new date' },
  'dossier.extension-invalid': { status: 422, title: 'Invalid new date' },
  'transition.not-allowed': { status: 409, title: 'Event not accepted in this state' },
  'transition.guard-failed': { status: 422, title: 'Condition not met' },
  'transition.input-missing': { status: 422, title: 'Event data missing' },
  'transition.input-invalid': { status: 422, title: 'Invalid event data' },
  'form.unknown': { status: 404, title: 'No such form' },
  'form.not-issued': { status: 404, title: 'Form not issued for this dossier' },
  'auth.unauthenticated': { status: 401, title: 'Authentication required' },
  'auth.invalid-credentials': { status: 401, title: 'Invalid credentials' },
  'auth.forbidden': { status: 403, title: 'Forbidden' },
  'unit.not-found': { status: 404, title: 'Unit not found' },
  'idempotency.key-reused': { status: 422, title: 'Idempotency key reused' },
  'attachment.not-found': { status: 404, title: 'Attachment not found' },
  'attachment.too-large': { status: 413, title: 'Attachment too large' },
  'attachment.type-not-allowed': { status: 415, title: 'Attachment type not allowed' },
  'attachment.type-mismatch': { status: 422, title: 'Attachment content does not match its declared type' },
  'attachment.corrupt': { status: 500, title: 'Stored attachment is corrupt' },
  'connector.not-found': { status: 404, title: 'Connector not found' },
  'connector.not-configured': { status: 503, title: 'Connector not configured in this deployment' },
  'connector.request-failed': { status: 502, title: 'External system did not accept the request' },
  'connector.signature-invalid': { status: 401, title: 'Invalid connector signature' },
  'connector.event-not-allowed': { status: 403, title: 'Event not allowed for this connector' },
  'dead-letter.not-found': { status: 404, title: 'Dead letter not found' },
  'dead-letter.resolved': { status: 409, title: 'Dead letter already resolved' },
  'config.invalid': { status: 500, title: 'Invalid configuration' },
  internal: { status: 500, title: 'Internal error' },
};

export function problemTypeUri(code: string): string {
  return `https://motcua.dev/problems/${code}`;
}
