// Helmet's security headers, computed once. Helmet builds the same values for
// every response when no directive depends on the request (ours do not), yet
// runs a dozen middleware functions per request to set them; here they are
// taken from one dry run at start-up and set from a list.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';
import helmet from 'helmet';

/**
 * Middleware setting exactly the headers `helmet(options)` sets. Throws at
 * start-up for a Content-Security-Policy directive given as a function (a
 * nonce, computed per request), or if helmet does not finish synchronously:
 * there a list cannot stand in for it.
 */
export function staticHeaders(options: Parameters<typeof helmet>[0]) {
  const csp = options?.contentSecurityPolicy;
  const directives = typeof csp === 'object' && csp.directives ? Object.values(csp.directives) : [];
  if (directives.some((d) => typeof d === 'function' || (Array.isArray(d) && d.some((v) => typeof v === 'function'))))
    throw new Error('a Content-Security-Policy directive is computed per request: its headers cannot be computed once');
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const dryRun = {
    setHeader: (name: string, value: string) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let called = false;
  helmet(options)({} as IncomingMessage, dryRun as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    called = true;
  });
  if (!called) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return (_req: IncomingMessage, res: ServerResponse, next: NextFunction): void => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}
