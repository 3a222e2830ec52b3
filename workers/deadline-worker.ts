// Fires on deadline jobs (delayed until the due time by the outbox relay) and
// on the periodic reconcile job, which also delivers handoffs whose job was lost. A job only says "look now": the service
// re-reads the dossier and does nothing if the step moved on or the date changed.
import { DelayedError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { reconcileHandoffs } from '../engine/service/deliver-handoff.ts';
import { reconcileDeadlines, recordDossierOverdue, recordStepDeadline } from '../engine/service/mark-overdue.ts';
import { reconcileNotifications } from '../engine/service/notifications/reconcile-notifications.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';
import type { OutboxJob } from './outbox-relay.ts';

export const reconcileJobName = 'reconcile';

export function createDeadlineProcessor(ctx: ServiceContext, log: Logger) {
  return async (job: Job<OutboxJob | Record<string, never>>, token?: string): Promise<unknown> => {
    if (job.name === reconcileJobName) {
      const result = { ...(await reconcileDeadlines(ctx, log)), handoffs: await reconcileHandoffs(ctx), notifications: await reconcileNotifications(ctx) };
      if (result.steps || result.dossiers || result.handoffs || result.notifications) log.info(result, 'reconciler caught up on what no job had done');
      return result;
    }
    const { dossierId, payload } = job.data as OutboxJob;
    const dueAt = new Date(String(payload.dueAt));
    // Fired before the due time (clocks of two machines differ): wait again rather than drop it.
    if (dueAt.getTime() > ctx.now().getTime() && token) {
      await job.moveToDelayed(Date.now() + (dueAt.getTime() - ctx.now().getTime()), token);
      throw new DelayedError();
    }
    if (payload.kind === 'step') return recordStepDeadline(ctx, Number(payload.stepId), dossierId!, log.child({ dossierId, jobId: job.id }));
    return recordDossierOverdue(ctx, dossierId!);
  };
}
