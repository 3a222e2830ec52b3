// Moving in-flight dossiers to another version of their procedure — only ever
// explicitly. A dry run reports, per dossier, where it would stand and how its
// deadlines would change; an apply performs exactly that in one transaction
// (all dossiers or none), with a MIGRATED event in each dossier's trail. Both
// are recorded in procedure_migrations with who ran them.
import { MotcuaError } from '../motcua-error.ts';
import type { PersistedSnapshot } from '../runtime/dossier-position.ts';
import { planMigration, type MigrationPlan } from '../runtime/plan-migration.ts';
import type { Database } from '../store/create-database.ts';
import { lockDossier } from '../store/dossier-store.ts';
import { listOpenDossierIds, recordProcedureMigration } from '../store/procedure-migration-store.ts';
import { findProcedureVersion } from '../store/procedure-store.ts';
import { repinDossier, restateStep } from '../store/repin-dossier.ts';
import { listSteps } from '../store/step-store.ts';
import { requireAuthor } from './author-procedures.ts';
import { unitsOf, type Principal } from './principal.ts';
import { earliest, recordDossierEvents } from './record-transition.ts';
import type { ServiceContext } from './service-context.ts';

export interface MigrationCommand {
  fromVersion: number;
  toVersion: number;
  stateMap?: Record<string, string>;
  dryRun: boolean;
}

export interface MigrationReport {
  migrationId: number;
  code: string;
  fromVersion: number;
  toVersion: number;
  dryRun: boolean;
  applied: boolean;
  dossiers: Array<{ dossierId: string; receiptCode: string } & MigrationPlan>;
  problems: Array<{ dossierId: string; receiptCode: string; problem: string }>;
}

export async function migrateDossiers(ctx: ServiceContext, principal: Principal, code: string, command: MigrationCommand): Promise<MigrationReport> {
  requireAuthor(principal, 'migrating dossiers between procedure versions');
  const target = await findProcedureVersion(ctx.db, code, command.toVersion);
  if (!target || target.status !== 'published') throw new MotcuaError('definition.not-found', `procedure ${code} has no published version ${command.toVersion}; publish it first`, { procedureCode: code, version: command.toVersion });
  const from = await ctx.procedures.get(code, command.fromVersion);
  const to = await ctx.procedures.get(code, command.toVersion);
  const stateMap = command.stateMap ?? {};

  return ctx.db.transaction(async (trx) => {
    const now = ctx.now();
    const report: Omit<MigrationReport, 'migrationId'> = { code, fromVersion: command.fromVersion, toVersion: command.toVersion, dryRun: command.dryRun, applied: false, dossiers: [], problems: [] };
    const planned: Array<{ id: string; plan: MigrationPlan }> = [];
    for (const id of await listOpenDossierIds(trx, code, command.fromVersion)) {
      const locked = (await lockDossier(trx, id))!;
      const d = locked.dossier;
      const openSteps = (await listSteps(trx, id)).filter((s) => s.leftAt === null).map((s) => ({ id: s.id, state: s.state, enteredAt: s.enteredAt, dueAt: s.dueAt }));
      const result = planMigration(from, to, { value: (d.snapshot as PersistedSnapshot).value, units: unitsOf(d), openSteps }, stateMap, { calendar: ctx.calendar });
      if (!result.ok) report.problems.push({ dossierId: id, receiptCode: d.receiptCode, problem: result.problem });
      else {
        report.dossiers.push({ dossierId: id, receiptCode: d.receiptCode, ...result.plan });
        planned.push({ id, plan: result.plan });
      }
    }
    if (!command.dryRun && report.problems.length)
      throw new MotcuaError('definition.conflict', `${report.problems.length} dossier(s) cannot be moved to version ${command.toVersion}; nothing was changed: ${report.problems.map((p) => `${p.receiptCode}: ${p.problem}`).join('; ')}`, { problems: report.problems });
    if (!command.dryRun) {
      for (const { id, plan } of planned) await applyPlan(trx, principal, id, command, plan, now);
      report.applied = true;
    }
    const migrationId = await recordProcedureMigration(trx, { code, fromVersion: command.fromVersion, toVersion: command.toVersion, dryRun: command.dryRun, stateMap, report, actorId: principal.userId, at: now });
    return { migrationId, ...report };
  }).finally(() => ctx.outboxWritten());
}

async function applyPlan(trx: Database, principal: Principal, id: string, command: MigrationCommand, plan: MigrationPlan, now: Date): Promise<void> {
  const d = (await lockDossier(trx, id))!.dossier;
  await repinDossier(trx, id, command.toVersion);
  for (const change of plan.stepChanges) await restateStep(trx, change.stepId, change.toState, change.dueTo ? new Date(change.dueTo) : null);
  const next = {
    ...d,
    procedureVersion: command.toVersion,
    state: plan.toState,
    statusCode: plan.toStatus,
    currentUnit: plan.toUnit,
    snapshot: { ...(d.snapshot as object), value: plan.toValue } as typeof d.snapshot,
    stepDueAt: earliest(plan.stepChanges.map((c) => (c.dueTo ? new Date(c.dueTo) : null))),
    updatedAt: now,
    version: d.version + 1,
  };
  const event = { dossierId: id, type: 'MIGRATED', actorId: principal.userId, actorRole: principal.role, unitId: principal.unitId, at: now, fromState: d.state, toState: plan.toState, statusCode: plan.toStatus, comment: null, payload: { fromVersion: command.fromVersion, toVersion: command.toVersion, stepChanges: plan.stepChanges } };
  const moved = plan.stepChanges.filter((c) => c.dueTo !== c.dueFrom);
  const deadlines = [
    ...moved.filter((c) => c.dueTo).map((c) => ({ topic: 'deadline', payload: { kind: 'step', stepId: c.stepId, state: c.toState, dueAt: c.dueTo } })),
    ...moved.filter((c) => c.dueFrom).map((c) => ({ topic: 'deadline-cancel', payload: { kind: 'step', stepId: c.stepId, dueAt: c.dueFrom } })),
  ];
  await recordDossierEvents(trx, next, [event], deadlines, now, d.version);
}
