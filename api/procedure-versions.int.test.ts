// Versions: a draft with positioned errors or stored; publishing makes it the
// version new dossiers use while dossiers in flight stay pinned to theirs;
// moving them is explicit — a dry run, then an apply — and both are audited.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let author: ApiClient;
let receiver: ApiClient;
let specialist: ApiClient;
let leader: ApiClient;

// Version 2 renames 'processing' to 'examination' and gives it a 4-hour budget.
const v1 = readFileSync('procedures/birth-registration.yaml', 'utf8');
const v2 = v1
  .replace('version: 1\nscenarios: birth-registration.scenarios.yaml', 'version: 2')
  .replace(/processing(?!Time)/g, 'examination')
  .replace('    unit: competent\n    status: 4\n    citizenText: { vi: Đang xử lý, en: In progress }\n', '    unit: competent\n    status: 4\n    budget: { workingHours: 4 }\n    citizenText: { vi: Đang xử lý, en: In progress }\n');

beforeAll(async () => {
  system = await startTestSystem();
  system.clock.set('2026-03-02T08:00:00+07:00');
  author = await ApiClient.login(system.url, 'author.bac-ninh');
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
  leader = await ApiClient.login(system.url, 'leader.hop-thinh');
});
afterAll(async () => {
  await system?.close();
});

const postYaml = (client: ApiClient, text: string) => client.request('POST', '/v1/procedures?file=procedures/birth-registration-v2.yaml', text, { 'content-type': 'application/yaml' });

it('refuses an invalid draft with every problem at file:line:col, and stores nothing', async () => {
  const broken = v2.replace('target: signature\n', 'target: signatur\n').replace('roles: [receiver, specialist, leader]', 'roles: [receiver, specialist]');
  const res = await postYaml(author, broken);
  expect(res.status).toBe(422);
  expect(res.body.diagnostics.map((d: { text: string }) => d.text)).toEqual([
    "procedures/birth-registration-v2.yaml:130:17: unknown target state 'signatur' in transition PROPOSE_APPROVAL of state 'examination'; did you mean signature?",
    "procedures/birth-registration-v2.yaml:147:3: state 'signature' is unreachable: no transition leads to it from 'reception'; add one or remove the state",
    "procedures/birth-registration-v2.yaml:153:79: unknown role 'leader' in transition SIGN of state 'signature'; declare it under roles: [receiver, specialist, leader]",
    "procedures/birth-registration-v2.yaml:154:114: unknown role 'leader' in transition RETURN_FOR_REVIEW of state 'signature'; declare it under roles: [receiver, specialist, leader]",
    "procedures/birth-registration-v2.yaml:162:75: unknown role 'leader' in transition SIGN of state 'signature-of-rejection'; declare it under roles: [receiver, specialist, leader]",
    "procedures/birth-registration-v2.yaml:163:114: unknown role 'leader' in transition RETURN_FOR_REVIEW of state 'signature-of-rejection'; declare it under roles: [receiver, specialist, leader]",
    "procedures/birth-registration-v2.yaml:165:3: state 'result-ready' is unreachable: no transition leads to it from 'reception'; add one or remove the state",
    "procedures/birth-registration-v2.yaml:173:3: state 'returned' is unreachable: no transition leads to it from 'reception'; add one or remove the state",
  ]);
  expect((await author.get('/v1/procedures/1.001193/versions')).body.items.map((v: { version: number }) => v.version)).toEqual([1]);
  expect((await receiver.request('POST', '/v1/procedures', v2, { 'content-type': 'application/yaml' })).status).toBe(403);
});

