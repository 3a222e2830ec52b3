// Carries dossiers between units, and passes handoffs to an external system on
// to the connector queue. A job exists per visit of a handoff state (its id
// derives from the outbox row); delivering is idempotent, so a job run twice, or
// a worker killed halfway and its job retried, moves the dossier once.
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { deliverHandoff, type HandoffJob } from '../engine/service/deliver-handoff.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';
import type { OutboxJob } from './outbox-relay.ts';

export function createHandoffProcessor(ctx: ServiceContext, log: Logger) {
  return async (job: Job<OutboxJob>): Promise<string> => {
    const payload = job.data.payload as unknown as Omit<HandoffJob, 'dossierId'>;
    const handoff: HandoffJob = { dossierId: job.data.dossierId!, stepId: Number(payload.stepId), state: payload.state, from: payload.from, to: payload.to };
    if ('connector' in handoff.to) {
      // An external system is slow and fails on its own schedule: the connector worker sends it, with the
      // connector's own attempts and backoff. Queued once per visit (or per retry of a dead letter).
      const retryOf = job.data.payload.retryOf === undefined ? null : Number(job.data.payload.retryOf);
      await ctx.connectors.dispatch({ dossierId: handoff.dossierId, stepId: handoff.stepId, state: handoff.state, from: handoff.from, connector: handoff.to.connector, retryOf });
      log.debug({ dossierId: handoff.dossierId, jobId: job.id, connector: handoff.to.connector }, 'handoff queued for its connector');
      return 'queued-for-connector';
    }
    const outcome = await deliverHandoff(ctx, handoff);
    log.debug({ dossierId: handoff.dossierId, jobId: job.id, outcome }, 'handoff');
    return outcome;
  };
}
