// Periodic supervision reports: a repeatable job shortly after local midnight
// (Asia/Ho_Chi_Minh) stores the daily report of every unit for each working day
// that ended, and on the first days of a month last month's report. The job is
// idempotent: a period already stored is skipped, so a repeat or a catch-up
// after downtime changes nothing that exists.
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { computeDueReports } from '../engine/service/supervision/compute-reports.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';

export const reportQueueName = 'motcua-reports';
export const reportJobName = 'compute-reports';

export function createReportProcessor(ctx: ServiceContext, log: Logger) {
  return async (job: Job): Promise<{ stored: number }> => {
    const stored = await computeDueReports(ctx, `system:${job.name}`);
    if (stored) log.info({ stored }, 'supervision reports stored');
    return { stored };
  };
}

/** Every day at 00:10 local time; the catch-up covers any run missed in the last week. */
export async function scheduleReports(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(reportJobName, { pattern: '10 0 * * *', tz: 'Asia/Ho_Chi_Minh' }, { name: reportJobName, data: {} });
}
