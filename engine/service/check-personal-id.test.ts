import { describe, expect, it } from 'vitest';
import { checkPersonalId, provinceCodes } from './check-personal-id.ts';

const now = new Date('2026-03-02T09:00:00+07:00');

describe('checkPersonalId', () => {
  it.each([
    ['027090001234', 'Bắc Ninh', 'male', 1990],
    ['001195000001', 'Hà Nội', 'female', 1995],
    ['079200123456', 'Thành phố Hồ Chí Minh', 'male', 2000],
    ['096326999999', 'Cà Mau', 'female', 2026],
    ['024100000000', 'Bắc Giang', 'female', 1900],
  ] as const)('%s is valid: %s, %s, born %i', (id, province, sex, birthYear) => {
    expect(checkPersonalId(id, now)).toEqual({ ok: true, province, sex, birthYear });
  });

  it.each([
    ['099090001234', ['starts with 099, which is not a province code of birth registration (001–096, Circular 07/2016/TT-BCA); check the first three digits against the citizen identity card']],
    ['000090001234', ['starts with 000, which is not a province code of birth registration (001–096, Circular 07/2016/TT-BCA); check the first three digits against the citizen identity card']],
    // 003 lies inside 001–096 but names no province.
    ['003090001234', ['starts with 003, which is not a province code of birth registration (001–096, Circular 07/2016/TT-BCA); check the first three digits against the citizen identity card']],
    ['027490001234', ['the 4th digit (century and sex) is 4, which means born in the 2100s, after 2026; it is 0 or 1 for people born in the 1900s, 2 or 3 in the 2000s']],
    ['027890001234', ['the 4th digit (century and sex) is 8, which means born in the 2300s, after 2026; it is 0 or 1 for people born in the 1900s, 2 or 3 in the 2000s']],
    ['027230001234', ['digits 4–6 (230) give the birth year 2030, which is after 2026; check them against the citizen identity card']],
    ['027327001234', ['digits 4–6 (327) give the birth year 2027, which is after 2026; check them against the citizen identity card']],
    [
      '099590001234',
      [
        'starts with 099, which is not a province code of birth registration (001–096, Circular 07/2016/TT-BCA); check the first three digits against the citizen identity card',
        'the 4th digit (century and sex) is 5, which means born in the 2100s, after 2026; it is 0 or 1 for people born in the 1900s, 2 or 3 in the 2000s',
      ],
    ],
    ['02709000123', ["'02709000123' must be exactly 12 digits, the personal identification number on the citizen identity card"]],
    ['02709000123x', ["'02709000123x' must be exactly 12 digits, the personal identification number on the citizen identity card"]],
  ])('%s is refused', (id, problems) => {
    expect(checkPersonalId(id, now)).toEqual({ ok: false, problems });
  });

  it('counts the year in Vietnam time: 31 December 18:00 UTC is already the next year', () => {
    expect(checkPersonalId('027227001234', new Date('2026-12-31T16:59:59Z')).ok).toBe(false);
    expect(checkPersonalId('027227001234', new Date('2026-12-31T17:00:00Z'))).toEqual({ ok: true, province: 'Bắc Ninh', sex: 'male', birthYear: 2027 });
  });

  it('knows the 63 provinces before the 2025 merger', () => {
    expect(provinceCodes.size).toBe(63);
    expect([...provinceCodes.keys()].every((c) => c >= '001' && c <= '096')).toBe(true);
  });
});
