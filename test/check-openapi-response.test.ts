// The response check the test client runs on every answer catches what it is for.
import { describe, expect, it } from 'vitest';
import { checkOpenApiResponse } from './check-openapi-response.ts';

const json = new Headers({ 'content-type': 'application/json; charset=utf-8' });
const problem = new Headers({ 'content-type': 'application/problem+json; charset=utf-8' });
const me = { username: 'receiver.hop-thinh', role: 'receiver', unit: { id: 'hop-thinh', code: 'H04.101', level: 'commune', name: { vi: 'Xã Hợp Thịnh', en: 'Hợp Thịnh commune' } } };
const notFound = { type: 'https://motcua.dev/problems/dossier.not-found', title: 'Dossier not found', status: 404, detail: 'no dossier x', instance: '/v1/dossiers/x', code: 'dossier.not-found' };

describe('checkOpenApiResponse', () => {
  it('accepts a documented answer', async () => {
    await expect(checkOpenApiResponse('GET', 'http://127.0.0.1/v1/me', 200, json, me)).resolves.toBeUndefined();
    await expect(checkOpenApiResponse('GET', 'http://127.0.0.1/v1/dossiers/0d8a1c6e-1111-4111-8111-111111111111', 404, problem, notFound)).resolves.toBeUndefined();
  });

  it('refuses a body that does not match its schema', async () => {
    await expect(checkOpenApiResponse('GET', 'http://127.0.0.1/v1/me', 200, json, { ...me, role: 7 })).rejects.toThrow('OpenAPI: GET /v1/me → 200 (getMe): the body does not match the document');
  });

  it('refuses an undocumented success status, an error that is not problem+json, and an unknown error code', async () => {
    await expect(checkOpenApiResponse('GET', 'http://127.0.0.1/v1/me', 201, json, me)).rejects.toThrow('OpenAPI: GET /v1/me → 201 (getMe): status 201 is not documented');
    await expect(checkOpenApiResponse('GET', 'http://127.0.0.1/v1/me', 401, json, notFound)).rejects.toThrow('an error must be application/problem+json, not application/json');
    await expect(checkOpenApiResponse('GET', 'http://127.0.0.1/v1/me', 404, problem, { ...notFound, code: '1.001193' })).rejects.toThrow('the body does not match the document');
  });
});
