// Read use cases: one dossier, its history, and a unit's worklist.
import { findDossier, listDossiers } from '../store/dossier-store.ts';
import { listEvents, verifyChain } from '../store/event-store.ts';
import { findUsernames } from '../store/user-store.ts';
import type { DossierEventRecord } from '../store/records.ts';
import { notFound } from './advance-dossier.ts';
import { toDossierView, type DossierView } from './dossier-view.ts';
import { canReadDossier, readScope, type Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

export async function getDossier(ctx: ServiceContext, principal: Principal, id: string): Promise<DossierView> {
  const dossier = await findDossier(ctx.db, id);
  if (!dossier || !canReadDossier(principal, dossier)) throw notFound(id);
  const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
  return toDossierView(dossier, procedure, principal, ctx.now(), ctx.calendar);
}

export interface HistoryView {
  dossierId: string;
  receiptCode: string;
  /** False when an event no longer matches its hash chain: the trail was tampered with. */
  chainIntact: boolean;
  events: Array<{
    seq: number; type: string; at: string; actorRole: string; actorId: string | null; actorName: string | null; unit: string | null;
    fromState: string | null; toState: string; statusCode: number; comment: string | null; payload: Record<string, unknown>; hash: string;
  }>;
}

export async function getHistory(ctx: ServiceContext, principal: Principal, id: string): Promise<HistoryView> {
  const dossier = await findDossier(ctx.db, id);
  if (!dossier || !canReadDossier(principal, dossier)) throw notFound(id);
  const events = await listEvents(ctx.db, id);
  const names = await findUsernames(ctx.db, [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
  return { dossierId: id, receiptCode: dossier.receiptCode, chainIntact: verifyChain(events) === null, events: events.map((e) => toEventView(e, names)) };
}

/** `actorName` is the acting officer's username (null for the system and connectors), so the timeline says who. */
function toEventView(e: DossierEventRecord, names: Map<string, string>): HistoryView['events'][number] {
  return { seq: e.seq, type: e.type, at: e.at.toISOString(), actorRole: e.actorRole, actorId: e.actorId, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, unit: e.unitId, fromState: e.fromState, toState: e.toState, statusCode: e.statusCode, comment: e.comment, payload: e.payload, hash: e.hash };
}

export async function listWorklist(ctx: ServiceContext, principal: Principal, options: { includeClosed: boolean; limit: number; due?: 'overdue' | 'at-risk' }): Promise<DossierView[]> {
  const scope = readScope(principal);
  if (scope.kind === 'none') return [];
  const units = scope.kind === 'all' ? null : scope.units;
  const now = ctx.now();
  // At risk means less than one working day left; a week of calendar time always covers that window.
  const due = options.due === 'overdue' ? { kind: 'overdue' as const, now } : options.due === 'at-risk' ? { kind: 'due-soon' as const, now, dueBefore: new Date(now.getTime() + 7 * 86_400_000) } : undefined;
  const dossiers = await listDossiers(ctx.db, { units, includeClosed: options.includeClosed, limit: options.limit, due });
  const views: DossierView[] = [];
  for (const d of dossiers) views.push(toDossierView(d, await ctx.procedures.get(d.procedureCode, d.procedureVersion), principal, now, ctx.calendar));
  return options.due === 'at-risk' ? views.filter((v) => v.atRisk) : views;
}
