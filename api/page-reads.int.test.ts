// A page's data in one request: GET /v1/dossiers/:id?include=, /v1/procedures/:code?include=,
// /v1/me?include=units, /v1/worklist?include=procedureFacet and /v1/supervision/board.
// Each included part is exactly what its own endpoint answers, and a caller who
// may not read a part gets the very answer its own endpoint gives.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';
import { fixtureNow, seedSupervisionFixture } from '../test/supervision-fixture.ts';
import { TestClock } from '../test/test-clock.ts';

let system: TestSystem;
let ids: Record<string, { id: string; receiptCode: string }>;
let receiver: ApiClient, otherUnit: ApiClient, author: ApiClient, province: ApiClient, commune: ApiClient;
let filed: { id: string; receiptCode: string };

beforeAll(async () => {
  system = await startTestSystem({ clock: new TestClock(fixtureNow), workers: false });
  ids = await seedSupervisionFixture(system.db);
  const as = (username: string) => ApiClient.login(system.url, username);
  [receiver, otherUnit, author, province, commune] = [await as('receiver.hop-thinh'), await as('receiver.tu-son'), await as('author.bac-ninh'), await as('supervisor.bac-ninh'), await as('supervisor.hop-thinh')];
  filed = (await receiver.post('/v1/dossiers', birthRegistration())).body;
  expect((await receiver.post(`/v1/dossiers/${filed.id}/events`, { type: 'ACCEPT' })).status).toBe(200);
});
afterAll(async () => {
  await system?.close();
});

/** A problem without the parts that name the request itself. */
const problem = (body: Record<string, unknown>) => {
  const { instance: _instance, requestId: _requestId, ...rest } = body;
  return rest;
};

