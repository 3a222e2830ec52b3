// The second person of a procedure migration: an admin or an author other than
// the proposer approves it, and it runs at that moment, in one transaction —
// planned again against the dossiers as they are now, refused whole if any
// dossier no longer stands where the proposal said (the approver approved that
// plan, not another), else applied to every dossier or to none.
import { MotcuaError } from '../motcua-error.ts';
import { lockProcedureMigration, markMigrationApplied } from '../store/procedure-migration-store.ts';
import { requireAuthor } from './author-procedures.ts';
import { applyDossierMigration, planDossierMigrations, refuseProblems, type MigrationReport } from './migrate-dossiers.ts';
import type { Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

export async function approveMigration(ctx: ServiceContext, principal: Principal, code: string, migrationId: number): Promise<MigrationReport> {
  requireAuthor(principal, 'approving a migration between procedure versions');
  return ctx.db
    .transaction(async (trx) => {
      const proposal = await lockProcedureMigration(trx, code, migrationId);
      if (!proposal) throw new MotcuaError('migration.not-found', `procedure ${code} has no migration ${migrationId}; propose one with POST /v1/procedures/${code}/migrations and dryRun: false`, { code, migrationId });
      if (proposal.status !== 'proposed')
        throw new MotcuaError('migration.not-pending', `migration ${migrationId} is ${proposal.status === 'applied' ? 'already applied' : 'a dry run'}; only a proposal (dryRun: false) can be approved`, { migrationId, status: proposal.status });
      if (proposal.actorId === principal.userId)
        throw new MotcuaError('migration.self-approval', `you proposed migration ${migrationId}; another author or an admin must approve it`, { migrationId });
      const now = ctx.now();
      const { report, planned } = await planDossierMigrations(ctx, trx, code, proposal.fromVersion, proposal.toVersion, proposal.stateMap, now);
      refuseProblems(report, proposal.toVersion);
      const drift = describeDrift((proposal.report as MigrationReport).dossiers, report.dossiers, proposal.fromVersion);
      if (drift.length)
        throw new MotcuaError('migration.stale', `the dossiers changed since migration ${migrationId} was proposed; nothing was changed: ${drift.join('; ')}; propose the migration again`, { migrationId, drift });
      for (const p of planned) await applyDossierMigration(trx, principal, p, { fromVersion: proposal.fromVersion, toVersion: proposal.toVersion, migrationId }, now);
      const applied: MigrationReport = { migrationId, ...report, dryRun: false, status: 'applied', applied: true };
      await markMigrationApplied(trx, migrationId, { approvedBy: principal.userId, at: now, report: applied });
      return applied;
    })
    .finally(() => ctx.outboxWritten());
}

/** Dossiers that appeared, left, or stand elsewhere than in the proposal, by receipt code. */
function describeDrift(proposed: MigrationReport['dossiers'], now: MigrationReport['dossiers'], fromVersion: number): string[] {
  const before = new Map(proposed.map((d) => [d.dossierId, d]));
  const after = new Map(now.map((d) => [d.dossierId, d]));
  const out: string[] = [];
  for (const [id, d] of before) {
    const a = after.get(id);
    if (!a) out.push(`${d.receiptCode} is no longer open on version ${fromVersion}`);
    else if (a.fromState !== d.fromState || a.toState !== d.toState) out.push(`${d.receiptCode} is now in '${a.fromState}' (proposed: '${d.fromState}' → '${d.toState}')`);
  }
  for (const [id, a] of after) if (!before.has(id)) out.push(`${a.receiptCode} was not in the proposal`);
  return out;
}