it('keeps dossiers in flight on their version, and moves them only when told, dry run first', async () => {
  const onV1 = await receiver.post('/v1/dossiers', birthRegistration());
  await receiver.post(`/v1/dossiers/${onV1.body.id}/events`, { type: 'ACCEPT' });
  const finishing = await receiver.post('/v1/dossiers', birthRegistration());
  await receiver.post(`/v1/dossiers/${finishing.body.id}/events`, { type: 'ACCEPT' });

  const draft = await postYaml(author, v2);
  expect(draft.status).toBe(201);
  expect(draft.body).toMatchObject({ code: '1.001193', version: 2, status: 'draft' });
  // A draft is not used for reception.
  expect((await receiver.post('/v1/dossiers', birthRegistration())).body.procedureVersion).toBe(1);
  const published = await author.post('/v1/procedures/1.001193/versions/2/publish');
  expect(published.body).toMatchObject({ version: 2, status: 'published', publishedAt: '2026-03-02T01:00:00.000Z' });
  expect((await author.post('/v1/procedures/1.001193/versions/2/publish')).status).toBe(409);
  expect((await postYaml(author, v2)).status).toBe(409);
  expect((await receiver.post('/v1/dossiers', birthRegistration())).body.procedureVersion).toBe(2);

  // A v1 dossier finishes on v1.
  for (const [client, type] of [[specialist, 'PROPOSE_APPROVAL'], [leader, 'SIGN'], [receiver, 'HAND_OVER']] as const)
    await client.post(`/v1/dossiers/${finishing.body.id}/events`, { type });
  expect((await receiver.get(`/v1/dossiers/${finishing.body.id}`)).body).toMatchObject({ procedureVersion: 1, state: 'returned' });

  // Without a map, 'processing' has no place in v2.
  const unmapped = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 2, dryRun: true });
  expect(unmapped.body.problems.map((p: { problem: string }) => p.problem)).toContain(`state 'processing' does not exist in version 2; map it with stateMap, e.g. {"processing": "<state of version 2>"}`);
  const failedApply = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 2, dryRun: false });
  expect(failedApply.status).toBe(409);
  expect(failedApply.body.code).toBe('migration.refused');

  system.clock.set('2026-03-02T09:00:00+07:00');
  const dry = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 2, dryRun: true, stateMap: { processing: 'examination' } });
  const planned = dry.body.dossiers.find((d: { dossierId: string }) => d.dossierId === onV1.body.id);
  expect(planned).toMatchObject({ fromState: 'processing', toState: 'examination', fromStatus: 4, toStatus: 4, toUnit: 'hop-thinh' });
  // The step entered at 08:00 gets v2's 4-hour budget: 08:00–11:30, then 13:00–13:30.
  expect(planned.stepChanges).toEqual([{ stepId: expect.any(Number), fromState: 'processing', toState: 'examination', dueFrom: null, dueTo: '2026-03-02T06:30:00.000Z' }]);
  expect((await receiver.get(`/v1/dossiers/${onV1.body.id}`)).body).toMatchObject({ procedureVersion: 1, state: 'processing' });

  const proposed = await author.post('/v1/procedures/1.001193/migrations', { fromVersion: 1, toVersion: 2, dryRun: false, stateMap: { processing: 'examination' } });
  expect(proposed.status).toBe(202);
  expect(proposed.body).toMatchObject({ status: 'proposed', applied: false, problems: [] });
  expect((await receiver.get(`/v1/dossiers/${onV1.body.id}`)).body).toMatchObject({ procedureVersion: 1, state: 'processing' });
  const admin = await ApiClient.login(system.url, 'admin');
  const applied = await admin.post(`/v1/procedures/1.001193/migrations/${proposed.body.migrationId}/approve`);
  expect(applied.body).toMatchObject({ status: 'applied', applied: true, problems: [] });
  const moved = await specialist.get(`/v1/dossiers/${onV1.body.id}`);
  expect(moved.body).toMatchObject({ procedureVersion: 2, state: 'examination', stepDueAt: '2026-03-02T06:30:00.000Z', dueAt: '2026-03-02T10:00:00.000Z' });
  expect(moved.body.availableEvents.map((e: { type: string }) => e.type)).toEqual(['PROPOSE_APPROVAL', 'PROPOSE_REJECTION']);
  const history = await specialist.get(`/v1/dossiers/${onV1.body.id}/history`);
  expect(history.body.events.at(-1)).toMatchObject({ type: 'MIGRATED', fromState: 'processing', toState: 'examination', actorRole: 'admin', payload: { fromVersion: 1, toVersion: 2, migrationId: proposed.body.migrationId } });
  expect(history.body.chainIntact).toBe(true);
  // The dossier carries on under v2.
  expect((await specialist.post(`/v1/dossiers/${onV1.body.id}/events`, { type: 'PROPOSE_APPROVAL' })).body.state).toBe('signature');
  const audit = await system.db('procedure_migrations').orderBy('id').select('status', 'from_version', 'to_version', 'state_map');
  expect(audit).toEqual([
    { status: 'dry-run', from_version: 1, to_version: 2, state_map: {} },
    { status: 'dry-run', from_version: 1, to_version: 2, state_map: { processing: 'examination' } },
    { status: 'applied', from_version: 1, to_version: 2, state_map: { processing: 'examination' } },
  ]);
});
