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

/**
 * `?include=a,b`: which related parts a response embeds, so a page gets what it
 * shows in one round trip. Absent → none. Given once, as comma-separated names
 * each one of `allowed` (repeats are harmless); anything else — an unknown
 * name, an empty name, the parameter given twice — is 400 request.invalid
 * listing the allowed names (allowedValues).
 */
export function readIncludeParameter<T extends string>(raw: unknown, allowed: readonly T[]): Set<T> {
  if (raw === undefined) return new Set();
  const errors = [{ path: 'include', message: `each name must be one of: ${allowed.join(', ')}` }];
  if (typeof raw !== 'string')
    throw new MotcuaError('request.invalid', `give include once, its names separated by commas (e.g. include=${allowed.slice(0, 2).join(',')}), not ${Array.isArray(raw) ? 'several times' : `as ${describe(raw)}`}; the names are ${allowed.join(', ')}`, { errors, allowedValues: allowed });
  const names = raw.split(',');
  // Each unknown name echoed short, and at most three of them: the answer stays small whatever was sent.
  const unknown = [...new Set(names.filter((n) => !(allowed as readonly string[]).includes(n)))];
  if (unknown.length) {
    const shown = unknown.slice(0, 3).map(describe).join(', ') + (unknown.length > 3 ? ` and ${unknown.length - 3} more` : '');
    throw new MotcuaError('request.invalid', `include takes a comma-separated list of ${allowed.join(', ')}; ${shown} ${unknown.length > 1 ? 'are' : 'is'} not one of them`, { errors, allowedValues: allowed });
  }
  return new Set(names as T[]);
}
