// The access log: one line per answered request, written when the answer is
// done — request id, method, URL, status and milliseconds — and `req.log`, a
// child logger carrying the request id for the few routes that log more.
// Replaces pino-http, whose per-request child logger and full request and
// response serializers (every header) were a tenth of the API's CPU under
// load; this line costs one small object and one closure per request, and the
// child logger is made only when a route asks for it. Health probes are not logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';
import type { Logger } from 'pino';
import { assignRequestId } from './input/request-id.ts';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id (X-Request-Id kept or made, see input/request-id.ts). */
    id: string;
    /** A logger whose lines carry this request's id. */
    log: Logger;
  }
}

const unlogged = new Set(['/healthz', '/readyz']);

/** Express middleware: assigns the request id, offers `req.log`, and logs the outcome once the response closes. */
export function accessLog(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: NextFunction): void => {
    const id = assignRequestId(req, res);
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (child ??= logger.child({ reqId: id })) });
    if (unlogged.has(req.url ?? '')) return next();
    const start = performance.now();
    // 'close' follows 'finish' for every response, and comes alone when the client left first.
    res.once('close', () => {
      const line = { reqId: id, req: { method: req.method, url: req.url, remoteAddress: req.socket.remoteAddress }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - start) };
      if (!res.writableFinished) logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
