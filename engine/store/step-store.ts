// Visits of a dossier to its states (dossier_steps): entered, left, step deadline.
import type { Database } from './create-database.ts';

export interface StepRecord {
  id: number;
  dossierId: string;
  state: string;
  unitId: string;
  enteredAt: Date;
  dueAt: Date | null;
  leftAt: Date | null;
  overdueMarkedAt: Date | null;
}

interface StepRow { id: number; dossier_id: string; state: string; unit_id: string; entered_at: Date; due_at: Date | null; left_at: Date | null; overdue_marked_at: Date | null }

const toRecord = (r: StepRow): StepRecord => ({ id: r.id, dossierId: r.dossier_id, state: r.state, unitId: r.unit_id, enteredAt: r.entered_at, dueAt: r.due_at, leftAt: r.left_at, overdueMarkedAt: r.overdue_marked_at });

export async function leaveSteps(trx: Database, dossierId: string, states: string[], at: Date): Promise<void> {
  if (states.length === 0) return;
  await trx('dossier_steps').where({ dossier_id: dossierId }).whereIn('state', states).whereNull('left_at').update({ left_at: at });
}

export async function enterSteps(trx: Database, dossierId: string, steps: Array<{ state: string; unitId: string; dueAt: Date | null }>, at: Date): Promise<StepRecord[]> {
  if (steps.length === 0) return [];
  const rows = (await trx('dossier_steps')
    .insert(steps.map((s) => ({ dossier_id: dossierId, state: s.state, unit_id: s.unitId, entered_at: at, due_at: s.dueAt })))
    .returning('*')) as StepRow[];
  return rows.map(toRecord);
}

export async function listSteps(db: Database, dossierId: string): Promise<StepRecord[]> {
  const rows = (await db('dossier_steps').where({ dossier_id: dossierId }).orderBy('id')) as StepRow[];
  return rows.map(toRecord);
}

/** Sets the dossier's earliest open step deadline (for worklist sorting) and returns it. */
export async function refreshStepDueAt(trx: Database, dossierId: string): Promise<Date | null> {
  const result = await trx.raw<{ rows: Array<{ step_due_at: Date | null }> }>(
    `UPDATE dossiers SET step_due_at = (SELECT min(due_at) FROM dossier_steps WHERE dossier_id = ? AND left_at IS NULL)
     WHERE id = ? RETURNING step_due_at`,
    [dossierId, dossierId],
  );
  return result.rows[0]?.step_due_at ?? null;
}
