// The one root logger of the process; everything else takes a child of it.
// Lines go to stdout through an asynchronous destination: under load, lines
// logged while a write is in flight leave in one write instead of one
// synchronous write each (the access log was a fifth of the API's CPU
// samples as `writev`); pino flushes what is left when the process exits.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'motcua' }, redact: ['req.headers.authorization', 'password', 'token'] }, pino.destination({ dest: 1, sync: false }));
}

export type { Logger };
