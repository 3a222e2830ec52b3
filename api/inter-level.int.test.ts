// Commune ⇄ province through the real handoff worker: a first land-use
// certificate filed at a commune, registered by the Land Registration Office,
// signed by the commune chairman (Decree 151/2025 art. 5.1.h) and returned at
// the commune desk; a commune-level procedure filed at commune A
// by a resident of commune B, decided by B and returned at A. On both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

function interLevelSuite(backend: 'postgres' | 'redis'): void {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ queue: backend });
  });
  afterAll(async () => {
    await system?.close();
  });

  const as = (username: string) => ApiClient.login(system.url, username);
  async function stateOf(client: ApiClient, id: string): Promise<string> {
    return (await client.get(`/v1/dossiers/${id}`)).body.state;
  }

  it('a land-use certificate goes from commune A to the Land Registration Office and back to be signed, each unit timed', async () => {
    let receiver!: ApiClient, office!: ApiClient, chairman!: ApiClient;
    // Sessions last 12 hours of clock time: log in again after each jump.
    const at = async (time: string) => {
      system.clock.set(time);
      [receiver, office, chairman] = [await as('receiver.hop-thinh'), await as('specialist.vpdk-dat-dai'), await as('leader.hop-thinh')];
    };
    await at('2026-03-02T09:00:00+07:00'); // Monday
    const created = await receiver.post('/v1/dossiers', {
      procedureCode: '1.012753',
      applicant: { fullName: 'Dương Văn Xuân', idNumber: '027070001313' },
      data: { applicant: { fullName: 'Dương Văn Xuân', idNumber: '027070001313' }, parcel: { commune: 'hop-thinh', sheet: 21, number: 102, areaM2: 312.4 } },
    });
    // The commune of the parcel decides (its chairman signs); the office only registers.
    expect(created.body).toMatchObject({ competentUnit: 'hop-thinh', currentUnit: 'hop-thinh', returnUnit: 'hop-thinh' });
    const id = created.body.id;
    // The office neither sees nor acts on it before it arrives.
    expect((await office.get(`/v1/dossiers/${id}`)).status).toBe(404);

    await at('2026-03-02T10:00:00+07:00');
    const accepted = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' });
    expect(accepted.body).toMatchObject({ state: 'transfer', statusCode: 2, stepDueAt: '2026-03-02T10:00:00.000Z' });
    // The handoff worker delivers it; the office's worklist shows it.
    await expect.poll(() => stateOf(receiver, id), { timeout: 30_000 }).toBe('arrived-at-land-office');
    const worklist = await office.get('/v1/dossiers');
    expect(worklist.body.items.map((d: { id: string }) => d.id)).toContain(id);
    const arrived = await office.get(`/v1/dossiers/${id}`);
    expect(arrived.body).toMatchObject({ currentUnit: 'vpdk-dat-dai', statusCode: 2 });
    expect(arrived.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['ACKNOWLEDGE']);

    await at('2026-03-02T14:00:00+07:00');
    expect((await office.post(`/v1/dossiers/${id}/events`, { type: 'ACKNOWLEDGE' })).body.state).toBe('review');
    await at('2026-03-04T10:00:00+07:00');
    expect((await office.post(`/v1/dossiers/${id}/events`, { type: 'PROPOSE_APPROVAL' })).body.state).toBe('transfer-to-commune');
    await expect.poll(() => stateOf(receiver, id), { timeout: 30_000 }).toBe('signature');
    await at('2026-03-05T09:00:00+07:00');
    expect((await chairman.post(`/v1/dossiers/${id}/events`, { type: 'SIGN' })).body.state).toBe('return-transfer');
    await expect.poll(() => stateOf(receiver, id), { timeout: 30_000 }).toBe('result-arrived');
    await at('2026-03-05T11:00:00+07:00');
    expect((await receiver.post(`/v1/dossiers/${id}/events`, { type: 'ACKNOWLEDGE' })).body).toMatchObject({ state: 'result-ready', currentUnit: 'hop-thinh' });
    await at('2026-03-06T08:00:00+07:00');
    const returned = await receiver.post(`/v1/dossiers/${id}/events`, { type: 'HAND_OVER' });
    expect(returned.body).toMatchObject({ state: 'returned', statusCode: 10, outcome: 'approved' });

    const history = await receiver.get(`/v1/dossiers/${id}/history`);
    expect(history.body.chainIntact).toBe(true);
    expect(history.body.events.filter((e: { type: string }) => !['DUE_DATE_CHANGED'].includes(e.type)).map((e: { type: string; actorRole: string; toState: string; payload: { currentUnit?: string } }) => [e.type, e.actorRole, e.toState, e.payload.currentUnit])).toEqual([
      ['RECEIVED', 'receiver', 'reception', 'hop-thinh'],
      ['ACCEPT', 'receiver', 'transfer', 'hop-thinh'],
      ['HANDOFF_DELIVERED', 'system', 'arrived-at-land-office', 'vpdk-dat-dai'],
      ['ACKNOWLEDGE', 'specialist', 'review', 'vpdk-dat-dai'],
      ['PROPOSE_APPROVAL', 'specialist', 'transfer-to-commune', 'vpdk-dat-dai'],
      ['HANDOFF_DELIVERED', 'system', 'signature', 'hop-thinh'],
      ['SIGN', 'leader', 'return-transfer', 'hop-thinh'],
      ['HANDOFF_DELIVERED', 'system', 'result-arrived', 'hop-thinh'],
      ['ACKNOWLEDGE', 'receiver', 'result-ready', 'hop-thinh'],
      ['HAND_OVER', 'receiver', 'returned', 'hop-thinh'],
    ]);
    expect(history.body.events.find((e: { type: string }) => e.type === 'HANDOFF_DELIVERED').payload.input).toEqual({ from: 'hop-thinh', to: { unit: 'vpdk-dat-dai' } });

    // Working time (07:30–11:30, 13:00–17:00) per visit and unit; delivery took no clock time here.
    const time = await receiver.get(`/v1/dossiers/${id}/time-by-unit`);
    expect(time.body.visits.map((v: { state: string; unit: string; workingMinutes: number; late: boolean }) => [v.state, v.unit, v.workingMinutes, v.late])).toEqual([
      ['reception', 'hop-thinh', 60, false],
      ['transfer', 'hop-thinh', 0, false],
      ['arrived-at-land-office', 'vpdk-dat-dai', 150, false], // Mon 10:00–14:00 less lunch
      ['review', 'vpdk-dat-dai', 810, false], // Mon 14:00 → Wed 10:00
      ['transfer-to-commune', 'vpdk-dat-dai', 0, false],
      ['signature', 'hop-thinh', 420, false], // Wed 10:00 → Thu 09:00
      ['return-transfer', 'hop-thinh', 0, false],
      ['result-arrived', 'hop-thinh', 120, false], // Thu 09:00–11:00
      ['result-ready', 'hop-thinh', 300, false], // Thu 11:00 → Fri 08:00
    ]);
    expect(time.body.units).toEqual([
      { unit: 'hop-thinh', workingMinutes: 900, lateVisits: 0 },
      { unit: 'vpdk-dat-dai', workingMinutes: 960, lateVisits: 0 },
    ]);
  });

  it('a resident of commune B files at commune A: B decides, A returns the result', async () => {
    system.clock.set('2026-03-09T09:00:00+07:00');
    const deskA = await as('receiver.hop-thinh');
    const deskB = await as('receiver.tu-son');
    const specialistB = await as('specialist.tu-son');
    const leaderB = await as('leader.tu-son');
    const created = await deskA.post('/v1/dossiers', {
      procedureCode: '1.004222',
      applicant: { fullName: 'Lê Thị Thu', idNumber: '027195001818' },
      data: { applicant: { fullName: 'Lê Thị Thu', idNumber: '027195001818' }, residence: { commune: 'tu-son', address: 'Số 9, Phố Minh Khai', basis: 'owner' } },
    });
    expect(created.body).toMatchObject({ receivingUnit: 'hop-thinh', competentUnit: 'tu-son', currentUnit: 'hop-thinh' });
    const id = created.body.id;
    await deskA.post(`/v1/dossiers/${id}/events`, { type: 'ACCEPT' });
    await expect.poll(() => stateOf(deskA, id), { timeout: 30_000 }).toBe('arrived');
    expect((await deskB.post(`/v1/dossiers/${id}/events`, { type: 'ACKNOWLEDGE' })).body).toMatchObject({ state: 'verification', currentUnit: 'tu-son' });
    expect((await specialistB.post(`/v1/dossiers/${id}/events`, { type: 'PROPOSE_APPROVAL' })).body.state).toBe('approval');
    expect((await leaderB.post(`/v1/dossiers/${id}/events`, { type: 'APPROVE' })).body.state).toBe('return-transfer');
    await expect.poll(() => stateOf(deskA, id), { timeout: 30_000 }).toBe('result-arrived');
    expect((await deskA.post(`/v1/dossiers/${id}/events`, { type: 'ACKNOWLEDGE' })).body).toMatchObject({ state: 'result-ready', currentUnit: 'hop-thinh' });
    expect((await deskA.post(`/v1/dossiers/${id}/events`, { type: 'HAND_OVER' })).body).toMatchObject({ state: 'returned', outcome: 'approved' });
    const history = await deskA.get(`/v1/dossiers/${id}/history`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'HANDOFF_DELIVERED').map((e: { payload: { input: unknown } }) => e.payload.input)).toEqual([
      { from: 'hop-thinh', to: { unit: 'tu-son' } },
      { from: 'tu-son', to: { unit: 'hop-thinh' } },
    ]);
  });
}

describe('inter-level handoffs on the PostgreSQL queue backend', () => interLevelSuite('postgres'));
describeWithRedis('inter-level handoffs on the Redis queue backend', () => interLevelSuite('redis'));
