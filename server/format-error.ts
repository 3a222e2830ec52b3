// Start-up failures are printed for a person: the message (file:line:col lines
// for definition errors), not a stack, unless the error is unexpected.
import { CalendarError } from '../engine/calendar/index.ts';
import { isMotcuaError } from '../engine/motcua-error.ts';
import { EmbeddedPostgresError } from './embedded-postgres/embedded-postgres-error.ts';

export function formatError(error: unknown): string {
  if (isMotcuaError(error) || error instanceof CalendarError || error instanceof EmbeddedPostgresError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
