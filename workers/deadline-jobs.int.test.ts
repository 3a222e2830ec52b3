// Exactly one live deadline job per live deadline, on both queue backends,
// along every clock path: start, pause, resume, reset, extension (form 04) and
// close — including a reset or a resume that lands on the same instant, where a
// transaction both schedules and cancels one job id. Checked against the real
// queue after the relay drains, and as a property over arbitrary event
// sequences of the household business registration (1.001612).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalIso } from '../engine/calendar/index.ts';
import { isMotcuaError } from '../engine/motcua-error.ts';
import { advanceDossier } from '../engine/service/advance-dossier.ts';
import { login } from '../engine/service/authenticate.ts';
import { issueExtension } from '../engine/service/issue-extension.ts';
import type { Principal } from '../engine/service/principal.ts';
import { receiveDossier } from '../engine/service/receive-dossier.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { householdBusiness } from '../test/household-business.ts';
import { publishTestProcedure } from '../test/publish-test-procedure.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';
import { TestClock } from '../test/test-clock.ts';

const liveStates = ['delayed', 'waiting', 'prioritized', 'active'] as const;

function clockPathSuite(backend: 'postgres' | 'redis'): void {
  let system: TestSystem;
  let officer: Record<'receiver' | 'specialist' | 'leader', Principal>;
  const mine: string[] = [];

  beforeAll(async () => {
    // Every deadline gets its job here, however far ahead, so that the job bookkeeping is checked along every path.
    system = await startTestSystem({ clock: new TestClock('2026-03-02T09:00:00+07:00'), queue: backend, workers: false, deadlineJobHorizonMs: 366 * 86_400_000 });
    await publishTestProcedure(system.db, 'test/fixtures/deadline-drill.yaml');
    officer = {
      receiver: (await login(system.ctx, 'receiver.hop-thinh', 'demo')).principal,
      specialist: (await login(system.ctx, 'specialist.hop-thinh', 'demo')).principal,
      leader: (await login(system.ctx, 'leader.hop-thinh', 'demo')).principal,
    };
  });
  afterAll(async () => {
    await system?.close();
  });

  async function file(procedureCode: '1.001612' | 'T.DEADLINE'): Promise<string> {
    const command = procedureCode === 'T.DEADLINE' ? { procedureCode, applicant: { fullName: 'Đỗ Thị Mai', idNumber: '027190004321' }, data: {} } : householdBusiness();
    const id = ((await receiveDossier(system.ctx, officer.receiver, command, null)).body as { id: string }).id;
    mine.push(id);
    return id;
  }

  const fire = (who: keyof typeof officer, id: string, type: string, data?: Record<string, unknown>) => advanceDossier(system.ctx, officer[who], id, { type, data }, null);

  /** The deadlines PostgreSQL says are live for the test's dossiers, as job ids. */
  async function liveDeadlines(): Promise<string[]> {
    const statutory = await system.db('dossiers').whereIn('id', mine).whereNotNull('due_at').whereNull('paused_at').whereNull('closed_at').select('id', 'due_at');
    const steps = await system.db('dossier_steps').whereIn('dossier_id', mine).whereNotNull('due_at').whereNull('left_at').select('id', 'due_at');
    return [...statutory.map((d) => `statutory-${d.id}-${d.due_at.getTime()}`), ...steps.map((s) => `step-${s.id}-${s.due_at.getTime()}`)].sort();
  }

  /** The deadline jobs waiting in the queue for the test's dossiers, after the relay has moved every committed row. */
  async function liveJobs(): Promise<string[]> {
    await system.relay.drain();
    const stepIds = new Set((await system.db('dossier_steps').whereIn('dossier_id', mine).pluck('id')).map(String));
    const jobs = await system.queues.deadline!.getJobs([...liveStates]);
    const ids = jobs.map((j) => j.id!).filter((id) => {
      const statutory = /^statutory-(.+)-\d+$/.exec(id);
      const step = /^step-(\d+)-\d+$/.exec(id);
      return (statutory && mine.includes(statutory[1]!)) || (step && stepIds.has(step[1]!));
    });
    return ids.sort();
  }

  async function expectOneJobPerDeadline(): Promise<string[]> {
    const live = await liveDeadlines();
    expect(await liveJobs()).toEqual(live);
    return live;
  }

  const statutoryJob = (id: string, due: string) => `statutory-${id}-${Date.parse(due)}`;

  it('start, pause, a reset the same day (same due date), form 04 and close each leave one job per live deadline', async () => {
    system.clock.set('2026-03-02T09:00:00+07:00');
    const id = await file('1.001612');
    await fire('receiver', id, 'ACCEPT'); // start: due Thursday 5 March 17:00
    expect(await expectOneJobPerDeadline()).toContain(statutoryJob(id, '2026-03-05T10:00:00Z'));
    await fire('specialist', id, 'ASK_SUPPLEMENT', { reason: 'thiếu biên bản họp gia đình' }); // pause
    expect((await expectOneJobPerDeadline()).filter((j) => j.includes(id))).toEqual([]);
    await fire('receiver', id, 'SUPPLEMENT_COMPLETE'); // reset, the same day: the same due date again
    expect(await expectOneJobPerDeadline()).toContain(statutoryJob(id, '2026-03-05T10:00:00Z'));
    system.clock.set('2026-03-05T08:00:00+07:00'); // at risk: form 04
    await issueExtension(system.ctx, officer.leader, id, { newDueDate: '2026-03-10', reason: 'cần xác minh địa điểm' });
    const extended = await expectOneJobPerDeadline();
    expect(extended).toContain(statutoryJob(id, '2026-03-10T10:00:00Z'));
    expect(extended).not.toContain(statutoryJob(id, '2026-03-05T10:00:00Z'));
    await fire('specialist', id, 'PROPOSE_REJECTION', { reason: 'ngành nghề cấm kinh doanh' });
    await fire('leader', id, 'SIGN'); // close: rejected
    expect((await expectOneJobPerDeadline()).filter((j) => j.includes(id))).toEqual([]);
  });

  it('a pause and resume spanning no working time keep the one job of the unchanged due date', async () => {
    system.clock.set('2026-03-02T09:00:00+07:00');
    const id = await file('T.DEADLINE');
    await fire('receiver', id, 'ACCEPT'); // due today 17:00
    await fire('specialist', id, 'ASK_SUPPLEMENT', { reason: 'ảnh mờ' });
    await fire('receiver', id, 'RESUME'); // the same instant: resumes, due date unchanged
    expect(await expectOneJobPerDeadline()).toContain(statutoryJob(id, '2026-03-02T10:00:00Z'));
    // A pause over the lunch break, resumed before 13:00: no working time, same date again.
    system.clock.set('2026-03-02T11:45:00+07:00');
    await fire('specialist', id, 'ASK_SUPPLEMENT', { reason: 'ảnh mờ' });
    system.clock.set('2026-03-02T12:30:00+07:00');
    await fire('receiver', id, 'RESUME');
    expect(await expectOneJobPerDeadline()).toContain(statutoryJob(id, '2026-03-02T10:00:00Z'));
    await fire('specialist', id, 'APPROVE'); // close
    expect((await expectOneJobPerDeadline()).filter((j) => j.includes(id))).toEqual([]);
  });

  it('a dossier withdrawn while waiting for the applicant keeps no job (found by the property below)', async () => {
    system.clock.set('2026-03-02T09:00:00+07:00');
    const id = await file('1.001612');
    await fire('receiver', id, 'ACCEPT');
    await fire('specialist', id, 'ASK_SUPPLEMENT', { reason: 'thiếu giấy tờ' });
    await fire('receiver', id, 'WITHDRAW', { reason: 'không kinh doanh nữa' }); // closes, and "resumes" the clock on the way out
    expect((await expectOneJobPerDeadline()).filter((j) => j.includes(id))).toEqual([]);
    expect(await liveJobs()).not.toContain(statutoryJob(id, '2026-03-05T10:00:00Z'));
  });

  it('keeps the live jobs equal to the live deadlines after any sequence of transitions (property)', async () => {
    const events = ['ACCEPT', 'ASK_SUPPLEMENT', 'SUPPLEMENT_COMPLETE', 'PROPOSE_APPROVAL', 'PROPOSE_REJECTION', 'RETURN_FOR_REVIEW', 'SIGN', 'WITHDRAW', 'EXTEND'];
    // Each command fires the first event, from a chosen place in the list on, that the dossier
    // accepts — so every command moves it — after some wall time: none, half an hour, a morning, a day, three days.
    const command = fc.record({ from: fc.nat({ max: events.length - 1 }), waitMinutes: fc.constantFrom(0, 0, 30, 240, 1440, 4320) });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 10 }), async (commands) => {
        system.clock.set('2026-03-02T09:00:00+07:00');
        mine.length = 0; // each run checks its own dossier, so that a failure shrinks to its own cause
        const id = await file('1.001612');
        for (const c of commands) {
          system.clock.advance(c.waitMinutes * 60_000);
          for (const event of [...events.slice(c.from), ...events.slice(0, c.from)]) if (await tryCommand(id, event)) break;
          await expectOneJobPerDeadline();
        }
      }),
      { numRuns: 8 },
    );
  });

  /** Fires an event as whichever officer may; false when none may (wrong state, role, or a form 04 not due), which changes nothing. */
  async function tryCommand(id: string, event: string): Promise<boolean> {
    for (const who of ['receiver', 'specialist', 'leader'] as const) {
      try {
        if (event === 'EXTEND') {
          const d = await system.db('dossiers').where({ id }).first('due_at');
          if (!d.due_at) return false;
          const next = formatLocalIso(system.calendar, new Date(d.due_at.getTime() + 24 * 3600_000)).slice(0, 10);
          await issueExtension(system.ctx, officer[who], id, { newDueDate: next, reason: 'chậm' });
        } else await fire(who, id, event, { reason: 'lý do' });
        return true;
      } catch (error) {
        if (!isMotcuaError(error)) throw error;
      }
    }
    return false;
  }
}

describe('deadline jobs along every clock path, PostgreSQL queue backend', () => clockPathSuite('postgres'));
describeWithRedis('deadline jobs along every clock path, Redis queue backend', () => clockPathSuite('redis'));
