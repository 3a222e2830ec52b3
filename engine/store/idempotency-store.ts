// Remembered answers for requests sent with an Idempotency-Key.
import type { Database } from './create-database.ts';

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
}

/** Serializes requests that carry the same key for the same user until the transaction ends. */
export async function lockIdempotencyKey(trx: Database, userId: string, key: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`${userId}|${key}`]);
}

export async function findIdempotentResponse(trx: Database, userId: string, key: string): Promise<StoredResponse | null> {
  const row = (await trx('idempotency_keys').where({ user_id: userId, key }).first('request_hash', 'response_status', 'response_body')) as
    | { request_hash: string; response_status: number; response_body: unknown }
    | undefined;
  return row ? { requestHash: row.request_hash, status: row.response_status, body: row.response_body } : null;
}

export async function saveIdempotentResponse(trx: Database, userId: string, key: string, response: StoredResponse, now: Date): Promise<void> {
  await trx('idempotency_keys').insert({ user_id: userId, key, request_hash: response.requestHash, response_status: response.status, response_body: JSON.stringify(response.body), created_at: now });
}
