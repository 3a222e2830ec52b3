// One read rule on every endpoint that returns a dossier: every endpoint × every
// role × own unit / other unit / parent unit / child unit, the expected answer
// written out below. A dossier the caller may not read is a 404 (single reads,
// actions) or absent (lists) — never a 403 that confirms it exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
const clients = new Map<string, ApiClient>();
/** A dossier held by the Hợp Thịnh commune desk, and one held by the province desk (Hợp Thịnh's parent). */
const dossiers: Record<'commune' | 'province', { id: string; receiptCode: string; attachment: string }> = {} as never;

// The relation of the caller's unit to the unit holding the dossier, and the pair it is tested on.
const relations = {
  own: { dossier: 'commune', unit: 'hop-thinh' },
  other: { dossier: 'commune', unit: 'tu-son' },
  parent: { dossier: 'commune', unit: 'bac-ninh' },
  child: { dossier: 'province', unit: 'hop-thinh' },
} as const;

const roles = ['receiver', 'specialist', 'leader', 'supervisor', 'author', 'admin'] as const;

// Columns: single · list · worklist · history · attachments · file · time-by-unit · events · extension · claim · tracking
//   Y: answered with the dossier (reads 200; lists include it; actions are judged on the role — 200, 403, 409 or 422 — not 404)
//   -: 404, or absent from the list
// The worklist lists only what waits on the caller's own unit and role: both dossiers are at
// reception, where only the receiver acts. Tracking is keyed by the check digits, not by any account.
const expected: Record<(typeof roles)[number], Record<keyof typeof relations, string>> = {
  receiver: /*   */ { own: 'Y Y Y Y Y Y Y Y Y Y Y', other: '- - - - - - - - - - Y', parent: '- - - - - - - - - - Y', child: '- - - - - - - - - - Y' },
  specialist: /* */ { own: 'Y Y - Y Y Y Y Y Y Y Y', other: '- - - - - - - - - - Y', parent: '- - - - - - - - - - Y', child: '- - - - - - - - - - Y' },
  leader: /*     */ { own: 'Y Y - Y Y Y Y Y Y Y Y', other: '- - - - - - - - - - Y', parent: '- - - - - - - - - - Y', child: '- - - - - - - - - - Y' },
  supervisor: /* */ { own: 'Y Y - Y Y Y Y Y Y Y Y', other: '- - - - - - - - - - Y', parent: 'Y Y - Y Y Y Y Y Y Y Y', child: '- - - - - - - - - - Y' },
  author: /*     */ { own: '- - - - - - - - - - Y', other: '- - - - - - - - - - Y', parent: '- - - - - - - - - - Y', child: '- - - - - - - - - - Y' },
  admin: /*      */ { own: '- - - - - - - - - - Y', other: '- - - - - - - - - - Y', parent: '- - - - - - - - - - Y', child: '- - - - - - - - - - Y' },
};

const endpoints = ['single', 'list', 'worklist', 'history', 'attachments', 'file', 'time-by-unit', 'events', 'extension', 'claim', 'tracking'] as const;

/** Demo accounts are `<role>.<unit>` at communes and departments; the province's own officers and the per-unit authors and admins are added here. */
const usernameOf = (role: string, unit: string) => (role === 'admin' && unit === 'bac-ninh' ? 'admin' : `${role}.${unit}`);

async function as(username: string): Promise<ApiClient> {
  let client = clients.get(username);
  if (!client) clients.set(username, (client = await ApiClient.login(system.url, username)));
  return client;
}

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);

async function fileWithAttachment(receiver: ApiClient): Promise<{ id: string; receiptCode: string; attachment: string }> {
  const created = await receiver.post('/v1/dossiers', birthRegistration());
  const res = await receiver.request('POST', `/v1/dossiers/${created.body.id}/attachments?documentId=declaration&fileName=t.pdf`, pdf.toString('latin1'), { 'content-type': 'application/pdf' });
  expect(res.status).toBe(201);
  return { id: created.body.id, receiptCode: created.body.receiptCode, attachment: res.body.id };
}

