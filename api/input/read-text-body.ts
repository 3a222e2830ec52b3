// A text body (a YAML procedure definition): read within maxBodyBytes, strict
// UTF-8, no NUL or lone surrogate, normalised to NFC like every other text.
import type { Request } from 'express';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { checkText } from './clean-json-value.ts';
import { decodeUtf8 } from './decode-utf8.ts';
import { maxBodyBytes } from './input-limits.ts';
import { readRequestBytes } from './read-request-bytes.ts';

/** The body as NFC text, or null when the request's Content-Type is none of `types`. */
export async function readTextBody(req: Request, types: string[]): Promise<string | null> {
  if (!req.is(types)) return null;
  const text = decodeUtf8(await readRequestBytes(req, maxBodyBytes), 'the body');
  const problem = checkText(text);
  if (problem) throw new MotcuaError('request.invalid', `the body ${problem}`, { errors: [{ path: '', message: problem }] });
  return text.normalize('NFC');
}
