// Every error answer is built here: any thrown error → RFC 9457 problem+json.
// Unknown errors are logged with their stack and shown as a generic 500 that
// leaks nothing; a client's mistake is never logged at error level.
import type { ErrorRequestHandler, Request, Response } from 'express';
import { isMotcuaError, MotcuaError, type ErrorDetails } from '../engine/motcua-error.ts';
import { CalendarError } from '../engine/calendar/index.ts';
import { problemTypes, problemTypeUri } from './problem-types.ts';

/** The members RFC 9457 defines, plus our stable `code`: no extension may replace them. */
export const standardMembers = ['type', 'title', 'status', 'detail', 'instance', 'code'] as const;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  [extension: string]: unknown;
}

/**
 * The problem body for `error`. Extension members come from error.details; a
 * detail named like a standard member is renamed with an `x-` prefix (e.g. a
 * procedure's `code` becomes `x-code`), so nothing is lost and the standard
 * members always mean what RFC 9457 says.
 */
export function buildProblem(error: MotcuaError, instance: string): Problem {
  const type = problemTypes[error.code] ?? problemTypes.internal;
  const extensions: ErrorDetails = {};
  for (const [key, value] of Object.entries(error.details)) {
    const name = (standardMembers as readonly string[]).includes(key) ? `x-${key}` : key;
    Object.defineProperty(extensions, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return { ...extensions, type: problemTypeUri(error.code), title: type.title, status: type.status, detail: error.message, instance, code: error.code };
}

export function sendProblem(res: Response, error: MotcuaError, instance: string): void {
  const problem = buildProblem(error, instance);
  // RFC 9110 §10.2.3: how long to wait, in seconds, before trying again.
  if (typeof error.details.retryAfterSeconds === 'number') res.set('Retry-After', String(error.details.retryAfterSeconds));
  res.status(problem.status).type('application/problem+json').json(problem);
}

export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known = toMotcuaError(error);
  if (known.code === 'internal') req.log?.error({ err: error }, 'unhandled error');
  if (res.headersSent) {
    // Too late for a problem body: cut the connection so the client sees a failure, not a short answer.
    req.socket?.destroy();
    return;
  }
  closeIfUnread(req, res);
  sendProblem(res, known, req.originalUrl);
};

/**
 * An error answered before the request body was read (over a size limit,
 * unauthenticated, a refused upload): the connection closes after the answer
 * instead of Node reading — and discarding — the rest of a body of any size.
 */
function closeIfUnread(req: Request, res: Response): void {
  if (!req.complete) {
    res.set('Connection', 'close');
    req.pause();
  }
}

function toMotcuaError(error: unknown): MotcuaError {
  if (isMotcuaError(error)) return error;
  if (error instanceof CalendarError) {
    // A date the caller typed wrong is their mistake; a date outside every calendar file is the deployment's.
    const code = error.code === 'calendar.invalid-argument' ? 'request.invalid' : error.code;
    return new MotcuaError(code, error.message, error.details);
  }
  // Express and its router throw http-errors for what they cannot read (e.g. a path parameter that is not valid %-encoding).
  const e = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true)
    return new MotcuaError(e.status === 413 ? 'request.too-large' : 'request.malformed', `the request could not be read (${String(e.message)}); check its URL encoding and body`);
  return new MotcuaError('internal', 'an internal error occurred; it has been logged — retry, and report it if it persists');
}
