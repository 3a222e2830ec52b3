// Connector handoffs through the real system against a local peer HTTP server:
// a peer that fails, times out or never accepts; the dead-letter list and its
// retry; a connector this deployment has not configured. Exactly one delivery
// each time, the same Idempotency-Key on every attempt. On both queue backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorJobId, handoffIdempotencyKey } from '../engine/service/connectors/connector-job.ts';
import { ApiClient } from '../test/api-client.ts';
import { ConnectorPeer } from '../test/connector-peer.ts';
import { describeWithRedis } from '../test/describe-with-redis.ts';
import { householdBusiness, householdBusinessApplicant, signHouseholdBusiness } from '../test/household-business.ts';
import { startConnectorTestSystem } from '../test/start-connector-test-system.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

const connector = 'national-business-registry';
const secret = 'test-secret-shared-with-the-registry-0123456789';
// 2026-03-02T09:00:00+07:00, the test clock: the engine signs with its own notion of now.
const clockSeconds = '1772416800';

function connectorSuite(backend: 'postgres' | 'redis'): void {
  let system: TestSystem;
  let peer: ConnectorPeer;
  beforeAll(async () => {
    peer = await ConnectorPeer.start(secret);
    system = await startConnectorTestSystem({ queue: backend, env: { [connector]: { url: peer.url, secret } }, timeoutMs: 500, maxAttempts: 3, retryDelayMs: 50 });
  });
  afterAll(async () => {
    await system?.close();
    await peer?.close();
  });

  const as = (username: string) => ApiClient.login(system.url, username);
  const stateOf = async (id: string) => (await system.db('dossiers').where({ id }).first('state')).state as string;
  const stepOf = async (id: string) => Number((await system.db('dossier_steps').where({ dossier_id: id, state: 'registry-transfer' }).first('id')).id);
  const deliveries = async (id: string) => (await system.db('dossier_events').where({ dossier_id: id, type: 'HANDOFF_DELIVERED' }).select('payload', 'actor_role', 'to_state')) as Array<{ payload: any; actor_role: string; to_state: string }>;
  const jobState = async (jobId: string) => (await system.queues.connector!.getJob(jobId))?.getState();
  const lettersOf = async (client: ApiClient, id: string, query = '') => {
    const res = await client.get(`/v1/dead-letters${query}`);
    return { status: res.status, items: res.status === 200 ? res.body.items.filter((l: { dossierId: string }) => l.dossierId === id) : res.body };
  };

  it('the peer fails twice, then accepts: one delivery, the same Idempotency-Key and a valid signature on every attempt', async () => {
    peer.answerWith((_request, attempt) => (attempt <= 2 ? { status: 500, body: 'registry overloaded' } : { status: 202, body: { accepted: true } }));
    const scan = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    let attachment: any;
    const id = await signHouseholdBusiness(system.url, {
      beforeSigning: async (dossierId, receiver) => {
        const uploaded = await receiver.request('POST', `/v1/dossiers/${dossierId}/attachments?documentId=application&fileName=giay-de-nghi.pdf`, scan.toString('latin1'), { 'content-type': 'application/pdf' });
        expect(uploaded.status).toBe(201);
        attachment = uploaded.body;
      },
    });
    await expect.poll(() => stateOf(id), { timeout: 30_000 }).toBe('awaiting-registry');
    const stepId = await stepOf(id);
    await expect.poll(() => jobState(connectorJobId({ stepId, retryOf: null })), { timeout: 10_000 }).toBe('completed');

    const requests = peer.requestsFor(id);
    expect(requests.map((r) => [r.idempotencyKey, r.timestamp, r.signatureValid, r.contentType])).toEqual([
      [`handoff-${stepId}`, clockSeconds, true, 'application/json'],
      [`handoff-${stepId}`, clockSeconds, true, 'application/json'],
      [`handoff-${stepId}`, clockSeconds, true, 'application/json'],
    ]);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    const created = (await (await as('receiver.hop-thinh')).get(`/v1/dossiers/${id}`)).body;
    expect(requests[0]!.json).toEqual({
      dossierId: id,
      receiptCode: created.receiptCode,
      procedure: { code: '1.001612', version: 2 },
      state: 'registry-transfer',
      from: 'hop-thinh',
      receivedAt: '2026-03-02T02:00:00.000Z',
      applicant: householdBusinessApplicant,
      data: { ...householdBusiness().data, business: { ...householdBusiness().data.business, conditionalLine: false } },
      attachments: [{ documentId: 'application', fileName: 'giay-de-nghi.pdf', mediaType: 'application/pdf', size: scan.length, sha256: attachment.sha256 }],
      callback: { url: `${system.url}/v1/connectors/${connector}/callback`, events: ['RESULT_RECEIVED', 'REGISTRATION_REFUSED'] },
    });

    // One delivery, by the system, recording the key the peer saw and the documents sent.
    expect(await deliveries(id)).toEqual([
      { actor_role: 'system', to_state: 'awaiting-registry', payload: expect.objectContaining({ input: { from: 'hop-thinh', to: { connector }, idempotencyKey: handoffIdempotencyKey(stepId), attachments: [attachment.sha256] } }) },
    ]);
    expect((await lettersOf(await as('supervisor.bac-ninh'), id, '?status=all')).items).toEqual([]);
  });

  it('the peer does not answer in time: the attempt is abandoned and retried, and the dossier is delivered once', async () => {
    peer.answerWith((_request, attempt) => (attempt === 1 ? 'hang' : { status: 200, body: { accepted: true } }));
    const id = await signHouseholdBusiness(system.url, { name: 'Quán phở Hà Nội' });
    await expect.poll(() => stateOf(id), { timeout: 30_000 }).toBe('awaiting-registry');
    const stepId = await stepOf(id);
    expect(peer.requestsFor(id).map((r) => [r.idempotencyKey, r.signatureValid])).toEqual([
      [`handoff-${stepId}`, true],
      [`handoff-${stepId}`, true],
    ]);
    await expect.poll(() => jobState(connectorJobId({ stepId, retryOf: null })), { timeout: 10_000 }).toBe('completed');
    expect((await deliveries(id)).length).toBe(1);
  });

  it('the peer never accepts: one dead letter, seen by supervisors; the retry is delivered once the peer recovers', async () => {
    peer.answerWith(() => ({ status: 503, body: 'bảo trì hệ thống (maintenance)' }));
    const id = await signHouseholdBusiness(system.url, { name: 'Sửa xe Đông Anh' });
    const supervisor = await as('supervisor.hop-thinh');
    await expect.poll(async () => (await lettersOf(supervisor, id)).items.length, { timeout: 30_000 }).toBe(1);
    const stepId = await stepOf(id);
    await expect.poll(() => jobState(connectorJobId({ stepId, retryOf: null })), { timeout: 10_000 }).toBe('failed');
    const { receiptCode } = (await supervisor.get(`/v1/dossiers/${id}`)).body;
    const [letter] = (await lettersOf(supervisor, id)).items;
    expect(letter).toEqual({
      id: expect.any(Number),
      status: 'open',
      connector,
      dossierId: id,
      receiptCode,
      procedureCode: '1.001612',
      state: 'registry-transfer',
      stepId,
      fromUnit: 'hop-thinh',
      lastError: `${connector} answered HTTP 503 to POST ${peer.url}: bảo trì hệ thống (maintenance)`,
      attempts: 3,
      failedAt: '2026-03-02T02:00:00.000Z',
      resolvedAt: null,
      resolvedBy: null,
      retryJobId: null,
    });
    expect(peer.requestsFor(id).map((r) => r.idempotencyKey)).toEqual([`handoff-${stepId}`, `handoff-${stepId}`, `handoff-${stepId}`]);
    expect(await system.db('connector_dead_letters').where({ dossier_id: id }).count<{ n: string }[]>({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await stateOf(id)).toBe('registry-transfer');

    // Who sees it: the unit's and the province's supervisors and the admin; not another commune's; not officers.
    expect((await lettersOf(await as('supervisor.bac-ninh'), id)).items).toEqual([letter]);
    expect((await lettersOf(await as('admin'), id)).items).toEqual([letter]);
    expect((await lettersOf(await as('supervisor.tu-son'), id)).items).toEqual([]);
    const receiver = await as('receiver.hop-thinh');
    const refused = await receiver.get('/v1/dead-letters');
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([403, 'auth.forbidden', 'reading dead letters needs the role supervisor or admin; you are receiver at hop-thinh']);
    expect((await receiver.post(`/v1/dead-letters/${letter.id}/retry`)).status).toBe(403);
    const elsewhere = await (await as('supervisor.tu-son')).post(`/v1/dead-letters/${letter.id}/retry`);
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'dead-letter.not-found']);

    // The peer recovers; the supervisor presses retry.
    peer.answerWith(() => ({ status: 202, body: { accepted: true } }));
    const retried = await supervisor.post(`/v1/dead-letters/${letter.id}/retry`);
    const retryJobId = connectorJobId({ stepId, retryOf: letter.id });
    expect([retried.status, retried.body]).toEqual([202, { ...letter, status: 'resolved', resolvedAt: '2026-03-02T02:00:00.000Z', resolvedBy: 'supervisor.hop-thinh', retryJobId }]);
    await expect.poll(() => stateOf(id), { timeout: 30_000 }).toBe('awaiting-registry');
    await expect.poll(() => jobState(retryJobId), { timeout: 10_000 }).toBe('completed');
    expect(peer.requestsFor(id).map((r) => [r.idempotencyKey, r.signatureValid])).toEqual(Array.from({ length: 4 }, () => [`handoff-${stepId}`, true]));
    expect((await deliveries(id)).length).toBe(1);

    const again = await supervisor.post(`/v1/dead-letters/${letter.id}/retry`);
    expect(again.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect([again.status, again.body.code, again.body.retryJobId]).toEqual([409, 'dead-letter.resolved', retryJobId]);
    expect((await lettersOf(supervisor, id)).items).toEqual([]);
    expect((await lettersOf(supervisor, id, '?status=resolved')).items.map((l: { id: number; status: string }) => [l.id, l.status])).toEqual([[letter.id, 'resolved']]);
  });
}

describe('connector handoffs on the PostgreSQL queue backend', () => connectorSuite('postgres'));
describeWithRedis('connector handoffs on the Redis queue backend', () => connectorSuite('redis'));

function unconfiguredSuite(backend: 'postgres' | 'redis'): void {
  let system: TestSystem;
  beforeAll(async () => {
    // The catalogue's connectors.yaml has no URL, and no variable sets one or a secret.
    system = await startTestSystem({ queue: backend });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('starts, and sends the handoff straight to the dead-letter list saying which variable to set', async () => {
    const id = await signHouseholdBusiness(system.url);
    const supervisor = await ApiClient.login(system.url, 'supervisor.bac-ninh');
    await expect.poll(async () => (await supervisor.get('/v1/dead-letters')).body.items.length, { timeout: 30_000 }).toBe(1);
    const [letter] = (await supervisor.get('/v1/dead-letters')).body.items;
    expect([letter.dossierId, letter.attempts, letter.lastError]).toEqual([
      id,
      1,
      "connector 'national-business-registry' has no URL in this deployment: set CONNECTOR_NATIONAL_BUSINESS_REGISTRY_URL (or url: in procedures/connectors.yaml); restart, then retry the dead letter (POST /v1/dead-letters/:id/retry)",
    ]);
    expect((await system.db('dossiers').where({ id }).first('state')).state).toBe('registry-transfer');
    const callback = await fetch(`${system.url}/v1/connectors/${connector}/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([callback.status, ((await callback.json()) as { code: string }).code]).toEqual([503, 'connector.not-configured']);
  });
}

describe('an unconfigured connector on the PostgreSQL queue backend', () => unconfiguredSuite('postgres'));
describeWithRedis('an unconfigured connector on the Redis queue backend', () => unconfiguredSuite('redis'));
