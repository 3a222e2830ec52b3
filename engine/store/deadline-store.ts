// Deadline bookkeeping: finding what has passed its due time, and marking a
// step's passing as recorded. PostgreSQL is the truth about deadlines; queue
// jobs only say "look now".
import type { Database } from './create-database.ts';
import { toDossierRecord, type DossierRow } from './dossier-store.ts';
import type { ChainedEvent } from './event-store.ts';
import { queryNamed } from './query-named.ts';
import type { DossierRecord, OpenStep } from './records.ts';

/** Marks an open step's deadline as recorded; false when it already was. */
export async function markStepOverdue(trx: Database, stepId: number, at: Date): Promise<boolean> {
  const count = await trx('dossier_steps').where({ id: stepId }).whereNull('overdue_marked_at').whereNull('left_at').update({ overdue_marked_at: at });
  return count === 1;
}

/** Open steps past their due time and not yet recorded as overdue, oldest first. */
export async function findOverdueSteps(db: Database, now: Date, limit: number): Promise<Array<{ stepId: number; dossierId: string }>> {
  const rows = (await db('dossier_steps')
    .whereNull('left_at')
    .whereNull('overdue_marked_at')
    .whereNotNull('due_at')
    .andWhere('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .select('id', 'dossier_id')) as Array<{ id: number; dossier_id: string }>;
  return rows.map((r) => ({ stepId: r.id, dossierId: r.dossier_id }));
}

/** Open, running dossiers past their statutory due date whose passing is not yet recorded. */
export async function findOverdueDossiers(db: Database, now: Date, limit: number): Promise<string[]> {
  const rows = (await db('dossiers')
    .whereNull('closed_at')
    .whereNull('paused_at')
    .whereNotNull('due_at')
    .andWhere('due_at', '<=', now)
    // Spelled as the predicate of the dossiers_due_unrecorded index (0012), so the planner uses it.
    .andWhereRaw('overdue_recorded_for IS DISTINCT FROM due_at')
    .orderBy('due_at')
    .limit(limit)
    .select('id')) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/**
 * The earliest due time among deadlines not yet recorded — open step visits
 * and running dossiers' statutory due dates — or null when there is none.
 * What the due sweep asks every interval: one statement, two first-entry
 * reads of partial indexes holding only unrecorded deadlines
 * (dossier_steps_due of 0001, dossiers_due_unrecorded of 0012), so its cost
 * does not grow with the number of dossiers, pending or already overdue.
 */
export async function earliestUnrecordedDeadline(db: Database): Promise<Date | null> {
  const result = await queryNamed<{ next: Date | null }>(db, 'earliest-unrecorded-deadline', earliestUnrecorded, {});
  return result.rows[0]?.next ?? null;
}

const earliestUnrecorded = `
  SELECT LEAST(
    (SELECT min(due_at) FROM dossier_steps WHERE left_at IS NULL AND overdue_marked_at IS NULL AND due_at IS NOT NULL),
    (SELECT min(due_at) FROM dossiers WHERE closed_at IS NULL AND paused_at IS NULL AND due_at IS NOT NULL AND overdue_recorded_for IS DISTINCT FROM due_at)
  ) AS next`;

/** A dossier locked for recording its due steps: the row, its open visits, and those due and unrecorded. */
export interface DueDossier { dossier: DossierRecord; openSteps: OpenStep[]; dueSteps: OpenStep[] }

/**
 * Row-locks up to `limit` open dossiers that have a step visit due by `now`
 * and not yet recorded, skipping dossiers another transaction holds (a
 * transition, another batch): concurrent batches take disjoint sets and never
 * wait, so they cannot deadlock with a transition. One round trip.
 */
export async function lockDueDossiers(trx: Database, now: Date, limit: number): Promise<DueDossier[]> {
  const result = await trx.raw<{ rows: Array<DossierRow & { open_steps: Array<{ id: number; state: string; due_at: string | null; marked: boolean }> }> }>(
    `SELECT d.*, (SELECT json_agg(json_build_object('id', s.id, 'state', s.state, 'due_at', s.due_at, 'marked', s.overdue_marked_at IS NOT NULL) ORDER BY s.id)
                  FROM dossier_steps s WHERE s.dossier_id = d.id AND s.left_at IS NULL) AS open_steps
       FROM dossiers d
      WHERE d.closed_at IS NULL
        AND d.id IN (SELECT s.dossier_id FROM dossier_steps s WHERE s.left_at IS NULL AND s.overdue_marked_at IS NULL AND s.due_at IS NOT NULL AND s.due_at <= ?)
      LIMIT ? FOR UPDATE OF d SKIP LOCKED`,
    [now, limit],
  );
  return result.rows.map((row) => {
    const steps = (row.open_steps ?? []).map((s) => ({ id: s.id, state: s.state, dueAt: s.due_at ? new Date(s.due_at) : null, marked: s.marked }));
    return {
      dossier: toDossierRecord(row),
      openSteps: steps.map(({ id, state, dueAt }) => ({ id, state, dueAt })),
      dueSteps: steps.filter((s) => !s.marked && s.dueAt !== null && s.dueAt <= now).map(({ id, state, dueAt }) => ({ id, state, dueAt })),
    };
  });
}

/** What one dossier of a batch records: its due steps, their chained OVERDUE events and the notices. */
export interface OverdueWrite { dossierId: string; expectedVersion: number; expectedEventSeq: number; eventSeq: number; eventHash: string; stepIds: number[]; events: ChainedEvent[]; notices: Array<Record<string, unknown>> }

const writeOverdue = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset(CAST(:items AS jsonb))
      AS i(dossier_id uuid, expected_version int, expected_event_seq int, event_seq int, event_hash text, step_ids jsonb, events jsonb, notices jsonb)
  ),
  d AS (
    UPDATE dossiers SET event_seq = i.event_seq, event_hash = i.event_hash
    FROM input i WHERE dossiers.id = i.dossier_id AND dossiers.version = i.expected_version AND dossiers.event_seq = i.expected_event_seq
    RETURNING dossiers.id
  ),
  marked AS (
    UPDATE dossier_steps s SET overdue_marked_at = :at
    FROM input i CROSS JOIN LATERAL jsonb_array_elements_text(i.step_ids) AS step(id)
    WHERE s.id = step.id::bigint AND s.dossier_id = i.dossier_id AND s.left_at IS NULL AND s.overdue_marked_at IS NULL AND i.dossier_id IN (SELECT id FROM d)
    RETURNING s.id
  ),
  events AS (
    INSERT INTO dossier_events (dossier_id, seq, type, actor_id, actor_role, unit_id, at, from_state, to_state, status_code, comment, payload, payload_hash, prev_hash, hash)
    SELECT i.dossier_id, e.seq, e.type, e.actor_id, e.actor_role, e.unit_id, e.at, e.from_state, e.to_state, e.status_code, e.comment, e.payload, e.payload_hash, e.prev_hash, e.hash
    FROM input i CROSS JOIN LATERAL jsonb_to_recordset(i.events)
      AS e(seq int, type text, actor_id uuid, actor_role text, unit_id text, at timestamptz, from_state text, to_state text, status_code smallint, comment text, payload jsonb, payload_hash text, prev_hash text, hash text)
    WHERE i.dossier_id IN (SELECT id FROM d)
  ),
  notices AS (
    INSERT INTO outbox (dossier_id, topic, payload, created_at)
    SELECT i.dossier_id, 'notify', n.payload, :at
    FROM input i CROSS JOIN LATERAL jsonb_array_elements(i.notices) AS n(payload)
    WHERE i.dossier_id IN (SELECT id FROM d)
  )
  SELECT (SELECT count(*) FROM d)::int AS dossiers, (SELECT count(*) FROM marked)::int AS steps`;

/**
 * Records the OVERDUE events of many dossiers in one statement: each
 * dossier's event head moves (version-checked), its due steps are marked,
 * its events (already hash-chained on its own head) and notices are
 * inserted. The caller holds every row lock (lockDueDossiers), so the checks
 * hold; a count that differs from the input means they did not, and the
 * caller rolls back.
 */
export async function writeOverdueBatch(trx: Database, items: OverdueWrite[], at: Date): Promise<{ dossiers: number; steps: number }> {
  const rows = items.map((w) => ({
    dossier_id: w.dossierId, expected_version: w.expectedVersion, expected_event_seq: w.expectedEventSeq, event_seq: w.eventSeq, event_hash: w.eventHash,
    step_ids: w.stepIds,
    notices: w.notices,
    events: w.events.map((e) => ({
      seq: e.seq, type: e.type, actor_id: e.actorId, actor_role: e.actorRole, unit_id: e.unitId, at: e.at, from_state: e.fromState, to_state: e.toState,
      status_code: e.statusCode, comment: e.comment, payload: e.payload, payload_hash: e.payloadHash, prev_hash: e.prevHash, hash: e.hash,
    })),
  }));
  const result = await queryNamed<{ dossiers: number; steps: number }>(trx, 'write-overdue-batch', writeOverdue, { items: JSON.stringify(rows), at });
  return result.rows[0]!;
}

/** True when a step visit's deadline needs nothing more: recorded, left, or no such visit (all final). */
export async function isStepSettled(db: Database, stepId: number): Promise<boolean> {
  const row = (await db('dossier_steps').where({ id: stepId }).first('overdue_marked_at', 'left_at')) as { overdue_marked_at: Date | null; left_at: Date | null } | undefined;
  return !row || row.overdue_marked_at !== null || row.left_at !== null;
}
