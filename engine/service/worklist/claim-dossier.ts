// Claims: an officer of the holding unit takes a dossier ("I am on it"),
// releases it, or the unit's leader assigns it to one of the unit's officers.
// A claim is a working note, not a lock: the procedure's roles still decide who
// may fire which event. Each claim, release and assignment is an audit event
// in the dossier's chain (CLAIMED, RELEASED, ASSIGNED).
import { MotcuaError } from '../../motcua-error.ts';
import { lockDossier } from '../../store/dossier-store.ts';
import { findUserByUsername } from '../../store/user-store.ts';
import { deleteClaim, findClaim, upsertClaim, type ClaimRecord } from '../../store/worklist-store.ts';
import type { Database } from '../../store/create-database.ts';
import type { DossierRecord } from '../../store/records.ts';
import { notFound } from '../advance-dossier.ts';
import { canReadDossier, type Principal } from '../principal.ts';
import { recordDossierEvents } from '../record-transition.ts';
import type { ServiceContext } from '../service-context.ts';
import { toClaimView, type WorklistItem } from './list-worklist.ts';

const officerRoles = ['receiver', 'specialist', 'leader'];

export type ClaimAction = { kind: 'claim' } | { kind: 'release' } | { kind: 'assign'; username: string };

export interface ClaimView {
  dossierId: string;
  receiptCode: string;
  claim: WorklistItem['claim'];
}

export async function changeClaim(ctx: ServiceContext, principal: Principal, dossierId: string, action: ClaimAction): Promise<ClaimView> {
  return ctx.db.transaction(async (trx) => {
    const locked = await lockDossier(trx, dossierId);
    if (!locked || !canReadDossier(principal, locked.dossier)) throw notFound(dossierId);
    const d = locked.dossier;
    if (d.closedAt) throw new MotcuaError('dossier.closed', `dossier ${d.receiptCode} is closed; there is nothing left to claim`);
    if (d.currentUnit !== principal.unitId || !officerRoles.includes(principal.role))
      throw new MotcuaError('auth.forbidden', `only officers of ${d.currentUnit}, which holds dossier ${d.receiptCode}, may claim, release or assign it; you are ${principal.role} at ${principal.unitId}`, { currentUnit: d.currentUnit });
    const current = await findClaim(trx, d.id);
    const now = ctx.now();
    if (action.kind === 'claim') {
      if (current?.userId === principal.userId) return view(d, current);
      if (current) throw new MotcuaError('claim.conflict', `dossier ${d.receiptCode} is claimed by ${current.username}; they release it, or a leader of ${d.currentUnit} reassigns it`, { claimedBy: current.username });
      const claim = { dossierId: d.id, userId: principal.userId, username: principal.username, claimedAt: now };
      await upsertClaim(trx, claim);
      await audit(trx, d, principal, now, 'CLAIMED', { username: principal.username });
      return view(d, claim);
    }
    if (action.kind === 'release') {
      if (!current) return view(d, null);
      if (current.userId !== principal.userId && principal.role !== 'leader')
        throw new MotcuaError('auth.forbidden', `dossier ${d.receiptCode} is claimed by ${current.username}; only they or a leader of ${d.currentUnit} may release it`, { claimedBy: current.username });
      await deleteClaim(trx, d.id);
      await audit(trx, d, principal, now, 'RELEASED', { username: current.username });
      return view(d, null);
    }
    if (principal.role !== 'leader') throw new MotcuaError('auth.forbidden', `assigning a dossier needs the role leader; you are ${principal.role} at ${principal.unitId}`, { role: principal.role });
    const assignee = await findUserByUsername(trx, action.username);
    if (!assignee || !assignee.active || assignee.unitId !== d.currentUnit || !officerRoles.includes(assignee.role))
      throw new MotcuaError('request.invalid', `'${action.username}' is not an active officer (receiver, specialist or leader) of ${d.currentUnit}; a leader assigns within the unit`, { username: action.username });
    if (current?.userId === assignee.id) return view(d, current);
    const claim = { dossierId: d.id, userId: assignee.id, username: assignee.username, claimedAt: now };
    await upsertClaim(trx, claim);
    await audit(trx, d, principal, now, 'ASSIGNED', { username: assignee.username, from: current?.username ?? null });
    return view(d, claim);
  });
}

function view(d: DossierRecord, claim: ClaimRecord | null): ClaimView {
  return { dossierId: d.id, receiptCode: d.receiptCode, claim: toClaimView(claim) };
}

async function audit(trx: Database, d: DossierRecord, principal: Principal, at: Date, type: string, payload: Record<string, unknown>): Promise<void> {
  await recordDossierEvents(trx, d, [{ dossierId: d.id, type, actorId: principal.userId, actorRole: principal.role, unitId: principal.unitId, at, fromState: d.state, toState: d.state, statusCode: d.statusCode, comment: null, payload }], [], at);
}