describe('GET /v1/dossiers/:id?include=', () => {
  it('embeds each part exactly as its own endpoint answers it, beside the unchanged dossier', async () => {
    const res = await receiver.get(`/v1/dossiers/${filed.id}?include=history,attachments,timeByUnit,forms,procedure`);
    expect(res.status).toBe(200);
    const { included, ...dossier } = res.body;
    expect(dossier).toEqual((await receiver.get(`/v1/dossiers/${filed.id}`)).body);
    expect(Object.keys(included).sort()).toEqual(['attachments', 'forms', 'history', 'procedure', 'timeByUnit']);
    expect(included.history).toEqual((await receiver.get(`/v1/dossiers/${filed.id}/history`)).body);
    expect(included.attachments).toEqual((await receiver.get(`/v1/dossiers/${filed.id}/attachments`)).body);
    expect(included.timeByUnit).toEqual((await receiver.get(`/v1/dossiers/${filed.id}/time-by-unit`)).body);
    expect(included.forms).toEqual((await receiver.get(`/v1/dossiers/${filed.id}/forms`)).body);
    expect(included.procedure).toEqual((await receiver.get('/v1/procedures/1.001193')).body);
    // What the officer sees, not only that it matches: the trail, the receipt form, the hours at the commune.
    expect(included.history.events.map((e: { type: string; actorName: string | null }) => [e.type, e.actorName])).toEqual([
      ['RECEIVED', 'receiver.hop-thinh'],
      ['ACCEPT', 'receiver.hop-thinh'],
      ['DUE_DATE_CHANGED', 'receiver.hop-thinh'],
    ]);
    expect(included.forms.items.map((f: { form: string }) => f.form)).toEqual(['01']);
    expect(included.timeByUnit.units.map((u: { unit: string }) => u.unit)).toEqual(['hop-thinh']);
    expect(included.procedure.code).toBe('1.001193');
  });

  it('embeds only the parts named, and nothing without include', async () => {
    const one = await receiver.get(`/v1/dossiers/${filed.id}?include=forms,forms`);
    expect(Object.keys(one.body.included)).toEqual(['forms']);
    expect('included' in (await receiver.get(`/v1/dossiers/${filed.id}`)).body).toBe(false);
  });

  it('answers 400 listing the allowed names for an unknown, empty or repeated include', async () => {
    for (const query of ['include=history,comments', 'include=', 'include=history&include=forms', 'include=History']) {
      const res = await receiver.get(`/v1/dossiers/${filed.id}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('request.invalid');
      expect(res.body.allowedValues).toEqual(['history', 'attachments', 'timeByUnit', 'forms', 'procedure']);
      expect(res.body.errors).toEqual([{ path: 'include', message: 'each name must be one of: history, attachments, timeByUnit, forms, procedure' }]);
    }
    const details = async (query: string) => (await receiver.get(`/v1/dossiers/${filed.id}?${query}`)).body.detail;
    expect(await details('include=history&include=forms')).toBe('give include once, its names separated by commas (e.g. include=history,attachments), not several times; the names are history, attachments, timeByUnit, forms, procedure');
    expect(await details('include=history,comments')).toBe('include takes a comma-separated list of history, attachments, timeByUnit, forms, procedure; "comments" is not one of them');
    // However many unknown names are sent, three are echoed, each cut short.
    expect(await details(`include=${['a', 'b', 'c', 'd', 'e', 'x'.repeat(100)].join(',')}`)).toBe(
      `include takes a comma-separated list of history, attachments, timeByUnit, forms, procedure; "a", "b", "c" and 3 more are not one of them`,
    );
    expect(await details(`include=${'y'.repeat(100)}`)).toBe(`include takes a comma-separated list of history, attachments, timeByUnit, forms, procedure; "${'y'.repeat(56)}… is not one of them`);
  });

  it("gives another unit's officer and an author the standalone endpoints' 404, whatever is included", async () => {
    for (const client of [otherUnit, author]) {
      const standalone = await client.get(`/v1/dossiers/${filed.id}/history`);
      expect(standalone.status).toBe(404);
      for (const include of ['history', 'attachments', 'timeByUnit', 'forms', 'procedure', 'history,attachments,timeByUnit,forms,procedure']) {
        const res = await client.get(`/v1/dossiers/${filed.id}?include=${include}`);
        expect(res.status, include).toBe(404);
        expect(problem(res.body)).toEqual(problem(standalone.body));
        expect(JSON.stringify(res.body)).not.toContain(filed.receiptCode);
      }
    }
  });
});

describe('GET /v1/procedures/:code?include= and /v1/me?include=units', () => {
  it('embeds the versions and the diagram as their own endpoints answer them', async () => {
    const res = await author.get('/v1/procedures/1.001193?include=versions,diagram');
    expect(res.status).toBe(200);
    const { included, ...procedure } = res.body;
    expect(procedure).toEqual((await author.get('/v1/procedures/1.001193')).body);
    expect(included.versions).toEqual((await author.get('/v1/procedures/1.001193/versions')).body.items);
    expect(included.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'published']]);
    const svg = await fetch(`${system.url}/v1/procedures/1.001193/diagram.svg`, { headers: { authorization: `Bearer ${await token('author.bac-ninh')}` } });
    expect(included.diagram).toBe(await svg.text());
    expect(included.diagram).toMatch(/^<svg /);
    expect(Object.keys((await receiver.get('/v1/procedures/1.001193?include=diagram')).body.included)).toEqual(['diagram']);
  });

  it('answers 400 for an unknown part and 404 for an unknown procedure, as without include', async () => {
    const bad = await author.get('/v1/procedures/1.001193?include=source');
    expect([bad.status, bad.body.allowedValues]).toEqual([400, ['versions', 'diagram']]);
    const unknown = await author.get('/v1/procedures/9.999999?include=versions,diagram');
    expect(unknown.status).toBe(404);
    expect(problem(unknown.body)).toEqual(problem((await author.get('/v1/procedures/9.999999')).body));
  });

  it('carries the unit directory with who you are', async () => {
    const res = await receiver.get('/v1/me?include=units');
    expect(res.status).toBe(200);
    const { included, ...me } = res.body;
    expect(me).toEqual((await receiver.get('/v1/me')).body);
    expect(included.units).toEqual((await receiver.get('/v1/units')).body.items);
    expect(included.units.find((u: { id: string }) => u.id === 'hop-thinh')).toMatchObject({ id: 'hop-thinh', level: 'commune', name: { vi: 'Xã Hợp Thịnh' } });
    expect((await receiver.get('/v1/me?include=roles')).body.allowedValues).toEqual(['units']);
  });
});

