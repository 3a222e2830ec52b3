// The one root logger of the process; everything else takes a child of it.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'motcua' }, redact: ['req.headers.authorization', 'password', 'token'] });
}

export type { Logger };
