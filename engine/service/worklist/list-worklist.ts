// GET /v1/worklist: the dossiers waiting on the caller — held by their unit, in
// a state where their role has something to do (available events non-empty) —
// most urgent first: overdue, then at risk (under one working day left), then
// by due date; each with its available actions and who claimed it.
import { listWorklistCandidates, type ClaimRecord } from '../../store/worklist-store.ts';
import { toDossierView, type DossierView } from '../dossier-view.ts';
import { canReadDossier, readScope, type Principal } from '../principal.ts';
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
  return (await readWaitingWork(ctx, principal, query)).slice(0, query.limit);
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
  const [matching, unfiltered] = await Promise.all([readWaitingWork(ctx, principal, query), query.procedureCode ? readWaitingWork(ctx, principal, { ...query, procedureCode: undefined }) : null]);
  const facet = new Map<string, ProcedureFacetEntry>();
  for (const item of unfiltered ?? matching) {
    const entry = facet.get(item.procedureCode) ?? { code: item.procedureCode, name: item.procedureName, count: 0 };
    entry.count += 1;
    facet.set(item.procedureCode, entry);
  }
  return { items: matching.slice(0, query.limit), procedureFacet: [...facet.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) };
}

/** Every waiting dossier matching the query, most urgent first, before `limit`. */
async function readWaitingWork(ctx: ServiceContext, principal: Principal, query: WorklistQuery): Promise<WorklistItem[]> {
  if (readScope(principal).kind === 'none') return [];
  const q = query.q?.trim();
  const candidates = await listWorklistCandidates(ctx.db, {
    unit: principal.unitId,
    search: q ? { text: q, folded: foldForSearch(q) } : undefined,
    procedureCode: query.procedureCode,
    limit: candidateLimit,
  });
  const now = ctx.now();
  const items: WorklistItem[] = [];
  for (const { dossier, claim } of candidates) {
    if (!canReadDossier(principal, dossier)) continue;
    const view = toDossierView(dossier, await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion), principal, now, ctx.calendar);
    if (view.availableEvents.length === 0) continue;
    items.push({ ...view, claim: toClaimView(claim) });
  }
  const urgency = (v: DossierView) => (v.overdue ? 0 : v.atRisk ? 1 : 2);
  const due = (v: DossierView) => (v.dueAt ? Date.parse(v.dueAt) : Infinity);
  items.sort((a, b) => urgency(a) - urgency(b) || due(a) - due(b) || Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  return items;
}

export function toClaimView(claim: ClaimRecord | null): WorklistItem['claim'] {
  return claim ? { username: claim.username, claimedAt: claim.claimedAt.toISOString() } : null;
}
