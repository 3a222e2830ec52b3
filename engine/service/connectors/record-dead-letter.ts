// A connector handoff whose job gave up (attempts exhausted, or an answer no
// retry can change) goes to the dead-letter list, where supervisors see it and
// retry it. Exactly one letter per job, even if the last attempt runs twice.
import { insertDeadLetter } from '../../store/dead-letter-store.ts';
import type { ServiceContext } from '../service-context.ts';
import type { ConnectorJob } from './connector-job.ts';

/** True when this call wrote the letter; false when the job had one already. */
export async function recordDeadLetter(ctx: ServiceContext, job: ConnectorJob, failure: { jobId: string; lastError: string; attempts: number }): Promise<boolean> {
  return insertDeadLetter(ctx.db, {
    connector: job.connector,
    dossierId: job.dossierId,
    stepId: job.stepId,
    state: job.state,
    fromUnit: job.from,
    jobId: failure.jobId,
    lastError: failure.lastError,
    attempts: failure.attempts,
    failedAt: ctx.now(),
  });
}
