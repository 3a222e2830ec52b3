// The desk's worklist: what waits on my unit and role, most urgent first, found
// by receipt code or by name without accents; claims, releases and assignments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let receiver: ApiClient;
let specialist: ApiClient;
let leader: ApiClient;
const ids: Record<string, string> = {};

function filed(fullName: string) {
  const request = birthRegistration();
  return { ...request, applicant: { ...request.applicant, fullName } };
}

const summary = (items: Array<{ receiptCode: string; overdue: boolean; atRisk: boolean; availableEvents: Array<{ type: string }> }>) =>
  items.map((i) => [i.receiptCode, i.overdue, i.atRisk, i.availableEvents.map((e) => e.type).join(' ')]);

beforeAll(async () => {
  system = await startTestSystem({ workers: false });
  system.clock.set('2026-03-02T09:00:00+07:00'); // Monday
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
  leader = await ApiClient.login(system.url, 'leader.hop-thinh');
  // Due Monday 17:00: overdue by Tuesday.
  ids.an = (await receiver.post('/v1/dossiers', filed('Nguyễn Văn An'))).body.id;
  await receiver.post(`/v1/dossiers/${ids.an}/events`, { type: 'ACCEPT' });
  system.clock.set('2026-03-03T09:00:00+07:00'); // Tuesday: due today 17:00
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  ids.binh = (await receiver.post('/v1/dossiers', filed('Trần Thị Bình'))).body.id;
  await receiver.post(`/v1/dossiers/${ids.binh}/events`, { type: 'ACCEPT' });
  system.clock.set('2026-03-03T15:30:00+07:00'); // after 15:00: due Wednesday 17:00
  ids.anh = (await receiver.post('/v1/dossiers', filed('Đặng Đức Anh'))).body.id;
  await receiver.post(`/v1/dossiers/${ids.anh}/events`, { type: 'ACCEPT' });
  ids.cuong = (await receiver.post('/v1/dossiers', filed('Lê Cường'))).body.id; // still at reception
  // Sessions last 12 hours of (test) clock time: log in again now.
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
  leader = await ApiClient.login(system.url, 'leader.hop-thinh');
});
afterAll(async () => {
  await system?.close();
});

describe('GET /v1/worklist', () => {
  it('lists what waits on my unit and role, overdue first, then at risk, then by due date, with the actions', async () => {
    const forReceiver = await receiver.get('/v1/worklist');
    expect(summary(forReceiver.body.items)).toEqual([
      ['H04.101-260302-0001', true, false, 'WITHDRAW'],
      ['H04.101-260303-0001', false, true, 'WITHDRAW'],
      ['H04.101-260303-0002', false, false, 'WITHDRAW'],
      ['H04.101-260303-0003', false, false, 'ACCEPT ASK_SUPPLEMENT REFUSE'],
    ]);
    expect(summary((await specialist.get('/v1/worklist')).body.items)).toEqual([
      ['H04.101-260302-0001', true, false, 'PROPOSE_APPROVAL PROPOSE_REJECTION'],
      ['H04.101-260303-0001', false, true, 'PROPOSE_APPROVAL PROPOSE_REJECTION'],
      ['H04.101-260303-0002', false, false, 'PROPOSE_APPROVAL PROPOSE_REJECTION'],
    ]);
    // Nothing waits on the leader until a proposal arrives; nothing at another commune.
    expect((await leader.get('/v1/worklist')).body.items).toEqual([]);
    expect((await (await ApiClient.login(system.url, 'receiver.tu-son')).get('/v1/worklist')).body.items).toEqual([]);
  });

  it('finds dossiers by applicant name without accents, by receipt code and by procedure', async () => {
    const codes = async (query: string) => (await receiver.get(`/v1/worklist${query}`)).body.items.map((i: { receiptCode: string }) => i.receiptCode);
    expect(await codes('?q=nguyen%20van%20an')).toEqual(['H04.101-260302-0001']);
    expect(await codes(`?q=${encodeURIComponent('NGUYỄN văn')}`)).toEqual(['H04.101-260302-0001']);
    expect(await codes('?q=dang%20duc')).toEqual(['H04.101-260303-0002']);
    expect(await codes('?q=tran%20thi%20binh')).toEqual(['H04.101-260303-0001']);
    expect(await codes('?q=260303-0003')).toEqual(['H04.101-260303-0003']);
    expect(await codes('?q=100%25')).toEqual([]);
    expect(await codes('?procedure=1.001193&q=le%20cuong')).toEqual(['H04.101-260303-0003']);
    expect(await codes('?procedure=2.000000')).toEqual([]);
  });
});

describe('claims', () => {
  it('an officer claims, a leader reassigns within the unit, the holder releases; each is an audit event', async () => {
    const claimed = await specialist.post(`/v1/dossiers/${ids.binh}/claim`);
    expect(claimed.body).toEqual({ dossierId: ids.binh, receiptCode: 'H04.101-260303-0001', claim: { username: 'specialist.hop-thinh', claimedAt: '2026-03-03T08:30:00.000Z' } });
    const item = (await specialist.get('/v1/worklist?q=260303-0001')).body.items[0];
    expect(item.claim).toEqual({ username: 'specialist.hop-thinh', claimedAt: '2026-03-03T08:30:00.000Z' });

    const taken = await receiver.post(`/v1/dossiers/${ids.binh}/claim`);
    expect([taken.status, taken.body.code, taken.body.detail]).toEqual([409, 'claim.conflict', 'dossier H04.101-260303-0001 is claimed by specialist.hop-thinh; they release it, or a leader of hop-thinh reassigns it']);
    const notLeader = await specialist.post(`/v1/dossiers/${ids.binh}/assign`, { username: 'receiver.hop-thinh' });
    expect([notLeader.status, notLeader.body.detail]).toEqual([403, 'assigning a dossier needs the role leader; you are specialist at hop-thinh']);
    const outside = await leader.post(`/v1/dossiers/${ids.binh}/assign`, { username: 'specialist.tu-son' });
    expect([outside.status, outside.body.detail]).toEqual([400, "'specialist.tu-son' is not an active officer (receiver, specialist or leader) of hop-thinh; a leader assigns within the unit"]);
    const assigned = await leader.post(`/v1/dossiers/${ids.binh}/assign`, { username: 'receiver.hop-thinh' });
    expect(assigned.body.claim.username).toBe('receiver.hop-thinh');
    const released = await receiver.post(`/v1/dossiers/${ids.binh}/release`);
    expect(released.body.claim).toBeNull();
    const otherCommune = await (await ApiClient.login(system.url, 'specialist.tu-son')).post(`/v1/dossiers/${ids.binh}/claim`);
    expect(otherCommune.status).toBe(404);

    const history = (await receiver.get(`/v1/dossiers/${ids.binh}/history`)).body;
    expect(history.chainIntact).toBe(true);
    expect(history.events.slice(-3).map((e: { type: string; actorRole: string; payload: unknown }) => [e.type, e.actorRole, e.payload])).toEqual([
      ['CLAIMED', 'specialist', { username: 'specialist.hop-thinh' }],
      ['ASSIGNED', 'leader', { username: 'receiver.hop-thinh', from: 'specialist.hop-thinh' }],
      ['RELEASED', 'receiver', { username: 'receiver.hop-thinh' }],
    ]);
    // A claim changes no state: the dossier's version is unchanged and events still apply.
    expect((await specialist.post(`/v1/dossiers/${ids.binh}/events`, { type: 'PROPOSE_APPROVAL', expectedVersion: 2 })).status).toBe(200);
  });
});
