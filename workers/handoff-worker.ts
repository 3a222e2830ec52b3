// Carries dossiers between units. A job exists per visit of a handoff state
// (its id derives from the outbox row); delivering is idempotent, so a job run
// twice, or a worker killed halfway and its job retried, moves the dossier once.
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { deliverHandoff, type HandoffJob } from '../engine/service/deliver-handoff.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';
import type { OutboxJob } from './outbox-relay.ts';

export function createHandoffProcessor(ctx: ServiceContext, log: Logger) {
  return async (job: Job<OutboxJob>): Promise<string> => {
    const payload = job.data.payload as unknown as Omit<HandoffJob, 'dossierId'>;
    const handoff: HandoffJob = { dossierId: job.data.dossierId!, stepId: Number(payload.stepId), state: payload.state, from: payload.from, to: payload.to };
    if ('connector' in handoff.to) throw new Error(`connector handoffs are not configured in this process (connector '${handoff.to.connector}')`);
    const outcome = await deliverHandoff(ctx, handoff);
    log.debug({ dossierId: handoff.dossierId, jobId: job.id, outcome }, 'handoff');
    return outcome;
  };
}
