// Dossier rows: insert, read, lock for a transition, write the transition's result.
import type { Database } from './create-database.ts';
import type { DossierRecord } from './records.ts';

interface DossierRow {
  id: string; receipt_code: string; procedure_code: string; procedure_version: number; state: string; status_code: number;
  snapshot: DossierRecord['snapshot']; applicant: Record<string, unknown>; data: Record<string, unknown>;
  receiving_unit: string; competent_unit: string; current_unit: string; outcome: string | null;
  received_at: Date; due_at: Date | null; step_due_at: Date | null; paused_at: Date | null; closed_at: Date | null;
  updated_at: Date; version: number;
}

export function toDossierRecord(r: DossierRow): DossierRecord {
  return {
    id: r.id, receiptCode: r.receipt_code, procedureCode: r.procedure_code, procedureVersion: r.procedure_version,
    state: r.state, statusCode: r.status_code, snapshot: r.snapshot, applicant: r.applicant, data: r.data,
    receivingUnit: r.receiving_unit, competentUnit: r.competent_unit, currentUnit: r.current_unit, outcome: r.outcome,
    receivedAt: r.received_at, dueAt: r.due_at, stepDueAt: r.step_due_at, pausedAt: r.paused_at, closedAt: r.closed_at,
    updatedAt: r.updated_at, version: r.version,
  };
}

function toRow(d: DossierRecord): DossierRow {
  return {
    id: d.id, receipt_code: d.receiptCode, procedure_code: d.procedureCode, procedure_version: d.procedureVersion,
    state: d.state, status_code: d.statusCode, snapshot: d.snapshot, applicant: d.applicant, data: d.data,
    receiving_unit: d.receivingUnit, competent_unit: d.competentUnit, current_unit: d.currentUnit, outcome: d.outcome,
    received_at: d.receivedAt, due_at: d.dueAt, step_due_at: d.stepDueAt, paused_at: d.pausedAt, closed_at: d.closedAt,
    updated_at: d.updatedAt, version: d.version,
  };
}

export async function insertDossier(db: Database, dossier: DossierRecord): Promise<void> {
  const row = toRow(dossier);
  await db('dossiers').insert({ ...row, snapshot: JSON.stringify(row.snapshot), applicant: JSON.stringify(row.applicant), data: JSON.stringify(row.data) });
}

export async function findDossier(db: Database, id: string): Promise<DossierRecord | null> {
  const row = (await db('dossiers').where({ id }).first()) as DossierRow | undefined;
  return row ? toDossierRecord(row) : null;
}

/** Reads and row-locks the dossier until the transaction ends: one transition at a time. */
export async function lockDossier(trx: Database, id: string): Promise<DossierRecord | null> {
  const row = (await trx('dossiers').where({ id }).forUpdate().first()) as DossierRow | undefined;
  return row ? toDossierRecord(row) : null;
}

/** Writes a transition's result; the version check makes a lost update impossible even without the lock. */
export async function updateDossier(trx: Database, next: DossierRecord, expectedVersion: number): Promise<boolean> {
  const count = await trx('dossiers')
    .where({ id: next.id, version: expectedVersion })
    .update({
      state: next.state, status_code: next.statusCode, snapshot: JSON.stringify(next.snapshot), data: JSON.stringify(next.data),
      current_unit: next.currentUnit, competent_unit: next.competentUnit, outcome: next.outcome,
      due_at: next.dueAt, step_due_at: next.stepDueAt, paused_at: next.pausedAt, closed_at: next.closedAt,
      updated_at: next.updatedAt, version: next.version,
    });
  return count === 1;
}

export interface WorklistQuery {
  units: string[] | null; // null: every unit (province-wide supervisors)
  includeClosed: boolean;
  limit: number;
}

/** Open dossiers held by the given units, most urgent (earliest due) first. */
export async function listDossiers(db: Database, q: WorklistQuery): Promise<DossierRecord[]> {
  const query = db('dossiers').select('*');
  if (q.units) query.where((w) => w.whereIn('current_unit', q.units!).orWhereIn('receiving_unit', q.units!));
  if (!q.includeClosed) query.whereNull('closed_at');
  const rows = (await query.orderByRaw('due_at ASC NULLS LAST, received_at ASC').limit(q.limit)) as DossierRow[];
  return rows.map(toDossierRecord);
}
