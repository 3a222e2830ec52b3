// The audit rows of procedure migrations (dry runs, proposals and applies, who
// proposed and who approved), and the dossiers a migration concerns.
import type { Database } from './create-database.ts';

export type MigrationStatus = 'dry-run' | 'proposed' | 'applied';

export interface ProcedureMigrationRecord {
  id: number;
  code: string;
  fromVersion: number;
  toVersion: number;
  status: MigrationStatus;
  stateMap: Record<string, string>;
  report: unknown;
  actorId: string;
  at: Date;
}

export async function recordProcedureMigration(db: Database, m: { code: string; fromVersion: number; toVersion: number; status: MigrationStatus; stateMap: Record<string, string>; report: unknown; actorId: string; at: Date }): Promise<number> {
  const rows = (await db('procedure_migrations')
    .insert({ code: m.code, from_version: m.fromVersion, to_version: m.toVersion, dry_run: m.status === 'dry-run', status: m.status, state_map: JSON.stringify(m.stateMap), report: JSON.stringify(m.report), actor_id: m.actorId, at: m.at })
    .returning('id')) as Array<{ id: number }>;
  return Number(rows[0]!.id);
}

/** A migration row, locked until the caller's transaction ends. */
export async function lockProcedureMigration(trx: Database, code: string, id: number): Promise<ProcedureMigrationRecord | null> {
  const row = await trx('procedure_migrations').where({ id, code }).forUpdate().first('id', 'code', 'from_version', 'to_version', 'status', 'state_map', 'report', 'actor_id', 'at');
  if (!row) return null;
  return { id: Number(row.id), code: row.code, fromVersion: row.from_version, toVersion: row.to_version, status: row.status, stateMap: row.state_map, report: row.report, actorId: row.actor_id, at: row.at };
}

/** A migration row as the audit shows it: who proposed it and who approved it, by username. */
export async function readProcedureMigration(db: Database, code: string, id: number): Promise<(ProcedureMigrationRecord & { proposedBy: string; approvedBy: string | null; approvedAt: Date | null; appliedReport: unknown }) | null> {
  const row = await db('procedure_migrations as m')
    .join('users as p', 'p.id', 'm.actor_id')
    .leftJoin('users as a', 'a.id', 'm.approved_by')
    .where({ 'm.id': id, 'm.code': code })
    .first('m.id', 'm.code', 'm.from_version', 'm.to_version', 'm.status', 'm.state_map', 'm.report', 'm.actor_id', 'm.at', 'p.username as proposed_by', 'a.username as approved_by', 'm.approved_at', 'm.applied_report');
  if (!row) return null;
  return { id: Number(row.id), code: row.code, fromVersion: row.from_version, toVersion: row.to_version, status: row.status, stateMap: row.state_map, report: row.report, actorId: row.actor_id, at: row.at, proposedBy: row.proposed_by, approvedBy: row.approved_by, approvedAt: row.approved_at, appliedReport: row.applied_report };
}

export async function markMigrationApplied(trx: Database, id: number, a: { approvedBy: string; at: Date; report: unknown }): Promise<void> {
  await trx('procedure_migrations').where({ id }).update({ status: 'applied', approved_by: a.approvedBy, approved_at: a.at, applied_report: JSON.stringify(a.report) });
}

/** Open dossiers pinned to a version, oldest first. */
export async function listOpenDossierIds(db: Database, code: string, version: number): Promise<string[]> {
  return db('dossiers').where({ procedure_code: code, procedure_version: version }).whereNull('closed_at').orderBy('received_at').pluck('id');
}
