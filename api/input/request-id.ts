// The request id every log line of a request carries, and the X-Request-Id
// answer header. A caller's (or proxy's) X-Request-Id is kept when it is a
// plausible id — up to maxRequestIdLength characters of letters, digits and
// . _ : - — so a client cannot write arbitrary text, or megabytes, into the logs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { maxRequestIdLength } from './input-limits.ts';

const plausible = new RegExp(`^[A-Za-z0-9._:-]{1,${maxRequestIdLength}}$`);

export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && plausible.test(sent) ? sent : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}
