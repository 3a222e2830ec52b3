// Deadlines on both queue backends: every step and statutory deadline that
// passes is recorded exactly once, by the due sweep, its delayed job or the reconciler,
// and the reconciler alone still records them all after the queue store is wiped.
import { afterAll, describe, expect, it } from 'vitest';
import { advanceDossier } from '../engine/service/advance-dossier.ts';
import { login } from '../engine/service/authenticate.ts';
import type { Principal } from '../engine/service/principal.ts';
import { receiveDossier } from '../engine/service/receive-dossier.ts';
import { createTestDatabase, type TestDatabase } from '../test/create-test-database.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { publishTestProcedure } from '../test/publish-test-procedure.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';
import { TestClock } from '../test/test-clock.ts';

const count = 1000;

async function principals(system: TestSystem): Promise<{ receiver: Principal }> {
  return { receiver: (await login(system.ctx, 'receiver.hop-thinh', 'demo')).principal };
}

/** Files and accepts `n` drill dossiers; their step and statutory deadlines are 17:00 local today. */
async function fileDossiers(system: TestSystem, n: number): Promise<string[]> {
  const { receiver } = await principals(system);
  const ids: string[] = [];
  // Ten desks at once, as a busy center would.
  await Promise.all(
    Array.from({ length: 10 }, async (_, desk) => {
      for (let i = desk; i < n; i += 10) {
        const created = await receiveDossier(system.ctx, receiver, { procedureCode: 'T.DEADLINE', applicant: { fullName: `Người thử ${i}`, idNumber: '027090001234' }, data: {} }, null);
        const id = (created.body as { id: string }).id;
        await advanceDossier(system.ctx, receiver, id, { type: 'ACCEPT' }, null);
        ids.push(id);
      }
    }),
  );
  return ids;
}

async function countEvents(system: TestSystem, type: string, scope?: string): Promise<number> {
  const query = system.db('dossier_events').where({ type });
  if (scope) query.whereRaw("payload->>'scope' = ?", [scope]);
  const row = await query.count<{ n: string }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

async function expectEveryDeadlineRecordedOnce(system: TestSystem, n: number): Promise<void> {
  await expect.poll(() => countEvents(system, 'OVERDUE', 'step'), { timeout: 120_000, interval: 500 }).toBe(n);
  await expect.poll(() => countEvents(system, 'OVERDUE', 'statutory'), { timeout: 120_000, interval: 500 }).toBe(n);
  await expect.poll(() => countEvents(system, 'ESCALATE'), { timeout: 60_000, interval: 500 }).toBe(n);
  // Let late duplicates (a second job, a reconciler pass) show themselves if they exist.
  await new Promise((r) => setTimeout(r, 3000));
  expect(await countEvents(system, 'OVERDUE', 'step')).toBe(n);
  expect(await countEvents(system, 'OVERDUE', 'statutory')).toBe(n);
  expect(await countEvents(system, 'ESCALATE')).toBe(n);
  // Never recorded before the due time.
  const early = await system.db('dossier_events').where({ type: 'OVERDUE' }).andWhere('at', '<', system.db.raw("(payload->>'dueAt')::timestamptz")).count<{ n: string }>({ n: '*' }).first();
  expect(Number(early?.n)).toBe(0);
  const states = await system.db('dossiers').where('procedure_code', 'T.DEADLINE').groupBy('state').select('state').count<Array<{ state: string; count: string }>>('* as count');
  expect(states.map((s) => [s.state, Number(s.count)])).toEqual([['escalated', n]]);
}

function deadlineSuite(backend: 'postgres' | 'redis'): void {
  let database: TestDatabase;
  let system: TestSystem | null = null;
  afterAll(async () => {
    await system?.stop();
    await database?.drop();
  });

  it(`records ${count} step and statutory deadlines exactly once, through the due sweep, delayed jobs and the reconciler racing`, async () => {
    database = await createTestDatabase();
    // Monday 2 March 2026, 16:59:00 local: the drill's deadlines fall at 17:00, a minute on.
    const clock = new TestClock('2026-03-02T16:59:00+07:00', { running: true });
    system = await startTestSystem({ database, clock, queue: backend, reconcileEveryMs: 2000, deadlineSweepMs: 1000 });
    await publishTestProcedure(system.db, 'test/fixtures/deadline-drill.yaml');
    await fileDossiers(system, count);
    await expectEveryDeadlineRecordedOnce(system, count);
  });

  it('records every deadline from PostgreSQL alone after the queue store is wiped', async () => {
    const clock = new TestClock('2026-03-03T16:59:30+07:00', { running: true });
    await system!.stop();
    system = await startTestSystem({ database, clock, queue: backend, reconcileEveryMs: 600_000, workers: false });
    const before = await countEvents(system, 'OVERDUE', 'step');
    const ids = await fileDossiers(system, 200);
    // The relay would schedule these deadlines on the next start: wipe the queue store instead.
    await system.relay.drain();
    for (const queue of Object.values(system.queues)) await queue.obliterate({ force: true });
    await system.stop();
    // Past the deadlines, a fresh start: only the reconciler can find them now.
    clock.set('2026-03-03T17:05:00+07:00');
    system = await startTestSystem({ database, clock, queue: backend, reconcileEveryMs: 1000 });
    await expect.poll(() => countEvents(system!, 'OVERDUE', 'step'), { timeout: 60_000, interval: 500 }).toBe(before + ids.length);
    await expect.poll(() => countEvents(system!, 'OVERDUE', 'statutory'), { timeout: 60_000, interval: 500 }).toBe(before + ids.length);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await countEvents(system, 'OVERDUE', 'step')).toBe(before + ids.length);
    expect(await countEvents(system, 'OVERDUE', 'statutory')).toBe(before + ids.length);
  });
}

