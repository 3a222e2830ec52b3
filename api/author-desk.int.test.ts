// What the author's desk in the console asks of the API beyond drafts and
// publishing: a procedure's diagram as SVG, and its scenario tests run against
// a stored version, with failures and load errors at their lines.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let author: ApiClient;
let receiver: ApiClient;

const scenarios = readFileSync('procedures/birth-registration.scenarios.yaml', 'utf8');
const postScenarios = (client: ApiClient, text: string, version = 1) =>
  client.request('POST', `/v1/procedures/1.001193/versions/${version}/scenarios`, text, { 'content-type': 'application/yaml' });

beforeAll(async () => {
  system = await startTestSystem();
  author = await ApiClient.login(system.url, 'author.bac-ninh');
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
});
afterAll(async () => {
  await system?.close();
});

it('draws the latest published version as SVG for any signed-in officer', async () => {
  const res = await receiver.get('/v1/procedures/1.001193/diagram.svg');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
  expect(String(res.body)).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(String(res.body)).toContain('<title>Birth registration (1.001193 v1)</title>');
  expect((await receiver.get('/v1/procedures/1.001193/diagram.svg?version=9')).status).toBe(404);
});

it('runs the procedure’s own scenarios against version 1: every one passes', async () => {
  const res = await postScenarios(author, scenarios);
  expect(res.status).toBe(200);
  expect(res.body.diagnostics).toEqual([]);
  expect(res.body.results.length).toBe((scenarios.match(/^ {2}- name:/gm) ?? []).length);
  expect(res.body.results.filter((r: { failure: unknown }) => r.failure !== null)).toEqual([]);
  expect(res.body.results[0]).toMatchObject({ name: 'happy path, accepted in the morning, result the same day', line: 7, steps: 4, failure: null });
});

it('a wrong expectation fails at its line, naming expected and actual', async () => {
  const wrong = scenarios.replace('expect: { state: signature, status: 4 }', 'expect: { state: signature, status: 9 }');
  const res = await postScenarios(author, wrong);
  expect(res.status).toBe(200);
  expect(res.body.results[0].failure).toEqual({ step: 2, description: expect.stringContaining('PROPOSE_APPROVAL by specialist at hop-thinh'), line: 22, col: 9, mismatches: [{ field: 'status', expected: '9', actual: '4' }] });
});

it('a scenario file that does not load comes back as diagnostics; only authors may run; unknown versions are 404', async () => {
  const broken = await postScenarios(author, 'scenarios: 3\n');
  expect(broken.status).toBe(200);
  expect(broken.body.results).toEqual([]);
  expect(broken.body.diagnostics[0]).toMatchObject({ file: 'scenarios.yaml', line: 1 });
  expect((await postScenarios(receiver, scenarios)).status).toBe(403);
  expect((await postScenarios(author, scenarios, 7)).status).toBe(404);
  expect((await author.request('POST', '/v1/procedures/1.001193/versions/1/scenarios', '', { 'content-type': 'application/yaml' })).status).toBe(400);
});