async function token(username: string): Promise<string> {
  const res = await fetch(`${system.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  return ((await res.json()) as { token: string }).token;
}

describe('GET /v1/worklist?include=procedureFacet', () => {
  it("counts the caller's waiting work per procedure, whatever procedure is filtered", async () => {
    const all = (await receiver.get('/v1/worklist')).body.items as Array<{ receiptCode: string; procedureCode: string }>;
    const res = await receiver.get('/v1/worklist?include=procedureFacet');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(all);
    expect(res.body.included.procedureFacet).toEqual(FACET);
    const filtered = await receiver.get('/v1/worklist?procedure=1.001193&include=procedureFacet');
    expect(filtered.body.items).toEqual((await receiver.get('/v1/worklist?procedure=1.001193')).body.items);
    expect(filtered.body.items.map((i: { receiptCode: string }) => i.receiptCode)).toEqual([filed.receiptCode]);
    expect(filtered.body.included.procedureFacet).toEqual(FACET);
  });

  it('facets only what the search finds, and nothing for an author', async () => {
    const found = await receiver.get(`/v1/worklist?q=${filed.receiptCode}&include=procedureFacet`);
    expect(found.body.included.procedureFacet).toEqual([{ code: '1.001193', name: FACET.find((f) => f.code === '1.001193')!.name, count: 1 }]);
    expect((await author.get('/v1/worklist?include=procedureFacet')).body).toEqual({ items: [], included: { procedureFacet: [] } });
    expect((await receiver.get('/v1/worklist?include=facets')).body.allowedValues).toEqual(['procedureFacet']);
  });
});

let FACET: Array<{ code: string; name: { vi: string; en: string }; count: number }>;

describe('GET /v1/supervision/board', () => {
  const period = 'from=2026-02-01&to=2026-04-01';

  it('answers what counts, both lists, statistics by procedure, each procedure month by month and the catalogue answer alone', async () => {
    const res = await province.get(`/v1/supervision/board?${period}&limit=100`);
    expect(res.status).toBe(200);
    const board = res.body;
    expect(Object.keys(board).sort()).toEqual(['asOf', 'atRisk', 'counts', 'monthlyByProcedure', 'overdue', 'procedures', 'statistics']);
    expect(board.asOf).toBe('2026-03-16T02:00:00.000Z');
    expect(board.counts).toEqual((await province.get('/v1/supervision/counts')).body);
    expect(board.overdue).toEqual((await province.get('/v1/supervision/overdue?limit=100')).body);
    expect(board.atRisk).toEqual((await province.get('/v1/supervision/at-risk?limit=100')).body);
    expect(board.statistics).toEqual((await province.get(`/v1/supervision/stats?${period}&groupBy=procedure`)).body);
    expect(board.procedures).toEqual((await province.get('/v1/procedures')).body.items);
    // The fixture's two procedures, and the birth registration filed above.
    expect(board.statistics.groups.map((g: { key: string }) => g.key)).toEqual(['1.001193', '1.001612', '1.012753']);
    expect(board.monthlyByProcedure.map((s: { key: string }) => s.key)).toEqual(['1.001193', '1.001612', '1.012753']);
    for (const series of board.monthlyByProcedure) expect(series.groups).toEqual((await province.get(`/v1/supervision/stats?${period}&procedure=${series.key}&groupBy=month`)).body.groups);
    // The hand-computed fixture: D7 and D11 overdue, D12 at risk; and the birth registration filed today, due at 17:00.
    expect(board.overdue.items.map((d: { receiptCode: string }) => d.receiptCode)).toEqual([ids.D7!.receiptCode, ids.D11!.receiptCode]);
    expect(board.atRisk.items.map((d: { receiptCode: string }) => d.receiptCode)).toEqual([ids.D12!.receiptCode, filed.receiptCode]);
    expect(board.monthlyByProcedure[0].groups.map((g: { key: string }) => g.key)).toEqual(['2026-02', '2026-03']);
  });

  it('defaults to the six months up to now and takes the same filters', async () => {
    const res = await commune.get('/v1/supervision/board?procedure=1.001612');
    expect([res.body.statistics.from, res.body.statistics.to]).toEqual(['2025-10-01', '2026-04-01']);
    expect(res.body.statistics).toEqual((await commune.get('/v1/supervision/stats?from=2025-10-01&to=2026-04-01&procedure=1.001612&groupBy=procedure')).body);
    expect(res.body.counts).toEqual((await commune.get('/v1/supervision/counts?procedure=1.001612')).body);
    expect(res.body.overdue.items.map((d: { receiptCode: string }) => d.receiptCode)).toEqual([ids.D7!.receiptCode]);
  });

  it("refuses whoever its parts refuse, as they do: an officer, a unit outside the remit, a bad period", async () => {
    for (const [client, query, standalone] of [
      [receiver, '', '/v1/supervision/counts'],
      [commune, 'unit=kinh-bac', '/v1/supervision/counts?unit=kinh-bac'],
      [province, 'unit=nowhere', '/v1/supervision/counts?unit=nowhere'],
      [province, 'from=2026-04-01&to=2026-02-01', '/v1/supervision/stats?from=2026-04-01&to=2026-02-01'],
      [province, 'limit=0', '/v1/supervision/overdue?limit=0'],
    ] as const) {
      const res = await client.get(`/v1/supervision/board?${query}`);
      const own = await client.get(standalone);
      expect([res.status, problem(res.body)], query).toEqual([own.status, problem(own.body)]);
    }
  });
});

beforeAll(async () => {
  // The facet the receiver's worklist should show, from the plain worklist: every procedure waiting, counted.
  const all = (await receiver.get('/v1/worklist')).body.items as Array<{ procedureCode: string; procedureName: { vi: string; en: string } }>;
  const byCode = new Map<string, { code: string; name: { vi: string; en: string }; count: number }>();
  for (const i of all) byCode.set(i.procedureCode, { code: i.procedureCode, name: i.procedureName, count: (byCode.get(i.procedureCode)?.count ?? 0) + 1 });
  FACET = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
});

describe('include=procedure once a new version is published', () => {
  it('embeds the version the dossier follows, its documents and not the latest version\'s', async () => {
    // Version 2 names the authorization differently; the dossier filed on version 1 keeps version 1's list.
    const v2 = readFileSync('procedures/birth-registration.yaml', 'utf8')
      .replace('version: 1\nscenarios: birth-registration.scenarios.yaml', 'version: 2')
      .replace('  - id: authorization\n', '  - id: power-of-attorney\n');
    expect((await author.request('POST', '/v1/procedures', v2, { 'content-type': 'application/yaml' })).status).toBe(201);
    expect((await author.post('/v1/procedures/1.001193/versions/2/publish')).status).toBe(200);

    const { included, procedureVersion } = (await receiver.get(`/v1/dossiers/${filed.id}?include=procedure,attachments`)).body;
    expect([procedureVersion, included.procedure.version]).toEqual([1, 1]);
    expect(included.procedure.documents.map((d: { id: string }) => d.id)).toEqual(['declaration', 'birth-certificate', 'authorization']);
    expect(included.attachments.documents.map((d: { documentId: string }) => d.documentId)).toEqual(['declaration', 'birth-certificate', 'authorization']);
    expect((await receiver.get('/v1/procedures/1.001193')).body.documents.map((d: { id: string }) => d.id)).toEqual(['declaration', 'birth-certificate', 'power-of-attorney']);
  });
});
