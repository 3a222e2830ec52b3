// The real system (API, workers, relay) on a fresh cloned database and a
// random port, with a test clock. Tests talk HTTP to it like any client.
import { inject } from 'vitest';
import { pino } from 'pino';
import { startSystem, type RunningSystem, type SystemOptions } from '../server/start-system.ts';
import type { QueueBackendConfig } from '../workers/queue-backend.ts';
import { createTestDatabase, type TestDatabase } from './create-test-database.ts';
import { TestClock } from './test-clock.ts';

export interface TestSystem extends RunningSystem {
  clock: TestClock;
  database: TestDatabase;
  /** Stops the system and drops its database. */
  close(): Promise<void>;
}

export interface TestSystemOptions {
  clock?: TestClock;
  queue?: 'postgres' | 'redis';
  workers?: boolean;
  reconcileEveryMs?: number;
  /**
   * The due sweep's longest wait, in ms. Default 10 minutes, i.e. a look at start and
   * hardly again: most tests move the clock past due dates by hand and assert exact
   * audit trails, which a sweep recording OVERDUE a second later would race. Deadline
   * tests set it.
   */
  deadlineSweepMs?: number;
  deadlineJobHorizonMs?: number;
  database?: TestDatabase;
  /** Another catalogue folder (default procedures/). */
  proceduresDir?: string;
  connectors?: SystemOptions['connectors'];
  notifications?: SystemOptions['notifications'];
  metricsToken?: SystemOptions['metricsToken'];
  /** Run after the system stops and its database is dropped. */
  cleanup?: () => Promise<void>;
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock ?? new TestClock('2026-03-02T09:00:00+07:00');
  let queue: QueueBackendConfig = { kind: 'postgres', url: database.url };
  if (options.queue === 'redis') {
    const redisUrl = inject('redisUrl');
    if (!redisUrl) throw new Error('no Redis for this run; see the loud line at the start of the run');
    // Each test system gets its own queue namespace: test files share one Redis.
    queue = { kind: 'redis', url: redisUrl, prefix: database.name };
  }
  const system = await startSystem({
    databaseUrl: database.url,
    queue,
    proceduresDir: options.proceduresDir ?? 'procedures',
    seedDemo: true,
    port: 0,
    host: '127.0.0.1',
    outboxPollMs: 200,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    now: clock.now,
    workers: options.workers,
    reconcileEveryMs: options.reconcileEveryMs,
    deadlineSweepMs: options.deadlineSweepMs ?? 600_000,
    deadlineJobHorizonMs: options.deadlineJobHorizonMs,
    connectors: options.connectors,
    notifications: options.notifications,
    metricsToken: options.metricsToken,
  });
  return {
    ...system,
    clock,
    database,
    close: async () => {
      await system.stop();
      await database.drop();
      await options.cleanup?.();
    },
  };
}
