// Writes everything one transition changes in a single statement (one round
// trip): the dossier row (inserted or version-checked update), its new events,
// the step visits it leaves and enters, and the outbox rows — including one
// deadline row per entered step that has a due date and one handoff row per
// entered handoff state, each carrying the id of the visit it belongs to. Data-modifying CTEs run
// as one atomic statement inside the caller's transaction.
import type { Database } from './create-database.ts';
import type { ChainedEvent } from './event-store.ts';
import type { DossierRecord } from './records.ts';
import { queryNamed } from './query-named.ts';

export interface TransitionWrite {
  mode: 'insert' | 'update';
  dossier: DossierRecord;
  /** For updates: the version the row must still have. */
  expectedVersion: number;
  /**
   * For updates: the event head the row must still have. Events that change no
   * state (an attachment, an OVERDUE record) move the head without the version,
   * and a writer who read before them must not append after a stale head.
   */
  expectedEventSeq: number;
  events: ChainedEvent[];
  stepsLeft: string[];
  stepsEntered: Array<{ state: string; unitId: string; dueAt: Date | null }>;
  outbox: Array<{ topic: string; payload: Record<string, unknown> }>;
  /** One handoff outbox row per entered state listed here, carrying that visit's step id. */
  handoffs: Array<{ state: string; payload: Record<string, unknown> }>;
  at: Date;
}

const dossierColumns = `state, status_code, snapshot, data, current_unit, competent_unit, outcome, due_at, step_due_at, paused_at, closed_at, updated_at, version, overdue_recorded_for, extended_at, event_seq, event_hash`;

const insertDossier = `
  INSERT INTO dossiers (id, receipt_code, procedure_code, procedure_version, applicant, receiving_unit, return_unit, received_at, ${dossierColumns})
  VALUES (:id, :receiptCode, :procedureCode, :procedureVersion, :applicant, :receivingUnit, :returnUnit, :receivedAt,
          :state, :statusCode, :snapshot, :data, :currentUnit, :competentUnit, :outcome, :dueAt, :stepDueAt, :pausedAt, :closedAt, :updatedAt, :version, :overdueRecordedFor, :extendedAt, :eventSeq, :eventHash)
  RETURNING id`;

const updateDossier = `
  UPDATE dossiers SET (${dossierColumns}) = (:state, :statusCode, :snapshot, :data, :currentUnit, :competentUnit, :outcome, :dueAt, :stepDueAt, :pausedAt, :closedAt, :updatedAt, :version, :overdueRecordedFor, :extendedAt, :eventSeq, :eventHash)
  WHERE id = :id AND version = :expectedVersion AND event_seq = :expectedEventSeq
  RETURNING id`;

const rest = `
  left_steps AS (
    UPDATE dossier_steps SET left_at = :at
    WHERE dossier_id = (SELECT id FROM d) AND left_at IS NULL AND state IN (SELECT jsonb_array_elements_text(CAST(:stepsLeft AS jsonb)))
  ),
  entered AS (
    INSERT INTO dossier_steps (dossier_id, state, unit_id, entered_at, due_at)
    SELECT (SELECT id FROM d), s.state, s.unit_id, :at, s.due_at
    FROM jsonb_to_recordset(CAST(:stepsEntered AS jsonb)) AS s(state text, unit_id text, due_at timestamptz)
    WHERE EXISTS (SELECT 1 FROM d)
    RETURNING id, dossier_id, state, due_at
  ),
  events AS (
    INSERT INTO dossier_events (dossier_id, seq, type, actor_id, actor_role, unit_id, at, from_state, to_state, status_code, comment, payload, payload_hash, prev_hash, hash)
    SELECT (SELECT id FROM d), e.seq, e.type, e.actor_id, e.actor_role, e.unit_id, e.at, e.from_state, e.to_state, e.status_code, e.comment, e.payload, e.payload_hash, e.prev_hash, e.hash
    FROM jsonb_to_recordset(CAST(:events AS jsonb)) AS e(seq int, type text, actor_id uuid, actor_role text, unit_id text, at timestamptz, from_state text, to_state text, status_code smallint, comment text, payload jsonb, payload_hash text, prev_hash text, hash text)
    WHERE EXISTS (SELECT 1 FROM d)
  ),
  effects AS (
    INSERT INTO outbox (dossier_id, topic, payload, created_at)
    SELECT (SELECT id FROM d), o.topic, o.payload, :at
    FROM jsonb_to_recordset(CAST(:outbox AS jsonb)) AS o(topic text, payload jsonb)
    WHERE EXISTS (SELECT 1 FROM d)
  ),
  step_deadlines AS (
    INSERT INTO outbox (dossier_id, topic, payload, created_at)
    SELECT e.dossier_id, 'deadline', jsonb_build_object('kind', 'step', 'stepId', e.id, 'state', e.state, 'dueAt', to_char(e.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), :at
    FROM entered e WHERE e.due_at IS NOT NULL
  ),
  handoffs AS (
    INSERT INTO outbox (dossier_id, topic, payload, created_at)
    SELECT e.dossier_id, 'handoff', h.payload || jsonb_build_object('stepId', e.id), :at
    FROM entered e JOIN jsonb_to_recordset(CAST(:handoffs AS jsonb)) AS h(state text, payload jsonb) ON h.state = e.state
  )
  SELECT count(*)::int AS written FROM d`;

export async function writeTransition(trx: Database, w: TransitionWrite): Promise<boolean> {
  const d = w.dossier;
  const sql = `WITH d AS (${w.mode === 'insert' ? insertDossier : updateDossier}),${rest}`;
  // Named: the statement is the same for every transition of a mode, and planning it cost ten times its execution.
  const result = await queryNamed<{ written: number }>(trx, `write-transition-${w.mode}`, sql, {
    id: d.id, receiptCode: d.receiptCode, procedureCode: d.procedureCode, procedureVersion: d.procedureVersion,
    applicant: JSON.stringify(d.applicant), receivingUnit: d.receivingUnit, returnUnit: d.returnUnit, receivedAt: d.receivedAt,
    state: d.state, statusCode: d.statusCode, snapshot: JSON.stringify(d.snapshot), data: JSON.stringify(d.data),
    currentUnit: d.currentUnit, competentUnit: d.competentUnit, outcome: d.outcome, dueAt: d.dueAt, stepDueAt: d.stepDueAt,
    pausedAt: d.pausedAt, closedAt: d.closedAt, updatedAt: d.updatedAt, version: d.version, overdueRecordedFor: d.overdueRecordedFor, extendedAt: d.extendedAt,
    eventSeq: d.eventSeq, eventHash: d.eventHash, expectedVersion: w.expectedVersion, expectedEventSeq: w.expectedEventSeq, at: w.at,
    stepsLeft: JSON.stringify(w.stepsLeft),
    stepsEntered: JSON.stringify(w.stepsEntered.map((s) => ({ state: s.state, unit_id: s.unitId, due_at: s.dueAt }))),
    events: JSON.stringify(w.events.map((e) => ({
      seq: e.seq, type: e.type, actor_id: e.actorId, actor_role: e.actorRole, unit_id: e.unitId, at: e.at, from_state: e.fromState, to_state: e.toState,
      status_code: e.statusCode, comment: e.comment, payload: e.payload, payload_hash: e.payloadHash, prev_hash: e.prevHash, hash: e.hash,
    }))),
    outbox: JSON.stringify(w.outbox),
    handoffs: JSON.stringify(w.handoffs),
  });
  return result.rows[0]!.written === 1;
}
