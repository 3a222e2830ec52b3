// Delivering a handed-over dossier: the handoff worker calls this once the
// transfer is done (at once for a unit of the province; after the external
// system accepted it, for a connector). It fires HANDOFF_DELIVERED as the
// system, which moves the dossier to the receiving unit's next state: its
// current unit changes, the target's worklist shows it, the audit trail records
// it. Safe to repeat: a visit that is no longer open was delivered already.
import { handoffDeliveredEvent } from '../definition/procedure-definition.ts';
import { resolveUnitRef } from '../definition/compile-procedure.ts';
import type { UnitRef } from '../definition/procedure-definition.ts';
import { lockDossier } from '../store/dossier-store.ts';
import { findStaleHandoffs } from '../store/handoff-store.ts';
import { applyEvent } from './advance-dossier.ts';
import type { ServiceContext } from './service-context.ts';

export interface HandoffJob {
  dossierId: string;
  /** The visit of the handoff state this delivery belongs to. */
  stepId: number;
  state: string;
  from: string;
  to: { unit: string } | { connector: string };
}

export type HandoffOutcome = 'delivered' | 'already-delivered';

export async function deliverHandoff(ctx: ServiceContext, job: HandoffJob, details: Record<string, unknown> = {}): Promise<HandoffOutcome> {
  const outcome = await ctx.db.transaction(async (trx): Promise<HandoffOutcome> => {
    const locked = await lockDossier(trx, job.dossierId);
    if (!locked || !locked.openSteps.some((s) => s.id === job.stepId)) return 'already-delivered';
    const to = 'unit' in job.to ? job.to.unit : job.from;
    await applyEvent(ctx, trx, locked, { type: handoffDeliveredEvent, data: { from: job.from, to: job.to, ...details } }, { role: 'system', unit: to }, null);
    return 'delivered';
  });
  if (outcome === 'delivered') ctx.outboxWritten();
  return outcome;
}

/**
 * Delivers every internal handoff whose visit has been open longer than
 * `graceMs` — its job was lost, or gave up after its retries. Connector
 * handoffs are left to their own retry and dead-letter handling.
 */
export async function reconcileHandoffs(ctx: ServiceContext, graceMs = 5 * 60_000, batch = 200): Promise<number> {
  const keys = (await ctx.procedures.loaded()).flatMap((p) =>
    [...p.states.values()].filter((s) => s.handoff && 'to' in s.handoff).map((s) => ({ procedureCode: p.code, procedureVersion: p.version, state: s.name })),
  );
  const stale = await findStaleHandoffs(ctx.db, new Date(ctx.now().getTime() - graceMs), keys, batch);
  let delivered = 0;
  for (const s of stale) {
    const procedure = await ctx.procedures.get(s.procedureCode, s.procedureVersion);
    const handoff = procedure.states.get(s.state)!.handoff as { to: UnitRef };
    const to = resolveUnitRef(handoff.to, s.units);
    if ((await deliverHandoff(ctx, { dossierId: s.dossierId, stepId: s.stepId, state: s.state, from: s.unitId, to: { unit: to } })) === 'delivered') delivered++;
  }
  return delivered;
}
