// A supervisor's retry of a dead letter: in one transaction the letter is
// resolved and a handoff outbox row is written for the same visit, marked as
// this letter's retry. The relay queues it like any handoff, and the handoff
// worker gives it a job id of its own (connector-<stepId>-retry-<letter id>),
// so the retry runs even though the failed job still exists; a crash after
// commit loses nothing. The peer sees the same Idempotency-Key as before.
import { lockDeadLetter, resolveDeadLetter } from '../../store/dead-letter-store.ts';
import { insertOutbox } from '../../store/outbox-store.ts';
import { MotcuaError } from '../../motcua-error.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';
import { connectorJobId } from './connector-job.ts';
import { deadLetterScope, toDeadLetterView, type DeadLetterView } from './list-dead-letters.ts';

export async function retryDeadLetter(ctx: ServiceContext, principal: Principal, id: number): Promise<DeadLetterView> {
  const units = deadLetterScope(principal, 'retrying a dead letter');
  const view = await ctx.db.transaction(async (trx) => {
    const letter = await lockDeadLetter(trx, id, units);
    if (!letter) throw new MotcuaError('dead-letter.not-found', `no dead letter ${id} that you may see; GET /v1/dead-letters lists yours`, { id });
    if (letter.resolvedAt)
      throw new MotcuaError('dead-letter.resolved', `dead letter ${id} was already retried at ${letter.resolvedAt.toISOString()} (job ${letter.retryJobId}); if that retry failed too, it has a dead letter of its own`, { id, retryJobId: letter.retryJobId });
    const now = ctx.now();
    const retryJobId = connectorJobId({ stepId: letter.stepId, retryOf: letter.id });
    await resolveDeadLetter(trx, id, { resolvedAt: now, resolvedBy: principal.userId, retryJobId });
    await insertOutbox(trx, [
      { dossierId: letter.dossierId, topic: 'handoff', payload: { state: letter.state, from: letter.fromUnit, to: { connector: letter.connector }, stepId: letter.stepId, retryOf: letter.id }, createdAt: now },
    ]);
    return toDeadLetterView({ ...letter, resolvedAt: now, resolvedBy: principal.userId, resolvedByUsername: principal.username, retryJobId });
  });
  ctx.outboxWritten();
  return view;
}
