import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProcedure } from '../definition/load-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { persistSnapshot, restoreSnapshot, type PersistedSnapshot } from './dossier-position.ts';
import { startDossier } from './start-dossier.ts';
import { step } from './step.ts';

function load(file: string): CompiledProcedure {
  const loaded = loadProcedure(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.procedure;
}

const units = { receiving: 'hop-thinh', competent: 'hop-thinh' };
const now = new Date('2026-03-02T02:00:00Z');

/** Every snapshot a dossier of birth registration passes through on the way to its result. */
function birthPath(procedure: CompiledProcedure): PersistedSnapshot[] {
  const data = { child: { fullName: 'A', sex: 'male', birthDate: '2026-01-01', birthPlace: 'x' }, informant: { relationship: 'father' } };
  const snapshots = [startDossier(procedure, units).snapshot];
  for (const [type, role] of [['ACCEPT', 'receiver'], ['PROPOSE_APPROVAL', 'specialist'], ['SIGN', 'leader'], ['HAND_OVER', 'receiver']] as const)
    snapshots.push(step(procedure, { snapshot: snapshots.at(-1)!, data, units }, { type }, { now, actor: { role, unit: 'hop-thinh' } }).snapshot);
  return snapshots;
}

describe('persistSnapshot', () => {
  it("stores what XState's own getPersistedSnapshot stores without the step's context, for plain and parallel states", () => {
    const birth = load('procedures/birth-registration.yaml');
    const permit = load('procedures/project-construction-permit.yaml');
    const parallel = { value: { consultation: { 'environment-opinion': 'awaiting-environment-opinion', 'land-opinion': 'awaiting-land-opinion' } }, status: 'active' } as PersistedSnapshot;
    const cases: Array<[CompiledProcedure, PersistedSnapshot]> = [...birthPath(birth).map((s) => [birth, s] as [CompiledProcedure, PersistedSnapshot]), [permit, parallel]];
    for (const [procedure, stored] of cases) {
      const restored = restoreSnapshot(procedure, stored, { scope: { type: '', input: {}, data: { x: 1 }, actor: { role: 'system', unit: '' }, units } });
      expect(persistSnapshot(procedure, restored)).toStrictEqual(procedure.machine.getPersistedSnapshot({ ...restored, context: {} }));
    }
    expect(JSON.stringify(birthPath(birth).map((s) => s.value))).toBe('["reception","processing","signature","result-ready","returned"]');
    expect(birthPath(birth).at(-1)).toStrictEqual({ status: 'done', output: undefined, error: undefined, value: 'returned', historyValue: {}, context: {}, children: {} });
  });
});

describe('restoreSnapshot', () => {
  it('gives each restore its own context while the resolved state is shared', () => {
    const permit = load('procedures/project-construction-permit.yaml');
    const stored = { value: { consultation: { 'environment-opinion': 'awaiting-environment-opinion', 'land-opinion': 'awaiting-land-opinion' } }, status: 'active' } as PersistedSnapshot;
    const first = restoreSnapshot(permit, stored, {});
    const second = restoreSnapshot(permit, JSON.parse(JSON.stringify(stored)) as PersistedSnapshot, { scope: { type: '', input: {}, data: { a: 1 }, actor: { role: 'system', unit: '' }, units } });
    expect(first.context).toStrictEqual({});
    expect((second.context as { scope: { data: unknown } }).scope.data).toStrictEqual({ a: 1 });
    expect(second.value).toStrictEqual({ consultation: { 'environment-opinion': 'awaiting-environment-opinion', 'land-opinion': 'awaiting-land-opinion' } });
    expect(second._nodes.map((n) => n.key)).toStrictEqual(first._nodes.map((n) => n.key));
    expect(second.status).toBe('active');
    // The shared value cannot be changed through one snapshot under the next dossier's feet.
    expect(() => {
      (second.value as { consultation: Record<string, string> }).consultation['land-opinion'] = 'x';
    }).toThrow(TypeError);
  });

  it("refuses a stored state the version does not have with 'definition.conflict', every time", () => {
    const birth = load('procedures/birth-registration.yaml');
    for (let i = 0; i < 2; i++)
      expect(() => restoreSnapshot(birth, { value: 'nowhere', status: 'active' } as PersistedSnapshot)).toThrow(expect.objectContaining({ code: 'definition.conflict' }));
  });
});
