// Rows of connector_callbacks: the answer given to each callback of an external
// system, under its connector and idempotency key, written in the transaction
// that fired the event. Also the check that a connector was ever sent a dossier.
import type { Database } from './create-database.ts';

export interface StoredCallback {
  requestHash: string;
  status: number;
  body: unknown;
}

/** Serializes callbacks carrying the same key until the transaction ends, so two repeats cannot both fire. */
export async function lockCallbackKey(trx: Database, connector: string, key: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`connector|${connector}|${key}`]);
}

export async function findCallback(trx: Database, connector: string, key: string): Promise<StoredCallback | null> {
  const row = (await trx('connector_callbacks').where({ connector, idempotency_key: key }).first('request_hash', 'response_status', 'response_body')) as
    | { request_hash: string; response_status: number; response_body: unknown }
    | undefined;
  return row ? { requestHash: row.request_hash, status: row.response_status, body: row.response_body } : null;
}

export async function insertCallback(trx: Database, c: { connector: string; key: string; dossierId: string; event: string; response: StoredCallback; at: Date }): Promise<void> {
  await trx('connector_callbacks').insert({
    connector: c.connector, idempotency_key: c.key, dossier_id: c.dossierId, event: c.event,
    request_hash: c.response.requestHash, response_status: c.response.status, response_body: JSON.stringify(c.response.body), received_at: c.at,
  });
}

/** Whether the dossier was ever delivered to the connector: a delivery event (HANDOFF_DELIVERED) whose input names it. */
export async function wasDeliveredToConnector(db: Database, dossierId: string, connector: string, deliveryEvent: string): Promise<boolean> {
  const row = await db('dossier_events')
    .where({ dossier_id: dossierId, type: deliveryEvent })
    .whereRaw(`payload -> 'input' -> 'to' ->> 'connector' = ?`, [connector])
    .first('id');
  return row !== undefined;
}
