// What GET /metrics reads from PostgreSQL at scrape time. Counts of audit
// events are read incrementally, past a cursor (the last event id seen), so a
// scrape costs the events since the previous one, not the whole trail.
import type { Database } from './create-database.ts';

export interface EventCount {
  procedure: string;
  type: string;
  /** OVERDUE events: step or statutory. */
  scope: string | null;
  count: number;
}

export async function lastEventId(db: Database): Promise<number> {
  const row = (await db('dossier_events').max<{ id: string | null }>({ id: 'id' }).first()) as { id: string | null } | undefined;
  return Number(row?.id ?? 0);
}

/** Events with an id above `afterId`, counted by procedure, type and overdue scope; and the highest id counted. */
export async function countEventsSince(db: Database, afterId: number): Promise<{ counts: EventCount[]; lastId: number }> {
  const rows = (await db('dossier_events as e')
    .join('dossiers as d', 'd.id', 'e.dossier_id')
    .where('e.id', '>', afterId)
    .groupBy('d.procedure_code', 'e.type', db.raw("e.payload->>'scope'"))
    .select('d.procedure_code as procedure', 'e.type as type', db.raw("e.payload->>'scope' as scope"))
    .count({ n: '*' })
    .max({ last: 'e.id' })) as Array<{ procedure: string; type: string; scope: string | null; n: string; last: string }>;
  let lastId = afterId;
  for (const r of rows) lastId = Math.max(lastId, Number(r.last));
  return { counts: rows.map((r) => ({ procedure: r.procedure, type: r.type, scope: r.type === 'OVERDUE' ? r.scope : null, count: Number(r.n) })), lastId };
}

/** Open dossiers past their statutory due date with the clock running, by the unit holding them. */
export async function countOverdueByUnit(db: Database, now: Date): Promise<Map<string, number>> {
  const rows = (await db('dossiers').whereNull('closed_at').whereNull('paused_at').where('due_at', '<', now).groupBy('current_unit').select('current_unit').count({ n: '*' })) as Array<{ current_unit: string; n: string }>;
  return new Map(rows.map((r) => [r.current_unit, Number(r.n)]));
}

/** Outbox rows not yet relayed to the queues, and when the oldest was written (null: none waiting). */
export async function readOutboxBacklog(db: Database): Promise<{ pending: number; oldest: Date | null }> {
  const row = (await db('outbox').whereNull('relayed_at').first(db.raw('count(*) as n'), db.raw('min(created_at) as oldest'))) as { n: string; oldest: Date | null } | undefined;
  return { pending: Number(row?.n ?? 0), oldest: row?.oldest ?? null };
}
