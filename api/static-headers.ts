// Helmet's security headers, computed once. Helmet builds the same values for
// every response when no directive depends on the request (ours do not), yet
// runs a dozen middleware functions per request to set them; here they are
// taken from one dry run at start-up and set from a list.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';
import helmet from 'helmet';

/**
 * Middleware setting exactly the headers `helmet(options)` sets. Throws at
 * start-up if helmet would do anything but set and remove headers (a directive
 * computed per request), where a list cannot stand in for it.
 */
export function staticHeaders(options: Parameters<typeof helmet>[0]) {
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
