// The signature scheme both directions use: HMAC-SHA256 with the connector's
// shared secret over `<timestamp>.<body>`, the timestamp being Unix seconds.
//   X-Motcua-Timestamp: 1772416800
//   X-Motcua-Signature: sha256=<64 hex digits>
// Signing the exact bytes sent (not a re-serialization) lets any language
// check it; the timestamp inside the MAC keeps a captured request from being
// replayed later than the tolerance.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MotcuaError } from '../../motcua-error.ts';

export const timestampHeader = 'X-Motcua-Timestamp';
export const signatureHeader = 'X-Motcua-Signature';
/** How far a signed request's timestamp may be from now, either way. */
export const signatureToleranceMs = 5 * 60_000;

export function signRequest(secret: string, timestamp: number, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Unix seconds of a Date, as sent in X-Motcua-Timestamp. */
export function unixSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

/** Throws connector.signature-invalid (401) unless the request is signed with `secret` within the tolerance of `now`. */
export function verifySignedRequest(secret: string, request: { timestamp: string | undefined; signature: string | undefined; body: Buffer }, now: Date): void {
  const scheme = `sign '<timestamp>.<raw body>' with HMAC-SHA256 and the connector's shared secret`;
  if (!request.timestamp || !/^\d{1,12}$/.test(request.timestamp))
    throw refused('timestamp-missing', `send ${timestampHeader}: the time of signing in Unix seconds, e.g. ${unixSeconds(now)}`);
  const skewMs = now.getTime() - Number(request.timestamp) * 1000;
  if (Math.abs(skewMs) > signatureToleranceMs)
    throw refused('timestamp-stale', `${timestampHeader} ${request.timestamp} is ${Math.round(Math.abs(skewMs) / 1000)} s ${skewMs > 0 ? 'old' : 'in the future'}; requests are accepted within ${signatureToleranceMs / 60_000} minutes of signing — sign each request when sending it, and check the sender's clock`);
  const match = /^sha256=([0-9a-f]{64})$/i.exec(request.signature ?? '');
  if (!match) throw refused('signature-missing', `send ${signatureHeader}: sha256=<hex>; ${scheme}`);
  const expected = Buffer.from(signRequest(secret, Number(request.timestamp), request.body).slice('sha256='.length), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'))) throw refused('signature-mismatch', `${signatureHeader} does not match the body and timestamp; ${scheme}, over the exact bytes sent`);
}

function refused(reason: string, message: string): MotcuaError {
  return new MotcuaError('connector.signature-invalid', message, { reason });
}
