// Visits of a dossier to its states (dossier_steps): who held it, from when to
// when, and the step's deadline. Written by write-transition.ts.
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

export interface StepRow { id: number; dossier_id: string; state: string; unit_id: string; entered_at: Date; due_at: Date | null; left_at: Date | null; overdue_marked_at: Date | null }

export const toStepRecord = (r: StepRow): StepRecord => ({ id: r.id, dossierId: r.dossier_id, state: r.state, unitId: r.unit_id, enteredAt: r.entered_at, dueAt: r.due_at, leftAt: r.left_at, overdueMarkedAt: r.overdue_marked_at });

export async function listSteps(db: Database, dossierId: string): Promise<StepRecord[]> {
  const rows = (await db('dossier_steps').where({ dossier_id: dossierId }).orderBy('id')) as StepRow[];
  return rows.map(toStepRecord);
}
