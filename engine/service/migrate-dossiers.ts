// Moving in-flight dossiers to another version of their procedure — only ever
// explicitly, and never past what the definition allows (plan-migration.ts).
// A dry run reports, per state mapping, where it would move dossiers and what
// it would skip, and per dossier where it would stand, its clock and its
// deadlines. An apply is only a proposal: a second person approves it
// (approve-migration.ts), which plans again and performs it in one
// transaction, all dossiers or none, with a MIGRATED event in each dossier's
// trail and the same effects a transition into the target state has. Every
// dry run, proposal and apply is recorded in procedure_migrations.
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';
import type { PersistedSnapshot } from '../runtime/dossier-position.ts';
import { judgeMapping, planMigration, type MappingVerdict, type MigrationPlan, type MigrationResult } from '../runtime/plan-migration.ts';
import type { Database } from '../store/create-database.ts';
import { lockDossier } from '../store/dossier-store.ts';
import { listOpenDossierIds, recordProcedureMigration, type MigrationStatus } from '../store/procedure-migration-store.ts';
import { findProcedureVersion } from '../store/procedure-store.ts';
import { repinDossier, restateStep } from '../store/repin-dossier.ts';
import type { DossierRecord } from '../store/records.ts';
import { listSteps } from '../store/step-store.ts';
import { requireAuthor } from './author-procedures.ts';
import { unitsOf, type Principal } from './principal.ts';
import { recordTransition } from './record-transition.ts';
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
  status: MigrationStatus;
  applied: boolean;
  mappings: MappingVerdict[];
  dossiers: Array<{ dossierId: string; receiptCode: string } & MigrationPlan>;
  problems: Array<{ dossierId: string; receiptCode: string; problem: string }>;
}

export interface PlannedMigration {
  report: Omit<MigrationReport, 'migrationId' | 'status' | 'applied' | 'dryRun'>;
  planned: Array<{ dossier: DossierRecord; openSteps: Array<{ id: number; state: string; dueAt: Date | null }>; result: Extract<MigrationResult, { ok: true }> }>;
}

/** A dry run (200, recorded) or a proposal waiting for a second person's approval (recorded; nothing moves yet). */
export async function migrateDossiers(ctx: ServiceContext, principal: Principal, code: string, command: MigrationCommand): Promise<MigrationReport> {
  requireAuthor(principal, 'migrating dossiers between procedure versions');
  const stateMap = command.stateMap ?? {};
  return ctx.db.transaction(async (trx) => {
    const now = ctx.now();
    const { report } = await planDossierMigrations(ctx, trx, code, command.fromVersion, command.toVersion, stateMap, now);
    const status: MigrationStatus = command.dryRun ? 'dry-run' : 'proposed';
    if (!command.dryRun) refuseProblems(report, command.toVersion);
    const full = { code, fromVersion: command.fromVersion, toVersion: command.toVersion, dryRun: command.dryRun, status, applied: false, mappings: report.mappings, dossiers: report.dossiers, problems: report.problems };
    const migrationId = await recordProcedureMigration(trx, { code, fromVersion: command.fromVersion, toVersion: command.toVersion, status, stateMap, report: full, actorId: principal.userId, at: now });
    return { migrationId, ...full };
  });
}

/**
 * Plans every open dossier of `fromVersion` (locking each) and judges every
 * entry of the state map. Refuses at once what no data can make right.
 */
export async function planDossierMigrations(ctx: ServiceContext, trx: Database, code: string, fromVersion: number, toVersion: number, stateMap: Record<string, string>, now: Date): Promise<PlannedMigration> {
  if (fromVersion === toVersion)
    throw new MotcuaError('migration.invalid', `fromVersion and toVersion are both ${fromVersion}: a migration moves dossiers between two versions; within one version a dossier moves only by the events its definition allows`, { fromVersion, toVersion });
  const target = await findProcedureVersion(trx, code, toVersion);
  if (!target || target.status !== 'published') throw new MotcuaError('definition.not-found', `procedure ${code} has no published version ${toVersion}; publish it first`, { procedureCode: code, version: toVersion });
  const from = await ctx.procedures.get(code, fromVersion, trx);
  const to = await ctx.procedures.get(code, toVersion, trx);
  const mappings = Object.entries(stateMap).map(([source, destination]) => judgeMapping(from, to, source, destination, stateMap));
  const report: PlannedMigration['report'] = { code, fromVersion, toVersion, mappings, dossiers: [], problems: [] };
  const planned: PlannedMigration['planned'] = [];
  for (const id of await listOpenDossierIds(trx, code, fromVersion)) {
    const { dossier: d } = (await lockDossier(trx, id))!;
    const openSteps = (await listSteps(trx, id)).filter((s) => s.leftAt === null).map((s) => ({ id: s.id, state: s.state, enteredAt: s.enteredAt, dueAt: s.dueAt }));
    const result = planOne(from, to, d, openSteps, stateMap, ctx, now);
    if (!result.ok) report.problems.push({ dossierId: id, receiptCode: d.receiptCode, problem: result.problem });
    else {
      report.dossiers.push({ dossierId: id, receiptCode: d.receiptCode, ...result.plan });
      planned.push({ dossier: d, openSteps, result });
    }
  }
  return { report, planned };
}

