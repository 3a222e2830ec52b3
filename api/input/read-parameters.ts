// Path and query parameters, checked before they reach a service: whole numbers
// within PostgreSQL's integer range (a version of 99999999999 is a 400, not a
// database error), enums named with their allowed values. Text parameters are
// already strict UTF-8 without NUL, in NFC (parse-query-string.ts, check-path.ts).
import { MotcuaError } from '../../engine/motcua-error.ts';
import { maxIntegerParameter } from './input-limits.ts';

export interface IntegerRange {
  min: number;
  max?: number;
  /** Used when the parameter is absent (query parameters only). */
  default?: number;
}

/** `raw` (a path parameter or req.query value) as a whole number in range, or 400 request.invalid naming `name`. */
export function readIntegerParameter(raw: unknown, name: string, range: IntegerRange): number {
  if (raw === undefined && range.default !== undefined) return range.default;
  const max = range.max ?? maxIntegerParameter;
  const text = typeof raw === 'string' ? raw : '';
  const value = /^[0-9]{1,10}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > max)
    throw new MotcuaError('request.invalid', `${name} must be a whole number from ${range.min} to ${max}, not ${describe(raw)}`, { errors: [{ path: name, message: `must be a whole number from ${range.min} to ${max}` }] });
  return value;
}

/** `raw` as one of `allowed`, or 400 request.invalid listing them. */
export function readEnumParameter<T extends string>(raw: unknown, name: string, allowed: readonly T[], fallback?: T): T {
  if (raw === undefined && fallback !== undefined) return fallback;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  throw new MotcuaError('request.invalid', `${name} must be one of ${allowed.join(', ')}, not ${describe(raw)}`, { errors: [{ path: name, message: `must be one of: ${allowed.join(', ')}` }], allowedValues: allowed });
}

function describe(raw: unknown): string {
  if (raw === undefined) return 'missing';
  const text = JSON.stringify(raw);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
