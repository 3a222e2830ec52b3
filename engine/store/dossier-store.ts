// Dossier rows: read, lock for a transition (with the open step visits, in the
// same round trip), and list for worklists. Writes go through write-transition.ts.
import type { Database } from './create-database.ts';
import type { DossierRecord, OpenStep } from './records.ts';
import { queryNamed } from './query-named.ts';

export interface DossierRow {
  id: string; receipt_code: string; procedure_code: string; procedure_version: number; state: string; status_code: number;
  snapshot: DossierRecord['snapshot']; applicant: Record<string, unknown>; data: Record<string, unknown>;
  receiving_unit: string; competent_unit: string; current_unit: string; return_unit: string | null; outcome: string | null;
  received_at: Date; due_at: Date | null; step_due_at: Date | null; paused_at: Date | null; closed_at: Date | null;
  updated_at: Date; version: number; overdue_recorded_for: Date | null; extended_at: Date | null; event_seq: number; event_hash: string | null;
}

export function toDossierRecord(r: DossierRow): DossierRecord {
  return {
    id: r.id, receiptCode: r.receipt_code, procedureCode: r.procedure_code, procedureVersion: r.procedure_version,
    state: r.state, statusCode: r.status_code, snapshot: r.snapshot, applicant: r.applicant, data: r.data,
    receivingUnit: r.receiving_unit, competentUnit: r.competent_unit, currentUnit: r.current_unit, returnUnit: r.return_unit, outcome: r.outcome,
    receivedAt: r.received_at, dueAt: r.due_at, stepDueAt: r.step_due_at, pausedAt: r.paused_at, closedAt: r.closed_at,
    updatedAt: r.updated_at, version: r.version, overdueRecordedFor: r.overdue_recorded_for, extendedAt: r.extended_at, eventSeq: r.event_seq, eventHash: r.event_hash,
  };
}

export async function findDossier(db: Database, id: string): Promise<DossierRecord | null> {
  const row = (await db('dossiers').where({ id }).first()) as DossierRow | undefined;
  return row ? toDossierRecord(row) : null;
}

/**
 * Reads and row-locks the dossier until the transaction ends (one transition at
 * a time), with its open step visits, in one round trip.
 */
export async function lockDossier(trx: Database, id: string): Promise<{ dossier: DossierRecord; openSteps: OpenStep[] } | null> {
  return readWithSteps(trx, id, true);
}

/** The same read without a lock, for optimistic writers whose write checks the version. */
export async function readDossierForUpdate(db: Database, id: string): Promise<{ dossier: DossierRecord; openSteps: OpenStep[] } | null> {
  return readWithSteps(db, id, false);
}

// Every column DossierRow names, listed: a named statement's cached plan must not change its result columns under a migration.
const rowColumns = `d.id, d.receipt_code, d.procedure_code, d.procedure_version, d.state, d.status_code, d.snapshot, d.applicant, d.data,
  d.receiving_unit, d.competent_unit, d.current_unit, d.return_unit, d.outcome, d.received_at, d.due_at, d.step_due_at, d.paused_at, d.closed_at,
  d.updated_at, d.version, d.overdue_recorded_for, d.extended_at, d.event_seq, d.event_hash`;
const withSteps = `SELECT ${rowColumns}, (SELECT json_agg(json_build_object('id', s.id, 'state', s.state, 'due_at', s.due_at))
                  FROM dossier_steps s WHERE s.dossier_id = d.id AND s.left_at IS NULL) AS open_steps
     FROM dossiers d WHERE d.id = :id`;
const withStepsLocked = `${withSteps} FOR UPDATE OF d`;

async function readWithSteps(db: Database, id: string, lock: boolean): Promise<{ dossier: DossierRecord; openSteps: OpenStep[] } | null> {
  // Named: every advance reads its dossier this way first, and a prepared statement is planned once per connection.
  const result = await queryNamed<DossierRow & { open_steps: Array<{ id: number; state: string; due_at: string | null }> | null }>(db, lock ? 'lock-dossier-with-steps' : 'read-dossier-with-steps', lock ? withStepsLocked : withSteps, { id });
  const row = result.rows[0];
  if (!row) return null;
  const openSteps = (row.open_steps ?? []).map((s) => ({ id: s.id, state: s.state, dueAt: s.due_at ? new Date(s.due_at) : null }));
  return { dossier: toDossierRecord(row), openSteps };
}

export interface WorklistQuery {
  /** The caller's read scope (principal.ts readScope): null every unit; else the units whose dossiers it reads. */
  units: string[] | null;
  includeClosed: boolean;
  limit: number;
  /** overdue: past the due date with the clock running; due-soon: due within `dueBefore`, not yet overdue. */
  due?: { kind: 'overdue' | 'due-soon'; now: Date; dueBefore?: Date };
}

/**
 * Dossiers in the read scope, most urgent (earliest due) first. The scope is the
 * one read rule of canReadDossier (principal.ts) in SQL: a dossier belongs to
 * every unit that received it, is competent for it, holds it or returns its result.
 */
export async function listDossiers(db: Database, q: WorklistQuery): Promise<DossierRecord[]> {
  const query = db('dossiers').select('*');
  whereInScope(query, q.units);
  if (!q.includeClosed || q.due) query.whereNull('closed_at');
  if (q.due) {
    query.whereNull('paused_at').whereNotNull('due_at');
    if (q.due.kind === 'overdue') query.andWhere('due_at', '<', q.due.now);
    else query.andWhere('due_at', '>=', q.due.now).andWhere('due_at', '<', q.due.dueBefore ?? q.due.now);
  }
  const rows = (await query.orderByRaw('due_at ASC NULLS LAST, received_at ASC').limit(q.limit)) as DossierRow[];
  return rows.map(toDossierRecord);
}

/** Restricts a dossier query to the units of a read scope (null: no restriction). */
export function whereInScope(query: ReturnType<Database>, units: string[] | null): void {
  if (units === null) return;
  query.where((w) => w.whereIn('current_unit', units).orWhereIn('receiving_unit', units).orWhereIn('competent_unit', units).orWhereIn('return_unit', units));
}

export async function findDossierByReceiptCode(db: Database, receiptCode: string): Promise<DossierRecord | null> {
  const row = (await db('dossiers').where({ receipt_code: receiptCode }).first()) as DossierRow | undefined;
  return row ? toDossierRecord(row) : null;
}
