// Deadline bookkeeping: finding what has passed its due time and recording,
// exactly once, that it did. PostgreSQL is the truth about deadlines; queue
// jobs only say "look now".
import type { Database } from './create-database.ts';
import type { StepRecord } from './step-store.ts';

export async function lockOpenStep(trx: Database, stepId: number): Promise<StepRecord | null> {
  const row = (await trx('dossier_steps').where({ id: stepId }).forUpdate().first()) as
    | { id: number; dossier_id: string; state: string; unit_id: string; entered_at: Date; due_at: Date | null; left_at: Date | null; overdue_marked_at: Date | null }
    | undefined;
  if (!row) return null;
  return { id: row.id, dossierId: row.dossier_id, state: row.state, unitId: row.unit_id, enteredAt: row.entered_at, dueAt: row.due_at, leftAt: row.left_at, overdueMarkedAt: row.overdue_marked_at };
}

export async function markStepOverdue(trx: Database, stepId: number, at: Date): Promise<void> {
  await trx('dossier_steps').where({ id: stepId }).update({ overdue_marked_at: at });
}

export async function markDossierOverdue(trx: Database, dossierId: string, dueAt: Date): Promise<void> {
  await trx('dossiers').where({ id: dossierId }).update({ overdue_recorded_for: dueAt });
}

export async function readOverdueRecordedFor(trx: Database, dossierId: string): Promise<Date | null> {
  const row = (await trx('dossiers').where({ id: dossierId }).first('overdue_recorded_for')) as { overdue_recorded_for: Date | null } | undefined;
  return row?.overdue_recorded_for ?? null;
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
    .andWhere((w) => w.whereNull('overdue_recorded_for').orWhereRaw('overdue_recorded_for <> due_at'))
    .orderBy('due_at')
    .limit(limit)
    .select('id')) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
