// Express's query parser for the whole app (app.set('query parser', …)):
// `a=1&b=x&b=y` → { a: '1', b: ['x', 'y'] }. Unlike node:querystring it
// refuses what it cannot decode instead of guessing: a malformed %-escape or
// bytes that are not UTF-8 are 400 request.malformed, a NUL or lone surrogate
// 400 request.invalid; every value and name is normalised to NFC.
import { MotcuaError } from '../../engine/motcua-error.ts';
import { checkText } from './clean-json-value.ts';
import { decodeUtf8 } from './decode-utf8.ts';

export type ParsedQuery = Record<string, string | string[]>;

export function parseQueryString(query: string): ParsedQuery {
  // A null-prototype object: ?__proto__=x is a parameter like any other.
  const result: ParsedQuery = Object.create(null) as ParsedQuery;
  if (!query) return result;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), 'a query parameter name');
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1), `the query parameter ${name}`);
    const previous = result[name];
    result[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return result;
}

/** A percent-encoded URL component (query part or path segment) → NFC text. */
export function decodeComponent(raw: string, where: string, plusIsSpace = true): string {
  // In a query, + is a space (application/x-www-form-urlencoded); in a path it is a plus.
  const plain = plusIsSpace ? raw.replaceAll('+', ' ') : raw;
  const bytes: number[] = [];
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i);
    if (c === 0x25) {
      const hex = plain.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new MotcuaError('request.malformed', `${where} has a malformed %-escape ("%${hex}"); encode it with encodeURIComponent`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      throw new MotcuaError('request.malformed', `${where} holds a character that is not percent-encoded; encode it with encodeURIComponent`);
    }
  }
  const text = decodeUtf8(Uint8Array.from(bytes), where);
  const problem = checkText(text);
  if (problem) throw new MotcuaError('request.invalid', `${where} ${problem}`, { errors: [{ path: where, message: problem }] });
  return text.normalize('NFC');
}
