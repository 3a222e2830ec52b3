// GET /v1/worklist: the dossiers waiting on the caller — held by their unit, in
// a state where their role has something to do (available events non-empty) —
// most urgent first: overdue, then at risk (under one working day left), then
// by due date; each with its available actions and who claimed it.
import type { CompiledProcedure } from '../../definition/compiled-procedure.ts';
import { availableEvents, type AvailableEvent } from '../../runtime/available-events.ts';
import type { PersistedSnapshot } from '../../runtime/dossier-position.ts';
import { roleCanAct } from '../../runtime/role-can-act.ts';
import type { DossierRecord } from '../../store/records.ts';
import { listWorklistCandidates, type ClaimRecord } from '../../store/worklist-store.ts';
import { atRiskLimit, isAtRiskBefore, isOverdue, toDossierView, type DossierView } from '../dossier-view.ts';
import { canReadDossier, readScope, unitsOf, type Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { foldForSearch } from './fold-for-search.ts';

export interface WorklistItem extends DossierView {
  claim: { username: string; claimedAt: string } | null;
}

export interface WorklistQuery {
  /** A receipt code (or part of one) or an applicant's name, accents optional. */
  q?: string;
  procedureCode?: string;
  limit: number;
}

/** Rows read before filtering by role: a unit's open dossiers rarely exceed it; beyond it the earliest due come first. */
const candidateLimit = 2000;

export async function listWaitingWork(ctx: ServiceContext, principal: Principal, query: WorklistQuery): Promise<WorklistItem[]> {
  const now = ctx.now();
  return (await readWaitingWork(ctx, principal, query, now)).slice(0, query.limit).map((w) => toItem(ctx, principal, w, now));
}

/** One choice of the worklist's procedure filter: a procedure with dossiers waiting on the caller, and how many. */
export interface ProcedureFacetEntry {
  code: string;
  name: WorklistItem['procedureName'];
  count: number;
}

/**
 * The worklist and its procedure facet: every procedure with work waiting on
 * the caller that matches `q`, whatever `procedureCode` is, so the filter's
 * dropdown still offers the other procedures once one is chosen. Ordered by code.
 */
export async function listWaitingWorkWithFacet(ctx: ServiceContext, principal: Principal, query: WorklistQuery): Promise<{ items: WorklistItem[]; procedureFacet: ProcedureFacetEntry[] }> {
  // Filtered in SQL like the plain list (the candidate limit applies after the filter), so both answer the same items.
  const now = ctx.now();
  const [matching, unfiltered] = await Promise.all([readWaitingWork(ctx, principal, query, now), query.procedureCode ? readWaitingWork(ctx, principal, { ...query, procedureCode: undefined }, now) : null]);
  const facet = new Map<string, ProcedureFacetEntry>();
  for (const { dossier, procedure } of unfiltered ?? matching) {
    const entry = facet.get(dossier.procedureCode) ?? { code: dossier.procedureCode, name: procedure.source.name, count: 0 };
    entry.count += 1;
    facet.set(dossier.procedureCode, entry);
  }
  return { items: matching.slice(0, query.limit).map((w) => toItem(ctx, principal, w, now)), procedureFacet: [...facet.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) };
}

/** A dossier waiting on the caller, before it is drawn as a view (views cost: only the page's are drawn). */
interface Waiting {
  dossier: DossierRecord;
  claim: ClaimRecord | null;
  procedure: CompiledProcedure;
  /** Worked out already when the definition alone could not tell (roleCanAct 'maybe'). */
  events: AvailableEvent[] | undefined;
  /** 0 overdue, 1 at risk, 2 the rest. */
  urgency: number;
}

function toItem(ctx: ServiceContext, principal: Principal, w: Waiting, now: Date): WorklistItem {
  return { ...toDossierView(w.dossier, w.procedure, principal, now, ctx.calendar, w.events), claim: toClaimView(w.claim) };
}

/**
 * Every waiting dossier matching the query, most urgent first, before `limit`. A unit holds up to a few
 * thousand open dossiers: each is judged from its state and the caller's role (roleCanAct) and only where
 * that cannot tell are its guards evaluated; urgency compares due dates with one at-risk instant.
 */
async function readWaitingWork(ctx: ServiceContext, principal: Principal, query: WorklistQuery, now: Date): Promise<Waiting[]> {
  if (readScope(principal).kind === 'none') return [];
  const q = query.q?.trim();
  const candidates = await listWorklistCandidates(ctx.db, {
    unit: principal.unitId,
    search: q ? { text: q, folded: foldForSearch(q) } : undefined,
    procedureCode: query.procedureCode,
    limit: candidateLimit,
  });
  const limit = atRiskLimit(now, ctx.calendar);
  const actor = { role: principal.role, unit: principal.unitId };
  const waiting: Waiting[] = [];
  for (const { dossier, claim } of candidates) {
    if (!canReadDossier(principal, dossier)) continue;
    const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
    const chance = roleCanAct(procedure, dossier.state, principal.role);
    if (chance === 'never') continue;
    let events: AvailableEvent[] | undefined;
    if (chance === 'maybe') {
      events = availableEvents(procedure, { snapshot: dossier.snapshot as PersistedSnapshot, data: dossier.data, units: unitsOf(dossier) }, actor);
      if (events.length === 0) continue;
    }
    waiting.push({ dossier, claim, procedure, events, urgency: isOverdue(dossier, now) ? 0 : isAtRiskBefore(dossier, now, limit) ? 1 : 2 });
  }
  const due = (d: DossierRecord) => d.dueAt?.getTime() ?? Infinity;
  waiting.sort((a, b) => a.urgency - b.urgency || due(a.dossier) - due(b.dossier) || a.dossier.receivedAt.getTime() - b.dossier.receivedAt.getTime());
  return waiting;
}

export function toClaimView(claim: ClaimRecord | null): WorklistItem['claim'] {
  return claim ? { username: claim.username, claimedAt: claim.claimedAt.toISOString() } : null;
}
