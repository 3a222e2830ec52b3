// Reception checks the shape of the applicant's personal identification number
// (the VNeID link) and names what is wrong, through the real API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/api-client.ts';
import { birthRegistration } from '../test/birth-registration.ts';
import { startTestSystem, type TestSystem } from '../test/start-test-system.ts';

let system: TestSystem;
let receiver: ApiClient;

beforeAll(async () => {
  system = await startTestSystem();
  system.clock.set('2026-03-02T09:00:00+07:00');
  receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
});
afterAll(async () => {
  await system?.close();
});

function withIdNumber(idNumber: string, phone = '0912345678') {
  const body = birthRegistration();
  return { ...body, applicant: { ...body.applicant, idNumber, phone } };
}

describe('the personal identification number at reception', () => {
  it('a well-formed number is accepted', async () => {
    const res = await receiver.post('/v1/dossiers', withIdNumber('027090001234'));
    expect(res.status).toBe(201);
    expect(res.body.applicant.idNumber).toBe('027090001234');
  });

  it.each([
    ['099090001234', 'starts with 099, which is not a province code of birth registration (001–096, Circular 07/2016/TT-BCA); check the first three digits against the citizen identity card'],
    ['027490001234', 'the 4th digit (century and sex) is 4, which means born in the 2100s, after 2026; it is 0 or 1 for people born in the 1900s, 2 or 3 in the 2000s'],
    ['027299001234', 'digits 4–6 (299) give the birth year 2099, which is after 2026; check them against the citizen identity card'],
  ])('%s is refused with a 422 naming what is wrong', async (idNumber, message) => {
    const res = await receiver.post('/v1/dossiers', withIdNumber(idNumber));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'dossier.data-invalid', errors: [{ path: '/applicant/idNumber', message }], detail: `the applicant is not valid: /applicant/idNumber ${message}` });
  });

  it('lists a wrong number together with the other mistakes in the applicant', async () => {
    const res = await receiver.post('/v1/dossiers', withIdNumber('099090001234', 'call me'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: '/applicant/phone', message: 'must match pattern "^\\+?[0-9 .-]{8,20}$"' },
      { path: '/applicant/idNumber', message: 'starts with 099, which is not a province code of birth registration (001–096, Circular 07/2016/TT-BCA); check the first three digits against the citizen identity card' },
    ]);
  });

  it('a number that is not 12 digits keeps its existing message', async () => {
    const res = await receiver.post('/v1/dossiers', withIdNumber('02709000123'));
    expect(res.body.errors).toEqual([{ path: '/applicant/idNumber', message: 'must be the 12-digit personal identification number' }]);
  });
});
