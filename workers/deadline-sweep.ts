// The due sweep: every worker process records the deadlines falling due from
// PostgreSQL itself, instead of waiting for each deadline's delayed queue job.
// A queue backend drains jobs at its own pace (BullMQ's PostgreSQL backend ran
// about 135 jobs/s on the benchmark machine), so at a province's close of day
// per-deadline jobs queue up and the lag grows with the number due; the sweep
// records them by the hundred in one statement. The jobs stay as a second
// line: each finds its deadline recorded (one read) and does nothing.
//
// Between passes the sweep sleeps until the earliest unrecorded deadline, at
// most `everyMs`: a deadline is recorded about when it falls due, and one
// written sooner than the earliest known (or a clock moved by hand in tests)
// waits at most `everyMs`. An idle pass is one indexed statement.
import type { Logger } from 'pino';
import { sweepDueDeadlines } from '../engine/service/mark-overdue.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';

/**
 * The longest the due sweep waits between looks, in ms: a deadline falls due
 * at most this long before it is recorded (the national-peak target is a lag
 * p99 of 1 s; the sweep sleeps until the earliest known deadline, so the
 * usual lag is the time to write it). An idle look is one indexed statement.
 * Set by DEADLINE_SWEEP_MS.
 */
export const defaultDeadlineSweepMs = 1000;

/**
 * How far ahead of its due time a deadline still gets a delayed queue job
 * beside the sweep, in ms (workers/outbox-relay.ts says why no further).
 * Set by DEADLINE_JOB_HORIZON_MS.
 */
export const defaultDeadlineJobHorizonMs = 600_000;

export class DeadlineSweep {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: { everyMs: number; logger: Logger },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let waitMs = this.options.everyMs;
      try {
        const pass = await sweepDueDeadlines(this.ctx, this.options.logger);
        const untilDue = pass.earliestDueAt ? pass.earliestDueAt.getTime() - this.ctx.now().getTime() : Infinity;
        // Recorded something: look again at once, for what fell due meanwhile. Due but nothing
        // recorded (not recordable, or another process took it): the full interval, not a busy loop.
        if (pass.steps > 0 || pass.dossiers > 0) waitMs = 0;
        else if (untilDue > 0) waitMs = Math.min(waitMs, untilDue);
      } catch (error) {
        this.options.logger.error({ err: error }, 'deadline sweep failed; trying again at the next pass');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
