// What a procedure migration changes beyond a normal transition: the version a
// dossier is pinned to, and its open step visits (renamed, new deadlines).
import type { Database } from './create-database.ts';

export async function repinDossier(trx: Database, dossierId: string, version: number): Promise<void> {
  await trx('dossiers').where({ id: dossierId }).update({ procedure_version: version });
}

export async function restateStep(trx: Database, stepId: number, state: string, dueAt: Date | null): Promise<void> {
  await trx('dossier_steps').where({ id: stepId }).update({ state, due_at: dueAt, overdue_marked_at: null });
}
