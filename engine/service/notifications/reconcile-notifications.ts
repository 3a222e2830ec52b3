// The notification side of the reconciler: effects whose queue job vanished
// (the queue store was wiped or lost its data) are relayed again. PostgreSQL
// is the truth; a queue job only carries an effect out.
import { requeueLostNotifications } from '../../store/outbox-store.ts';
import type { ServiceContext } from '../service-context.ts';

/** A relayed effect with no notification after this long (ms) is taken as lost; a healthy job finishes in seconds. */
export const notificationGraceMs = 5 * 60_000;
/** Older effects are left alone, so the look-back stays bounded as the outbox grows. */
const lookBackMs = 24 * 3600_000;

/** Relays again, at most `batch` at a time, every notification effect that was relayed `graceMs` or more ago and never carried out; how many. */
export async function reconcileNotifications(ctx: ServiceContext, graceMs = notificationGraceMs, batch = 500): Promise<number> {
  const now = ctx.now().getTime();
  const requeued = await requeueLostNotifications(ctx.db, new Date(now - graceMs - lookBackMs), new Date(now - graceMs), batch);
  if (requeued > 0) ctx.outboxWritten();
  return requeued;
}
