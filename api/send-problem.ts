// Express error handler: any thrown error → problem+json. Unknown errors are
// logged with their stack and shown as a generic 500 that leaks nothing.
import type { ErrorRequestHandler, Response } from 'express';
import { isMotcuaError, MotcuaError } from '../engine/motcua-error.ts';
import { CalendarError } from '../engine/calendar/index.ts';
import { problemTypes, problemTypeUri } from './problem-types.ts';

export function sendProblem(res: Response, error: MotcuaError, instance: string): void {
  const type = problemTypes[error.code] ?? problemTypes.internal;
  res
    .status(type.status)
    .type('application/problem+json')
    // Details first: a detail named like a member (a procedure's `code`) must not replace the error code.
    .json({ ...error.details, type: problemTypeUri(error.code), title: type.title, status: type.status, detail: error.message, instance, code: error.code });
}

export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known = toMotcuaError(error);
  if (known.code === 'internal') req.log?.error({ err: error }, 'unhandled error');
  sendProblem(res, known, req.originalUrl);
};

function toMotcuaError(error: unknown): MotcuaError {
  if (isMotcuaError(error)) return error;
  if (error instanceof CalendarError) {
    // A date the caller typed wrong is their mistake; a date outside every calendar file is the deployment's.
    const code = error.code === 'calendar.invalid-argument' ? 'request.invalid' : error.code;
    return new MotcuaError(code, error.message, error.details);
  }
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return new MotcuaError('request.malformed', `the body is not valid JSON (${e.message}); send a JSON object with Content-Type: application/json`);
  if (e?.type === 'entity.too.large') return new MotcuaError('request.invalid', 'the body is too large; the limit is 1 MB');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new MotcuaError('request.malformed', 'the body must be UTF-8 JSON');
  return new MotcuaError('internal', 'an internal error occurred; it has been logged — retry, and report it if it persists');
}
