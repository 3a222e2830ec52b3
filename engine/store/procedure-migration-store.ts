// The audit rows of procedure migrations (dry runs and applies), and the
// dossiers a migration concerns.
import type { Database } from './create-database.ts';

export async function recordProcedureMigration(db: Database, m: { code: string; fromVersion: number; toVersion: number; dryRun: boolean; stateMap: Record<string, string>; report: unknown; actorId: string; at: Date }): Promise<number> {
  const rows = (await db('procedure_migrations')
    .insert({ code: m.code, from_version: m.fromVersion, to_version: m.toVersion, dry_run: m.dryRun, state_map: JSON.stringify(m.stateMap), report: JSON.stringify(m.report), actor_id: m.actorId, at: m.at })
    .returning('id')) as Array<{ id: number }>;
  return rows[0]!.id;
}

/** Open dossiers pinned to a version, oldest first. */
export async function listOpenDossierIds(db: Database, code: string, version: number): Promise<string[]> {
  return db('dossiers').where({ procedure_code: code, procedure_version: version }).whereNull('closed_at').orderBy('received_at').pluck('id');
}