function planOne(from: CompiledProcedure, to: CompiledProcedure, d: DossierRecord, openSteps: Array<{ id: number; state: string; enteredAt: Date; dueAt: Date | null }>, stateMap: Record<string, string>, ctx: ServiceContext, now: Date): MigrationResult {
  const input = { value: (d.snapshot as PersistedSnapshot).value, units: unitsOf(d), clock: { dueAt: d.dueAt, pausedAt: d.pausedAt }, openSteps };
  return planMigration(from, to, input, stateMap, { calendar: ctx.calendar, now });
}

/** All or nothing: a single refused mapping or dossier refuses the whole migration. */
export function refuseProblems(report: PlannedMigration['report'], toVersion: number): void {
  const refused = report.mappings.filter((m) => m.problem !== null);
  if (refused.length === 0 && report.problems.length === 0) return;
  const lines = [...refused.map((m) => `${m.from} → ${m.to}: ${m.problem}`), ...report.problems.map((p) => `${p.receiptCode}: ${p.problem}`)];
  throw new MotcuaError('migration.refused', `the migration to version ${toVersion} cannot be applied; nothing was changed: ${lines.join('; ')}`, { mappings: refused, problems: report.problems });
}

/** Moves one planned dossier, in the caller's transaction, as a transition into its target states would. */
export async function applyDossierMigration(trx: Database, principal: Principal, p: PlannedMigration['planned'][number], versions: { fromVersion: number; toVersion: number; migrationId: number }, now: Date): Promise<void> {
  const { dossier: d, result } = p;
  const { plan, effects, clock } = result;
  await repinDossier(trx, d.id, versions.toVersion);
  const restated = new Map(plan.stepChanges.map((c) => [c.stepId, c]));
  for (const c of plan.stepChanges) await restateStep(trx, c.stepId, c.toState, c.dueTo ? new Date(c.dueTo) : null);
  const openSteps = p.openSteps.map((s) => {
    const c = restated.get(s.id);
    return c ? { id: s.id, state: c.toState, dueAt: c.dueTo ? new Date(c.dueTo) : null } : s;
  });
  // A kept visit whose due date moved gets its new deadline job; the old one goes.
  const moved = plan.stepChanges.filter((c) => c.dueTo !== c.dueFrom);
  const deadlines = [
    ...moved.filter((c) => c.dueTo).map((c) => ({ topic: 'deadline', payload: { kind: 'step', stepId: c.stepId, state: c.toState, dueAt: c.dueTo } })),
    ...moved.filter((c) => c.dueFrom).map((c) => ({ topic: 'deadline-cancel', payload: { kind: 'step', stepId: c.stepId, dueAt: c.dueFrom } })),
  ];
  const next: DossierRecord = {
    ...d,
    procedureVersion: versions.toVersion,
    state: plan.toState,
    statusCode: plan.toStatus,
    currentUnit: plan.toUnit,
    snapshot: { ...(d.snapshot as object), value: plan.toValue } as DossierRecord['snapshot'],
    dueAt: clock.clock.dueAt,
    pausedAt: clock.clock.pausedAt,
    updatedAt: now,
    version: d.version + 1,
  };
  const payload = { fromVersion: versions.fromVersion, toVersion: versions.toVersion, migrationId: versions.migrationId, moves: plan.moves, stepChanges: plan.stepChanges };
  await recordTransition(trx, { mode: 'update', dossier: next, expectedVersion: d.version, openSteps, fromState: d.state, event: 'MIGRATED', comment: null, input: {}, form: null, effects, plan: clock, actor: principal, at: now, payload, outbox: deadlines });
}
