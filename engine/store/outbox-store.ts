// The transactional outbox: effects are written in the same transaction as the
// state change, and relayed to the queue only after commit.
import type { Database } from './create-database.ts';
import type { OutboxRecord } from './records.ts';

interface OutboxRow { id: number; dossier_id: string | null; topic: string; payload: Record<string, unknown>; created_at: Date }

export async function insertOutbox(trx: Database, rows: Array<Omit<OutboxRecord, 'id'>>): Promise<void> {
  if (rows.length === 0) return;
  await trx('outbox').insert(rows.map((r) => ({ dossier_id: r.dossierId, topic: r.topic, payload: JSON.stringify(r.payload), created_at: r.createdAt })));
}

/**
 * Claims up to `limit` unrelayed rows, skipping rows another relay holds, and
 * hands them to `deliver` inside the claiming transaction; rows are marked
 * relayed only if `deliver` succeeds. A crash before the mark relays them again,
 * which consumers absorb through deterministic job ids and idempotent handlers.
 */
export async function relayOutbox(db: Database, limit: number, deliver: (rows: OutboxRecord[]) => Promise<void>, now: () => Date): Promise<number> {
  return db.transaction(async (trx) => {
    const rows = (await trx('outbox').whereNull('relayed_at').orderBy('id').limit(limit).forUpdate().skipLocked().select('id', 'dossier_id', 'topic', 'payload', 'created_at')) as OutboxRow[];
    if (rows.length === 0) return 0;
    await deliver(rows.map((r) => ({ id: r.id, dossierId: r.dossier_id, topic: r.topic, payload: r.payload, createdAt: r.created_at })));
    await trx('outbox').whereIn('id', rows.map((r) => r.id)).update({ relayed_at: now() });
    return rows.length;
  });
}

export async function countPendingOutbox(db: Database): Promise<number> {
  const row = await db('outbox').whereNull('relayed_at').count<{ n: string }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * Hands notification effects back to the relay when they were relayed between
 * `relayedAfter` and `relayedBefore` but no notification came of them: their
 * job was lost with the queue store (a wiped Redis, a truncated bullmq schema).
 * The relay enqueues them again under the same job id, and the notification
 * worker keeps one notification per effect, so a job merely slow is not doubled.
 * Returns how many rows were handed back.
 */
export async function requeueLostNotifications(db: Database, relayedAfter: Date, relayedBefore: Date, limit: number): Promise<number> {
  const lost = db('outbox as o')
    .select('o.id')
    .where('o.topic', 'notify')
    .andWhere('o.relayed_at', '>', relayedAfter)
    .andWhere('o.relayed_at', '<', relayedBefore)
    .whereNotExists(db('notifications as n').select(db.raw('1')).whereRaw('n.outbox_id = o.id'))
    .orderBy('o.id')
    .limit(limit);
  return db('outbox').whereIn('id', lost).update({ relayed_at: null });
}
