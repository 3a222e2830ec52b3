// The signature scheme: HMAC-SHA256 over `<timestamp>.<body>`, five minutes' tolerance.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isMotcuaError } from '../../motcua-error.ts';
import { signRequest, verifySignedRequest } from './sign-request.ts';

const secret = 'shared-secret-of-at-least-32-characters';
const body = Buffer.from('{"dossierId":"x","event":"RESULT_RECEIVED"}');
const now = new Date('2026-03-02T02:00:00Z'); // 1772416800
const signature = signRequest(secret, 1772416800, body);

function reasonOf(request: { timestamp?: string; signature?: string; body?: Buffer }): unknown {
  try {
    verifySignedRequest(secret, { timestamp: request.timestamp, signature: request.signature, body: request.body ?? body }, now);
    return null;
  } catch (error) {
    if (!isMotcuaError(error) || error.code !== 'connector.signature-invalid') throw error;
    return error.details.reason;
  }
}

describe('signed requests', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256, as any language can check', () => {
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(`1772416800.${body.toString()}`).digest('hex')}`);
  });

  it('accepts a request signed with the secret within five minutes either way', () => {
    expect(reasonOf({ timestamp: '1772416800', signature })).toBeNull();
    expect(reasonOf({ timestamp: '1772416500', signature: signRequest(secret, 1772416500, body) })).toBeNull();
    expect(reasonOf({ timestamp: '1772417100', signature: signRequest(secret, 1772417100, body) })).toBeNull();
  });

  it('refuses what is unsigned, stale, from the future, or signed over other bytes or with another key', () => {
    expect([
      reasonOf({ signature }),
      reasonOf({ timestamp: '2026-03-02T02:00:00Z', signature }),
      reasonOf({ timestamp: '1772416499', signature: signRequest(secret, 1772416499, body) }),
      reasonOf({ timestamp: '1772417101', signature: signRequest(secret, 1772417101, body) }),
      reasonOf({ timestamp: '1772416800' }),
      reasonOf({ timestamp: '1772416800', signature: signature.slice('sha256='.length) }),
      reasonOf({ timestamp: '1772416800', signature, body: Buffer.from(`${body.toString()} `) }),
      reasonOf({ timestamp: '1772416801', signature }),
      reasonOf({ timestamp: '1772416800', signature: signRequest('another-secret-of-at-least-32-chars', 1772416800, body) }),
    ]).toEqual(['timestamp-missing', 'timestamp-missing', 'timestamp-stale', 'timestamp-stale', 'signature-missing', 'signature-missing', 'signature-mismatch', 'signature-mismatch', 'signature-mismatch']);
  });
});
