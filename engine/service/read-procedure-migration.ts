// One procedure migration as its approver reviews it before approving, and as
// the audit shows it afterwards: the plan proposed, who proposed it, and once
// applied, who approved it, when, and what the apply did.
import { MotcuaError } from '../motcua-error.ts';
import { readProcedureMigration } from '../store/procedure-migration-store.ts';
import { requireAuthor } from './author-procedures.ts';
import type { Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

export interface ProcedureMigrationView {
  migrationId: number;
  code: string;
  fromVersion: number;
  toVersion: number;
  status: string;
  stateMap: Record<string, string>;
  proposedBy: string;
  proposedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  /** The plan as proposed (or the dry run's report). */
  report: unknown;
  /** What the apply did, planned again at approval; null until applied. */
  appliedReport: unknown;
}

export async function readMigration(ctx: ServiceContext, principal: Principal, code: string, migrationId: number): Promise<ProcedureMigrationView> {
  requireAuthor(principal, 'reading a migration between procedure versions');
  const m = await readProcedureMigration(ctx.db, code, migrationId);
  if (!m) throw new MotcuaError('migration.not-found', `procedure ${code} has no migration ${migrationId}; propose one with POST /v1/procedures/${code}/migrations and dryRun: false`, { code, migrationId });
  return { migrationId: m.id, code: m.code, fromVersion: m.fromVersion, toVersion: m.toVersion, status: m.status, stateMap: m.stateMap, proposedBy: m.proposedBy, proposedAt: m.at.toISOString(), approvedBy: m.approvedBy, approvedAt: m.approvedAt?.toISOString() ?? null, report: m.report, appliedReport: m.appliedReport ?? null };
}
