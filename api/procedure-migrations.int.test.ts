// Migrations cannot skip the law: never within one version, never into a final
// state, never forwards past a transition nobody fired (the dry run names what
// a mapping would skip); the target state is entered as a transition enters it
// (clock paused or resumed, step due dates, handoffs to a connector, the
// applicant told); an apply is a proposal that another person approves, run
// then against the data of that moment, all or nothing, audited.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyEvent } from '../engine/service/advance-dossier.ts';
import { lockDossier } from '../engine/store/dossier-store.ts';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { householdBusiness } from '../test/household-business.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let author: ApiClient;
let admin: ApiClient;

// Workers stay off: the outbox rows a migration writes are read where they are.
beforeAll(async () => {
  system = await startTestSystem({ workers: false });
  system.clock.set('2026-03-02T09:00:00+07:00'); // Monday
  author = await ApiClient.login(system.url, 'author.bac-ninh');
  admin = await ApiClient.login(system.url, 'admin');
});
afterAll(async () => {
  await system?.close();
});

async function as(username: string): Promise<ApiClient> {
  return ApiClient.login(system.url, username);
}

async function fire(id: string, steps: Array<[string, string, Record<string, unknown>?]>): Promise<void> {
  for (const [username, type, data] of steps) {
    const res = await (await as(username)).post(`/v1/dossiers/${id}/events`, { type, data });
    if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

async function publish(file: string, text: string, code: string, version: number): Promise<void> {
  const draft = await author.request('POST', `/v1/procedures?file=${file}`, text, { 'content-type': 'application/yaml' });
  expect(draft.status).toBe(201);
  expect((await author.post(`/v1/procedures/${code}/versions/${version}/publish`)).status).toBe(200);
}

const withoutScenarios = (text: string) => text.replace(/\nscenarios: .*\n/, '\n');

it('refuses moving accepted birth dossiers past the proposal and the signature, within one version or into the next, and into a final state', async () => {
  const receiver = await as('receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  await fire(created.body.id, [['receiver.hop-thinh', 'ACCEPT']]);

  const sameVersion = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 1, stateMap: { processing: 'result-ready' }, dryRun: false });
  expect(sameVersion.status).toBe(422);
  expect(sameVersion.body).toMatchObject({ code: 'migration.invalid', detail: 'fromVersion and toVersion are both 1: a migration moves dossiers between two versions; within one version a dossier moves only by the events its definition allows' });

  await publish('procedures/birth-registration-v2.yaml', withoutScenarios(readFileSync('procedures/birth-registration.yaml', 'utf8')).replace('version: 1\n', 'version: 2\n'), '1.001193', 2);
  const skipping = "moving 'processing' to 'result-ready' would skip PROPOSE_APPROVAL in 'processing' (specialist), then SIGN in 'signature' (leader), which nobody fired; map 'processing' to its counterpart in version 2 or to an earlier state to redo the work";
  const dry = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 2, stateMap: { processing: 'result-ready' }, dryRun: true });
  expect(dry.status).toBe(200);
  expect(dry.body.mappings).toEqual([
    { from: 'processing', to: 'result-ready', move: 'forwards', skips: [{ state: 'processing', event: 'PROPOSE_APPROVAL', roles: ['specialist'] }, { state: 'signature', event: 'SIGN', roles: ['leader'] }], problem: skipping },
  ]);
  expect(dry.body.problems).toEqual([{ dossierId: created.body.id, receiptCode: created.body.receiptCode, problem: skipping }]);
  const forwards = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 2, stateMap: { processing: 'result-ready' }, dryRun: false });
  expect(forwards.status).toBe(409);
  expect(forwards.body).toMatchObject({ code: 'migration.refused', detail: `the migration to version 2 cannot be applied; nothing was changed: processing → result-ready: ${skipping}; ${created.body.receiptCode}: ${skipping}` });

  const final = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 2, stateMap: { processing: 'returned' }, dryRun: false });
  expect(final.status).toBe(409);
  expect(final.body.mappings[0]).toMatchObject({ move: 'final', problem: "state 'returned' of version 2 is final (outcome approved); only a transition closes a dossier — map 'processing' to its counterpart or to an earlier state" });
  expect((await receiver.get(`/v1/dossiers/${created.body.id}`)).body).toMatchObject({ procedureVersion: 1, state: 'processing', statusCode: 4, version: 2 });
  expect(await system.db('procedure_migrations').orderBy('id').pluck('status')).toEqual(['dry-run']);
});

