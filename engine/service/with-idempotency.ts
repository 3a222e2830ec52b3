// Runs a command in one transaction, remembering its answer under the caller's
// Idempotency-Key: a repeat returns the first answer and changes nothing; the
// same key with a different request is refused. Requests sharing a key are
// serialized by an advisory lock, so two concurrent repeats cannot both run.
import { canonicalJson as canonicalize } from '../canonical-json.js';
import { createHash } from 'node:crypto';
import { MotcuaError } from '../motcua-error.ts';
import type { Database } from '../store/create-database.ts';
import { findIdempotentResponse, lockIdempotencyKey, saveIdempotentResponse } from '../store/idempotency-store.ts';
import type { Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

export interface IdempotentResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

export async function withIdempotency(
  ctx: ServiceContext,
  principal: Principal,
  key: string | null,
  request: unknown,
  run: (trx: Database) => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentResult> {
  if (key !== null && (key.length === 0 || key.length > 200))
    throw new MotcuaError('request.invalid', 'the Idempotency-Key header must be 1 to 200 characters, e.g. a UUID', { header: 'Idempotency-Key' });
  const requestHash = createHash('sha256').update(canonicalize(request) ?? '').digest('hex');
  return ctx.db.transaction(async (trx) => {
    if (key !== null) {
      await lockIdempotencyKey(trx, principal.userId, key);
      const stored = await findIdempotentResponse(trx, principal.userId, key);
      if (stored) {
        if (stored.requestHash !== requestHash)
          throw new MotcuaError('idempotency.key-reused', `Idempotency-Key '${key}' was already used for a different request; use a new key for a new request`, { key });
        return { status: stored.status, body: stored.body, replayed: true };
      }
    }
    const result = await run(trx);
    if (key !== null) await saveIdempotentResponse(trx, principal.userId, key, { requestHash, status: result.status, body: result.body }, ctx.now());
    return { ...result, replayed: false };
  });
}
