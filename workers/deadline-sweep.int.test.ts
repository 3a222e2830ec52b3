// The due sweep on both queue backends: with every per-deadline job held back
// (the deadline queue paused, the reconciler an hour away), two worker
// processes' sweeps record each step and statutory deadline falling due, once,
// at its due time — set-based for steps that only notify, one by one for the
// step that escalates — and never before it is due.
import { afterAll, describe, expect, it } from 'vitest';
import { advanceDossier } from '../engine/service/advance-dossier.ts';
import { login } from '../engine/service/authenticate.ts';
import { receiveDossier } from '../engine/service/receive-dossier.ts';
import { checkExactlyOnce, ClientLedger } from '../test/check-exactly-once.ts';
import { createTestDatabase, type TestDatabase } from '../test/create-test-database.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { publishTestProcedure } from '../test/publish-test-procedure.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';
import { TestClock } from '../test/test-clock.ts';

const perProcedure = 40;

async function countEvents(system: TestSystem, type: string, scope?: string): Promise<number> {
  const query = system.db('dossier_events').where({ type });
  if (scope) query.whereRaw("payload->>'scope' = ?", [scope]);
  const row = await query.count<{ n: string }>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Deadline jobs (not the reconciler's) in the given states. */
async function deadlineJobs(system: TestSystem, ...states: Array<'delayed' | 'waiting' | 'completed' | 'active'>): Promise<number> {
  return (await system.queues.deadline!.getJobs(states)).filter((job) => job.name === 'deadline').length;
}

function sweepSuite(backend: 'postgres' | 'redis'): void {
  let database: TestDatabase;
  const systems: TestSystem[] = [];
  afterAll(async () => {
    for (const system of systems) await system.stop();
    await database?.drop();
  });

  it('records every deadline falling due exactly once, from PostgreSQL, with the deadline jobs held back and two worker processes racing', async () => {
    database = await createTestDatabase();
    // Monday 2 March 2026, 16:00 local: the procedures' step and statutory deadlines fall at 17:00.
    const clock = new TestClock('2026-03-02T16:00:00+07:00');
    const options = { database, clock, queue: backend, reconcileEveryMs: 3_600_000, deadlineSweepMs: 200, deadlineJobHorizonMs: 86_400_000 };
    systems.push(await startTestSystem(options));
    const [first] = systems as [TestSystem];
    await publishTestProcedure(first.db, 'test/fixtures/deadline-drill.yaml');
    await publishTestProcedure(first.db, 'test/fixtures/deadline-notify.yaml');
    systems.push(await startTestSystem(options));
    // No deadline job runs in either process: whatever is recorded, a sweep recorded.
    await first.queues.deadline!.pause();

    const receiver = (await login(first.ctx, 'receiver.hop-thinh', 'demo')).principal;
    const ids: string[] = [];
    for (const procedureCode of ['T.DEADLINE', 'T.DEADLINE-NOTIFY'])
      for (let i = 0; i < perProcedure; i++) {
        const created = await receiveDossier(first.ctx, receiver, { procedureCode, applicant: { fullName: `Người thử ${i}`, idNumber: '027090001234' }, data: {} }, null);
        const id = (created.body as { id: string }).id;
        await advanceDossier(first.ctx, receiver, id, { type: 'ACCEPT' }, null);
        ids.push(id);
      }
    await first.relay.drain();
    // Each deadline has its delayed job, as before: the sweep adds to them, it does not replace them. Polled: the
    // second process's relay may still be adding the rows it took (SKIP LOCKED) when the first one's drain returns.
    await expect.poll(() => deadlineJobs(first, 'delayed', 'waiting'), { timeout: 30_000, interval: 200 }).toBe(4 * perProcedure);

    // Not due yet: the sweeps look (every 200 ms) and record nothing.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countEvents(first, 'OVERDUE')).toBe(0);

    clock.set('2026-03-02T17:00:00+07:00');
    await expect.poll(() => countEvents(first, 'OVERDUE', 'step'), { timeout: 60_000, interval: 200 }).toBe(2 * perProcedure);
    await expect.poll(() => countEvents(first, 'OVERDUE', 'statutory'), { timeout: 60_000, interval: 200 }).toBe(2 * perProcedure);
    await expect.poll(() => countEvents(first, 'ESCALATE'), { timeout: 60_000, interval: 200 }).toBe(perProcedure);
    // Let a late duplicate show itself if there were one.
    await new Promise((r) => setTimeout(r, 1500));
    expect([await countEvents(first, 'OVERDUE', 'step'), await countEvents(first, 'OVERDUE', 'statutory'), await countEvents(first, 'ESCALATE')]).toEqual([2 * perProcedure, 2 * perProcedure, perProcedure]);
    // Recorded at the due time itself (the clock stands still at 17:00), by no job.
    const at = await first.db('dossier_events').where({ type: 'OVERDUE' }).distinct('at').pluck('at');
    expect(at.map((d: Date) => d.toISOString())).toEqual(['2026-03-02T10:00:00.000Z']);
    expect(await deadlineJobs(first, 'completed', 'active')).toBe(0);
    const states = await first.db('dossiers').whereIn('id', ids).groupBy('procedure_code', 'state').orderBy('procedure_code').select('procedure_code', 'state').count<Array<{ procedure_code: string; state: string; count: string }>>('* as count');
    expect(states.map((s) => [s.procedure_code, s.state, Number(s.count)])).toEqual([['T.DEADLINE', 'escalated', perProcedure], ['T.DEADLINE-NOTIFY', 'review', perProcedure]]);
    // Each passing once, chains intact, every notice to a supervisor relayed and made once.
    await expect.poll(() => checkExactlyOnce(database.url, new ClientLedger(), { dueDossiers: ids }), { timeout: 30_000, interval: 500 }).toEqual([]);
  });
}

describe('the due sweep on the PostgreSQL queue backend', () => sweepSuite('postgres'));
describeWithRedis('the due sweep on the Redis queue backend', () => sweepSuite('redis'));
