// The Idempotency-Key header of a POST: absent, or 1–255 printable ASCII
// characters (e.g. a UUID). HTTP header values arrive as Latin-1, so anything
// else is refused here rather than stored as text nobody sent.
import type { Request } from 'express';
import { MotcuaError } from '../../engine/motcua-error.ts';

export function readIdempotencyKey(req: Request): string | null {
  const key = req.get('idempotency-key');
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw new MotcuaError('request.invalid', 'Idempotency-Key must be 1 to 255 printable ASCII characters without spaces, e.g. a UUID', { errors: [{ path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }] });
  return key;
}