it('enters each target as a transition would — resuming or pausing the clock, handing over to the connector again — once a second person approves it', async () => {
  system.clock.set('2026-03-02T09:00:00+07:00');
  author = await as('author.bac-ninh');
  let receiver = await as('receiver.hop-thinh');
  const file = async (name: string) => (await receiver.post('/v1/dossiers', householdBusiness(name))).body as { id: string; receiptCode: string };
  const waiting = await file('Tạp hóa Minh Châu');
  const signing = await file('Quán cơm Hòa Bình');
  const registry = await file('Tiệm may Thu Hà');
  const appraised = await file('Cửa hàng Đức Anh');
  for (const d of [waiting, signing, registry, appraised]) await fire(d.id, [['receiver.hop-thinh', 'ACCEPT']]); // due Thursday 5 March 17:00
  system.clock.set('2026-03-02T10:00:00+07:00');
  await fire(waiting.id, [['specialist.hop-thinh', 'ASK_SUPPLEMENT', { reason: 'thiếu hợp đồng thuê nhà' }]]); // paused Monday 10:00
  await fire(signing.id, [['specialist.hop-thinh', 'PROPOSE_APPROVAL']]);
  await fire(registry.id, [['specialist.hop-thinh', 'PROPOSE_APPROVAL'], ['leader.hop-thinh', 'SIGN']]);
  await system.db.transaction(async (trx) => applyEvent(system.ctx, trx, (await lockDossier(trx, registry.id))!, { type: 'HANDOFF_DELIVERED' }, { role: 'system', unit: 'hop-thinh' }, null));

  await publish('procedures/household-business-registration-v3.yaml', withoutScenarios(readFileSync('procedures/household-business-registration.yaml', 'utf8')).replace('version: 2\n', 'version: 3\n'), '1.001612', 3);
  system.clock.set('2026-03-03T10:00:00+07:00'); // Tuesday
  author = await as('author.bac-ninh');
  admin = await as('admin');
  const stateMap = { 'awaiting-supplement-in-appraisal': 'appraisal', signature: 'awaiting-supplement-in-appraisal', 'awaiting-registry': 'registry-transfer' };
  const command = { fromVersion: 2, toVersion: 3, stateMap, dryRun: false };

  receiver = await as('receiver.hop-thinh');
  // A proposal moves nothing; a receiver cannot approve, nor can its author.
  const stale = await author.post('/v1/procedures/1.001612/migrations', command);
  expect(stale.status).toBe(202);
  expect(stale.body).toMatchObject({ status: 'proposed', applied: false, problems: [] });
  expect(stale.body.mappings.map((m: { move: string }) => m.move)).toEqual(['backwards', 'backwards', 'backwards']);
  expect((await receiver.post(`/v1/procedures/1.001612/migrations/${stale.body.migrationId}/approve`)).status).toBe(403);
  const self = await author.post(`/v1/procedures/1.001612/migrations/${stale.body.migrationId}/approve`);
  expect(self.status).toBe(403);
  expect(self.body).toMatchObject({ code: 'migration.self-approval', detail: `you proposed migration ${stale.body.migrationId}; another author or an admin must approve it` });
  // A dossier moves before the approval: the approved plan no longer holds.
  await fire(appraised.id, [['specialist.hop-thinh', 'PROPOSE_APPROVAL']]);
  const refused = await admin.post(`/v1/procedures/1.001612/migrations/${stale.body.migrationId}/approve`);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ code: 'migration.stale', detail: `the dossiers changed since migration ${stale.body.migrationId} was proposed; nothing was changed: ${appraised.receiptCode} is now in 'signature' (proposed: 'appraisal' → 'appraisal'); propose the migration again` });
  expect((await receiver.get(`/v1/dossiers/${waiting.id}`)).body).toMatchObject({ procedureVersion: 2, state: 'awaiting-supplement-in-appraisal' });

  const proposal = await author.post('/v1/procedures/1.001612/migrations', command);
  expect(proposal.status).toBe(202);
  expect(proposal.headers.get('location')).toBe(`/v1/procedures/1.001612/migrations/${proposal.body.migrationId}`);
  // The approver reviews the plan first.
  const review = await admin.get(`/v1/procedures/1.001612/migrations/${proposal.body.migrationId}`);
  expect(review.body).toMatchObject({ migrationId: proposal.body.migrationId, status: 'proposed', stateMap, proposedBy: 'author.bac-ninh', proposedAt: '2026-03-03T03:00:00.000Z', approvedBy: null, appliedReport: null });
  expect(review.body.report.dossiers.map((d: { receiptCode: string; fromState: string; toState: string }) => [d.receiptCode, d.fromState, d.toState]).filter(([code]: string[]) => code !== appraised.receiptCode)).toEqual([
    [waiting.receiptCode, 'awaiting-supplement-in-appraisal', 'appraisal'],
    [signing.receiptCode, 'signature', 'awaiting-supplement-in-appraisal'],
    [registry.receiptCode, 'awaiting-registry', 'registry-transfer'],
  ]);
  const applied = await admin.post(`/v1/procedures/1.001612/migrations/${proposal.body.migrationId}/approve`);
  expect(applied.status).toBe(200);
  expect(applied.body).toMatchObject({ status: 'applied', applied: true, problems: [] });
  const again = await admin.post(`/v1/procedures/1.001612/migrations/${proposal.body.migrationId}/approve`);
  expect(again.body).toMatchObject({ code: 'migration.not-pending', detail: `migration ${proposal.body.migrationId} is already applied; only a proposal (dryRun: false) can be approved` });
  expect((await admin.post('/v1/procedures/1.001612/migrations/999999/approve')).status).toBe(404);
  expect((await admin.get(`/v1/procedures/1.001612/migrations/${proposal.body.migrationId}`)).body).toMatchObject({ status: 'applied', approvedBy: 'admin', approvedAt: '2026-03-03T03:00:00.000Z', appliedReport: { status: 'applied', applied: true } });

  // Waited Monday 10:00 → Tuesday 10:00 (8 working hours): the clock resumes and the due date moves a day.
  expect((await receiver.get(`/v1/dossiers/${waiting.id}`)).body).toMatchObject({ procedureVersion: 3, state: 'appraisal', statusCode: 4, clockPaused: false, dueAt: '2026-03-06T10:00:00.000Z', stepDueAt: '2026-03-05T10:00:00.000Z' });
  // Back to wait for the applicant: the clock pauses, not overdue while they hold it.
  expect((await receiver.get(`/v1/dossiers/${signing.id}`)).body).toMatchObject({ procedureVersion: 3, state: 'awaiting-supplement-in-appraisal', statusCode: 5, clockPaused: true, dueAt: '2026-03-05T10:00:00.000Z' });
  // Back into the connector handoff: a new visit, and the handoff goes out again.
  const visit = await system.db('dossier_steps').where({ dossier_id: registry.id, state: 'registry-transfer' }).whereNull('left_at').first('id');
  expect(visit).toBeDefined();
  const since = new Date('2026-03-03T03:00:00Z');
  const rows = await system.db('outbox').where('created_at', '>=', since).orderBy('id').select('dossier_id', 'topic', 'payload');
  expect(rows.filter((r) => r.dossier_id === registry.id && r.topic === 'handoff').map((r) => r.payload)).toEqual([{ state: 'registry-transfer', from: 'hop-thinh', to: { connector: 'national-business-registry' }, stepId: visit.id }]);
  expect(rows.filter((r) => r.dossier_id === signing.id).map((r) => [r.topic, r.payload.kind ?? r.payload.statusCode])).toEqual([['notify', 5], ['deadline-cancel', 'step'], ['deadline-cancel', 'statutory']]);
  expect(rows.filter((r) => r.dossier_id === waiting.id && r.topic === 'deadline').map((r) => [r.payload.kind, r.payload.dueAt]).sort()).toEqual([['statutory', '2026-03-06T10:00:00.000Z'], ['step', '2026-03-05T10:00:00.000Z']]);

  const history = await receiver.get(`/v1/dossiers/${waiting.id}/history`);
  expect(history.body.chainIntact).toBe(true);
  expect(history.body.events.slice(-2).map((e: { type: string; actorRole: string; payload: Record<string, unknown> }) => [e.type, e.actorRole, e.type === 'MIGRATED' ? e.payload.moves : e.payload.reason])).toEqual([
    ['MIGRATED', 'admin', [{ from: 'awaiting-supplement-in-appraisal', to: 'appraisal', move: 'backwards', entered: true }]],
    ['DUE_DATE_CHANGED', 'admin', 'clock-resumed'],
  ]);
  const audit = await system.db('procedure_migrations').where({ code: '1.001612' }).orderBy('id').select('status', 'actor_id', 'approved_by');
  const ids = await system.db('users').whereIn('username', ['author.bac-ninh', 'admin']).orderBy('username').pluck('id');
  expect(audit).toEqual([
    { status: 'proposed', actor_id: ids[1], approved_by: null },
    { status: 'applied', actor_id: ids[1], approved_by: ids[0] },
  ]);
});