describe('deadlines on the PostgreSQL queue backend', () => deadlineSuite('postgres'));
describeWithRedis('deadlines on the Redis queue backend', () => deadlineSuite('redis'));

describe('deadline jobs follow the dossier', () => {
  let system: TestSystem;
  afterAll(async () => {
    await system?.close();
  });

  it('schedules a job per step and statutory due date, and removes them when the step ends and the dossier closes', async () => {
    system = await startTestSystem({ clock: new TestClock('2026-03-02T09:00:00+07:00'), deadlineJobHorizonMs: 86_400_000 });
    await publishTestProcedure(system.db, 'test/fixtures/deadline-drill.yaml');
    const { receiver } = await principals(system);
    const created = await receiveDossier(system.ctx, receiver, { procedureCode: 'T.DEADLINE', applicant: { fullName: 'Người thử', idNumber: '027090001234' }, data: {} }, null);
    const id = (created.body as { id: string }).id;
    await advanceDossier(system.ctx, receiver, id, { type: 'ACCEPT' }, null);
    const step = await system.db('dossier_steps').where({ dossier_id: id, state: 'review' }).first('id');
    const due = Date.parse('2026-03-02T17:00:00+07:00');
    const queue = system.queues.deadline!;
    const jobs = () => Promise.all([queue.getJob(`step-${step.id}-${due}`), queue.getJob(`statutory-${id}-${due}`)]).then((list) => list.map((j) => (j ? 'scheduled' : 'none')));
    await expect.poll(jobs, { timeout: 20_000 }).toEqual(['scheduled', 'scheduled']);

    const specialist = (await login(system.ctx, 'specialist.hop-thinh', 'demo')).principal;
    await advanceDossier(system.ctx, specialist, id, { type: 'APPROVE' }, null);
    await expect.poll(jobs, { timeout: 20_000 }).toEqual(['none', 'none']);
  });

  it('gives a deadline further ahead than the job horizon (10 minutes by default) no job: the due sweep records it', async () => {
    await system.close();
    system = await startTestSystem({ clock: new TestClock('2026-03-02T09:00:00+07:00') });
    await publishTestProcedure(system.db, 'test/fixtures/deadline-drill.yaml');
    const { receiver } = await principals(system);
    const specialist = (await login(system.ctx, 'specialist.hop-thinh', 'demo')).principal;
    const queue = system.queues.deadline!;
    const accept = async () => {
      const id = ((await receiveDossier(system.ctx, receiver, { procedureCode: 'T.DEADLINE', applicant: { fullName: 'Người thử', idNumber: '027090001234' }, data: {} }, null)).body as { id: string }).id;
      await advanceDossier(system.ctx, receiver, id, { type: 'ACCEPT' }, null);
      const step = await system.db('dossier_steps').where({ dossier_id: id, state: 'review' }).first('id');
      const due = Date.parse('2026-03-02T17:00:00+07:00');
      return { id, jobs: () => Promise.all([queue.getJob(`step-${step.id}-${due}`), queue.getJob(`statutory-${id}-${due}`)]).then((list) => list.map((j) => (j ? 'scheduled' : 'none'))) };
    };
    const unrelayed = async () => Number((await system.db('outbox').whereNull('relayed_at').count<{ n: string }>({ n: '*' }).first())?.n);
    // The running relay marks rows relayed in the transaction that delivered them: none left, all delivered.
    const relayed = () => expect.poll(unrelayed, { timeout: 20_000 }).toBe(0);

    // 09:00, due 17:00: eight hours ahead. Its rows are relayed, and no job is made.
    const far = await accept();
    await relayed();
    expect(await far.jobs()).toEqual(['none', 'none']);
    // 16:55, due 17:00: five minutes ahead, within the horizon: both jobs, removed when the dossier closes.
    system.clock.set('2026-03-02T16:55:00+07:00');
    const near = await accept();
    await relayed();
    expect(await near.jobs()).toEqual(['scheduled', 'scheduled']);
    await advanceDossier(system.ctx, specialist, near.id, { type: 'APPROVE' }, null);
    await relayed();
    expect(await near.jobs()).toEqual(['none', 'none']);
    // The far dossier closes too: its cancels have no job to remove, and none appears.
    await advanceDossier(system.ctx, specialist, far.id, { type: 'APPROVE' }, null);
    await relayed();
    expect(await far.jobs()).toEqual(['none', 'none']);
  });
});
