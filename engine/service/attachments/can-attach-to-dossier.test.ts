import { describe, expect, it } from 'vitest';
import type { Principal } from '../principal.ts';
import { canAttachToDossier } from './can-attach-to-dossier.ts';

const officerRoles = ['receiver', 'specialist', 'leader'];
// Received at a commune, now held by the Land Registration Office.
const dossier = { receivingUnit: 'hop-thinh', currentUnit: 'vpdk-dat-dai' };
const principal = (role: string, unitId: string): Principal => ({ userId: 'u', username: `${role}.${unitId}`, role, unitId, unitLevel: unitId === 'bac-ninh' ? 'province' : 'commune' });

describe('canAttachToDossier', () => {
  it.each([
    ['specialist', 'vpdk-dat-dai', true],
    ['leader', 'vpdk-dat-dai', true],
    ['receiver', 'hop-thinh', true],
    ['specialist', 'hop-thinh', true],
    ['supervisor', 'vpdk-dat-dai', false],
    ['supervisor', 'bac-ninh', false],
    ['admin', 'bac-ninh', false],
    ['author', 'bac-ninh', false],
    ['receiver', 'tu-son', false],
    ['specialist', 'so-tu-phap', false],
  ])('%s at %s → %s', (role, unit, expected) => {
    expect(canAttachToDossier(principal(role, unit), dossier, officerRoles)).toBe(expected);
  });

  it('follows the procedure: a role the procedure does not name may not attach', () => {
    expect(canAttachToDossier(principal('specialist', 'hop-thinh'), { receivingUnit: 'hop-thinh', currentUnit: 'hop-thinh' }, ['receiver', 'leader'])).toBe(false);
  });
});
