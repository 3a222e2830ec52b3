// The dead-letter list as supervisors see it: connector handoffs that never got
// through, newest first. A unit's supervisor sees the letters of the dossiers
// their unit received, decides, holds or returns; the province's supervisors
// and administrators see every letter.
import { listDeadLetters as queryDeadLetters, type DeadLetterListing } from '../../store/dead-letter-store.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { seesWholeProvince, type Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';

export interface DeadLetterView {
  id: number;
  status: 'open' | 'resolved';
  connector: string;
  dossierId: string;
  receiptCode: string;
  procedureCode: string;
  /** The handoff state and the visit of it that was not delivered. */
  state: string;
  stepId: number;
  fromUnit: string;
  lastError: string;
  attempts: number;
  failedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** The job a retry queued. */
  retryJobId: string | null;
}

export async function listDeadLetters(ctx: ServiceContext, principal: Principal, query: { status: 'open' | 'resolved' | 'all'; limit: number }): Promise<DeadLetterView[]> {
  const letters = await queryDeadLetters(ctx.db, { units: deadLetterScope(principal, 'reading dead letters'), ...query });
  return letters.map(toDeadLetterView);
}

/** The units whose letters the principal may see and retry (null: all); refuses everyone but supervisors and admins. */
export function deadLetterScope(principal: Principal, action: string): string[] | null {
  if (principal.role !== 'supervisor' && principal.role !== 'admin')
    throw new MotcuaError('auth.forbidden', `${action} needs the role supervisor or admin; you are ${principal.role} at ${principal.unitId}`, { role: principal.role });
  return seesWholeProvince(principal) ? null : [principal.unitId];
}

export function toDeadLetterView(l: DeadLetterListing): DeadLetterView {
  return {
    id: l.id,
    status: l.resolvedAt ? 'resolved' : 'open',
    connector: l.connector,
    dossierId: l.dossierId,
    receiptCode: l.receiptCode,
    procedureCode: l.procedureCode,
    state: l.state,
    stepId: l.stepId,
    fromUnit: l.fromUnit,
    lastError: l.lastError,
    attempts: l.attempts,
    failedAt: l.failedAt.toISOString(),
    resolvedAt: l.resolvedAt?.toISOString() ?? null,
    resolvedBy: l.resolvedByUsername,
    retryJobId: l.retryJobId,
  };
}
