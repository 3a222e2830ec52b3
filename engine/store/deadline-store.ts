// Deadline bookkeeping: finding what has passed its due time, and marking a
// step's passing as recorded. PostgreSQL is the truth about deadlines; queue
// jobs only say "look now".
import type { Database } from './create-database.ts';

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
    .andWhere((w) => w.whereNull('overdue_recorded_for').orWhereRaw('overdue_recorded_for <> due_at'))
    .orderBy('due_at')
    .limit(limit)
    .select('id')) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
