// Sends connector handoffs to external systems. One job per visit of a handoff
// state (connector-<stepId>) or per retry of a dead letter, with the connector's
// maxAttempts and exponential backoff. A failed attempt throws so BullMQ retries
// it; the last one, or one that no retry can help, records the dead letter
// (once per job) and stops the job.
import { queueNames } from './queue-backend.ts';
import { UnrecoverableError, type Job, type JobsOptions, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { connectorJobId, type ConnectorJob } from '../engine/service/connectors/connector-job.ts';
import type { ConnectorSettings } from '../engine/service/connectors/connector-settings.ts';
import { recordDeadLetter } from '../engine/service/connectors/record-dead-letter.ts';
import { sendToConnector } from '../engine/service/connectors/send-to-connector.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';
import { isMotcuaError } from '../engine/motcua-error.ts';

export const connectorQueueName = queueNames.connector;

/** Queues a connector handoff; adding the same visit (or the same retry) again adds nothing. */
export function createConnectorDispatch(queue: Queue, settings: ReadonlyMap<string, ConnectorSettings>, retryDelayMs: number): (job: ConnectorJob) => Promise<void> {
  return async (job) => {
    const options: JobsOptions = {
      jobId: connectorJobId(job),
      attempts: settings.get(job.connector)?.maxAttempts ?? 1,
      backoff: { type: 'exponential', delay: retryDelayMs },
      removeOnComplete: { age: 24 * 3600 },
      // The dead-letter table keeps what matters; failed jobs stay a month for debugging.
      removeOnFail: { age: 30 * 24 * 3600 },
    };
    await queue.add(connectorQueueName, job, options);
  };
}

export function createConnectorProcessor(ctx: ServiceContext, log: Logger) {
  return async (job: Job<ConnectorJob>): Promise<string> => {
    const jobId = job.id!;
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const jobLog = log.child({ dossierId: job.data.dossierId, connector: job.data.connector, jobId });
    try {
      const outcome = await sendToConnector(ctx, job.data, jobId);
      jobLog.debug({ outcome, attempt }, 'connector handoff');
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(isMotcuaError(error) && error.details.retryable === false);
      if (retryable && attempt < attempts) {
        jobLog.warn({ attempt, attempts, err: error }, 'connector handoff failed; retried with backoff');
        throw error;
      }
      const recorded = await recordDeadLetter(ctx, job.data, { jobId, lastError: message, attempts: attempt });
      jobLog.error({ attempt, attempts, recorded, err: error }, 'connector handoff gave up: it is in the dead-letter list (GET /v1/dead-letters)');
      throw new UnrecoverableError(message);
    }
  };
}
