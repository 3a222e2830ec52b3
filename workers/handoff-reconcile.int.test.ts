// A handoff whose job never ran (lost, or given up) is delivered by the
// reconciler once its visit has been open past the grace period — once.
import { afterAll, expect, it } from 'vitest';
import { reconcileHandoffs } from '../engine/service/deliver-handoff.ts';
import { ApiClient } from '../test/api-client.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
afterAll(async () => {
  await system?.close();
});

it('delivers a stale handoff from PostgreSQL alone, and only once', async () => {
  // No workers: nothing relays the handoff row, as if its job were lost.
  system = await startTestSystem({ workers: false });
  system.clock.set('2026-03-02T09:00:00+07:00');
  const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
  const created = await receiver.post('/v1/dossiers', {
    procedureCode: '1.012753',
    applicant: { fullName: 'Dương Văn Xuân', idNumber: '027070001313' },
    data: { applicant: { fullName: 'Dương Văn Xuân', idNumber: '027070001313' }, parcel: { commune: 'hop-thinh', sheet: 21, number: 102, areaM2: 312.4 } },
  });
  await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
  expect(await reconcileHandoffs(system.ctx)).toBe(0); // within the grace period
  system.clock.set('2026-03-02T09:10:00+07:00');
  expect(await reconcileHandoffs(system.ctx)).toBe(1);
  expect(await reconcileHandoffs(system.ctx)).toBe(0);
  const dossier = await receiver.get(`/v1/dossiers/${created.body.id}`);
  expect(dossier.body).toMatchObject({ state: 'arrived-at-land-office', currentUnit: 'vpdk-dat-dai' });
});
