// The JSON body of every /v1 request: read within maxBodyBytes, decoded as
// strict UTF-8, parsed, then checked and normalised by cleanJsonValue. Routes
// find the clean value in req.body (undefined when no JSON body was sent);
// other content types (attachment uploads) pass through untouched.
import type { NextFunction, Request, Response } from 'express';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { cleanJsonValue } from './clean-json-value.ts';
import { decodeUtf8 } from './decode-utf8.ts';
import { maxBodyBytes } from './input-limits.ts';
import { locateJsonPointer } from './locate-json-pointer.ts';
import { readRequestBytes } from './read-request-bytes.ts';

const jsonTypes = ['application/json', 'application/*+json'];

export async function readJsonBody(req: Request, _res: Response, next: NextFunction): Promise<void> {
  const type = req.headers['content-type'];
  // The usual header, exactly: no media-type parsing needed (req.is parses it on every call).
  if (type === 'application/json') {
    req.body = parseJsonBytes(await readRequestBytes(req, maxBodyBytes), 'the body');
    return next();
  }
  if (!req.is(jsonTypes)) return next();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new MotcuaError('request.malformed', `the body is declared as ${charset}; JSON is UTF-8 (RFC 8259): send it with Content-Type: application/json`, { encoding: 'utf-8' });
  req.body = parseJsonBytes(await readRequestBytes(req, maxBodyBytes), 'the body');
  next();
}

/** Bytes → a clean JSON value (undefined for an empty body); request.malformed or request.invalid otherwise. */
export function parseJsonBytes(bytes: Buffer, where: string): unknown {
  const text = decodeUtf8(bytes, where, locateJsonPointer);
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MotcuaError('request.malformed', `${where} is not valid JSON (${error instanceof Error ? error.message : String(error)}); send a JSON object with Content-Type: application/json`);
  }
  return cleanJsonValue(value, where);
}
