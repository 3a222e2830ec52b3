// Moves committed outbox rows into BullMQ. Woken right after each commit, polls
// as a safety net, and drains everything at start-up, so a crash between commit
// and enqueue loses nothing. Job ids are derived from the outbox row (deadline
// jobs from what they watch): a row relayed twice (crash after enqueue, before
// marking) becomes one job. `deadline-cancel` rows remove a deadline's job.
//
// A deadline due further ahead than `deadlineJobHorizonMs` gets no job: the due
// sweep of every worker process records it from PostgreSQL (workers/deadline-sweep.ts),
// the reconciler behind it. A job costs several writes to the queue store — on the
// PostgreSQL backend, to the primary — for each step visit, and as many to remove it
// when the step ends, days before it would fire. A deadline written already near its
// due time (a short budget, a date moved close) still gets one, a second line beside
// the sweep. The cancel of a deadline further ahead than the horizon has no job to
// remove: a job exists only if its deadline was within the horizon when relayed, and
// it is nearer still at any later cancel.
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Database } from '../engine/store/create-database.ts';
import { relayOutbox } from '../engine/store/outbox-store.ts';
import type { OutboxRecord } from '../engine/store/records.ts';
import { deadlineJobId } from './deadline-job-id.ts';

export interface OutboxJob {
  outboxId: number;
  dossierId: string | null;
  payload: Record<string, unknown>;
}

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pending = false;

  constructor(
    private readonly db: Database,
    private readonly queues: Record<string, Queue>,
    private readonly options: { pollMs: number; batch: number; logger: Logger; now: () => Date; deadlineJobHorizonMs: number },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a commit that wrote outbox rows. */
  notify(): void {
    this.pending = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Relays until the outbox is empty; returns how many rows moved. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await relayOutbox(this.db, this.options.batch, (rows) => this.deliver(rows), this.options.now);
      total += moved;
      if (moved < this.options.batch) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pending = false;
      try {
        await this.drain();
      } catch (error) {
        this.options.logger.error({ err: error }, 'outbox relay failed; retrying at the next poll');
      }
      if (!this.running || this.pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Deadline jobs wait until their due time; everything else runs at once. */
  private delayOf(row: OutboxRecord): number {
    if (row.topic !== 'deadline') return 0;
    return Math.max(0, new Date(String(row.payload.dueAt)).getTime() - this.options.now().getTime());
  }

  private async deliver(rows: OutboxRecord[]): Promise<void> {
    // Per deadline job, only the last row of the batch counts (a job belongs to one dossier,
    // whose transactions are serialized by its row version, so its rows' ids follow commit
    // order; each transaction's rows are already netted when written): a pause's cancel
    // followed by a resume's schedule of the same instant leaves the job live, a schedule
    // followed by a later cancel removes it. No job id is then both added and removed.
    const lastOfJob = new Map<string, OutboxRecord>();
    for (const row of rows) if (row.topic === 'deadline' || row.topic === 'deadline-cancel') lastOfJob.set(deadlineJobId(row.dossierId, row.payload), row);
    const counts = (row: OutboxRecord) => (row.topic !== 'deadline' && row.topic !== 'deadline-cancel') || lastOfJob.get(deadlineJobId(row.dossierId, row.payload)) === row;
    const byTopic = new Map<string, OutboxRecord[]>();
    for (const row of rows.filter(counts)) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    const cancels = (byTopic.get('deadline-cancel') ?? []).filter((row) => this.withinJobHorizon(row));
    byTopic.delete('deadline-cancel');
    const deadlines = byTopic.get('deadline')?.filter((row) => this.withinJobHorizon(row));
    if (deadlines?.length) byTopic.set('deadline', deadlines);
    else byTopic.delete('deadline');
    for (const [topic, list] of byTopic) {
      const queue = this.queues[topic];
      if (!queue) throw new Error(`no queue for outbox topic '${topic}'`);
      await queue.addBulk(
        list.map((row) => ({
          name: topic,
          data: { outboxId: row.id, dossierId: row.dossierId, payload: row.payload } satisfies OutboxJob,
          opts: { jobId: this.jobIdOf(row), delay: this.delayOf(row), attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false },
        })),
      );
    }
    // A job that is running cannot be removed; it re-reads the dossier and does nothing.
    // Sent together: one round trip's wait for the batch, not one per cancelled deadline.
    await Promise.all(cancels.map((row) => this.queues.deadline!.remove(deadlineJobId(row.dossierId, row.payload))));
  }

  /** A deadline (or its cancel) due within the job horizon of now, which has or gets a delayed job. */
  private withinJobHorizon(row: OutboxRecord): boolean {
    return new Date(String(row.payload.dueAt)).getTime() - this.options.now().getTime() <= this.options.deadlineJobHorizonMs;
  }

  private jobIdOf(row: OutboxRecord): string {
    return row.topic === 'deadline' ? deadlineJobId(row.dossierId, row.payload) : `outbox-${row.id}`;
  }
}