beforeAll(async () => {
  system = await startTestSystem({ workers: false });
  const { password_hash: passwordHash } = await system.db('users').where({ username: 'receiver.hop-thinh' }).first('password_hash');
  const extra = [...['receiver', 'specialist', 'leader'].map((role) => [role, 'bac-ninh']), ...['author', 'admin'].flatMap((role) => [[role, 'hop-thinh'], [role, 'tu-son']])];
  await system.db('users').insert(extra.map(([role, unit]) => ({ username: `${role}.${unit}`, password_hash: passwordHash, role, unit_id: unit, display_name: `${role}.${unit}` })));
  dossiers.commune = await fileWithAttachment(await as('receiver.hop-thinh'));
  dossiers.province = await fileWithAttachment(await as('receiver.bac-ninh'));
});
afterAll(async () => {
  await system?.close();
});

/** Y when the endpoint answered with the dossier (or judged the action on the role), - when it answered as if there were none. */
async function probe(client: ApiClient, endpoint: (typeof endpoints)[number], d: { id: string; receiptCode: string; attachment: string }): Promise<'Y' | '-'> {
  const listed = (items: Array<{ id: string }>) => (items.some((i) => i.id === d.id) ? 'Y' : '-');
  const found = (status: number) => {
    expect([200, 201, 403, 409, 422, 404]).toContain(status);
    return status === 404 ? '-' : 'Y';
  };
  const base = `/v1/dossiers/${d.id}`;
  switch (endpoint) {
    case 'single': return found((await client.get(base)).status);
    case 'list': return listed((await client.get('/v1/dossiers?closed=true&limit=500')).body.items);
    case 'worklist': return listed((await client.get('/v1/worklist?limit=500')).body.items);
    case 'history': return found((await client.get(`${base}/history`)).status);
    case 'attachments': return found((await client.get(`${base}/attachments`)).status);
    case 'file': return found((await client.get(`${base}/attachments/${d.attachment}`)).status);
    case 'time-by-unit': return found((await client.get(`${base}/time-by-unit`)).status);
    // An event no state accepts: a reader learns "not accepted here" (409), an outsider 404.
    case 'events': return found((await client.post(`${base}/events`, { type: 'NO_SUCH_EVENT' })).status);
    case 'extension': return found((await client.post(`${base}/extension`, { newDueDate: '2026-03-20', reason: 'matrix' })).status);
    case 'claim': {
      const res = await client.post(`${base}/claim`);
      if (res.status === 200) await client.post(`${base}/release`);
      return found(res.status);
    }
    case 'tracking': return found((await client.get(`/v1/public/dossiers/${d.receiptCode}?check=5678`)).status);
  }
}

describe('authorization matrix', () => {
  for (const role of roles)
    for (const [relation, { dossier, unit }] of Object.entries(relations) as Array<[keyof typeof relations, (typeof relations)[keyof typeof relations]]>)
      it(`${role} at the ${relation} unit (${unit}) of a dossier held by ${dossier === 'commune' ? 'hop-thinh' : 'bac-ninh'}`, async () => {
        const client = await as(usernameOf(role, unit));
        const answers: string[] = [];
        for (const endpoint of endpoints) answers.push(await probe(client, endpoint, dossiers[dossier]));
        expect(Object.fromEntries(endpoints.map((e, i) => [e, answers[i]]))).toEqual(Object.fromEntries(endpoints.map((e, i) => [e, expected[role][relation].split(' ')[i]])));
      });

  it("a policy author's dossier list holds nothing, not the province desk's dossiers (the leak of issue 11)", async () => {
    const author = await as('author.bac-ninh');
    const list = await author.get('/v1/dossiers?closed=true');
    expect([list.status, list.body]).toEqual([200, { items: [] }]);
    expect((await author.get(`/v1/dossiers/${dossiers.province.id}`)).status).toBe(404);
    // The province desk itself does see it, with the applicant.
    const desk = (await (await as('receiver.bac-ninh')).get('/v1/dossiers')).body.items;
    expect(desk.map((i: { id: string; applicant: { idNumber: string } }) => [i.id, i.applicant.idNumber])).toEqual([[dossiers.province.id, '027090001234']]);
  });
});
