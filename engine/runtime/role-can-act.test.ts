// roleCanAct answers from the definition only what availableEvents would answer
// for any data: every state of every catalogue procedure, every role it names.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveUnit } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { availableEvents } from './available-events.ts';
import type { PersistedSnapshot } from './dossier-position.ts';
import { roleCanAct, type ActionChance } from './role-can-act.ts';

const files = readdirSync('procedures').filter((f) => f.endsWith('.yaml') && !f.includes('.scenarios.') && !['connectors.yaml', 'province.yaml'].includes(f));

function load(file: string): CompiledProcedure {
  const result = loadProcedure(readFileSync(`procedures/${file}`, 'utf8'), `procedures/${file}`);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.procedure;
}

/** The snapshot value that has `leaf` active, when no parallel state lies above it (else null). */
function valueOf(procedure: CompiledProcedure, leaf: string): unknown {
  let value: unknown = leaf;
  for (let node = procedure.states.get(leaf)!; node.parent; node = procedure.states.get(node.parent)!) {
    if (procedure.states.get(node.parent)!.kind === 'parallel') return null;
    value = { [node.parent]: value };
  }
  return value;
}

describe('roleCanAct', () => {
  it('never misjudges a state of the catalogue: "never" has no action, "always" has one, for any data', () => {
    const units = { receiving: 'desk-unit', competent: 'competent-unit', return: null };
    const judged: Record<ActionChance, number> = { never: 0, always: 0, maybe: 0 };
    for (const file of files) {
      const procedure = load(file);
      const roles = [...new Set([...procedure.states.values()].flatMap((s) => s.transitions.flatMap((t) => t.roles ?? [])))];
      for (const state of procedure.states.values()) {
        if (state.kind !== 'atomic') continue;
        const value = valueOf(procedure, state.name);
        if (value === null) continue;
        const snapshot = { value, status: 'active', context: {} } as unknown as PersistedSnapshot;
        for (const role of roles) {
          const chance = roleCanAct(procedure, state.name, role);
          judged[chance] += 1;
          if (chance === 'maybe') continue;
          const events = availableEvents(procedure, { snapshot, data: {}, units }, { role, unit: resolveUnit(state, procedure.states, units) });
          expect({ file, state: state.name, role, any: events.length > 0 }).toEqual({ file, state: state.name, role, any: chance === 'always' });
        }
      }
    }
    // The shortcut pays off: most pairs are judged without the data.
    expect(judged.never + judged.always).toBeGreaterThan(judged.maybe * 4);
  });

  it('judges a parallel position "maybe" when a region names the role, "never" when none does', () => {
    const procedure = load('project-construction-permit.yaml');
    const parallel = [...procedure.states.values()].find((s) => s.kind === 'parallel')!;
    const leaves = parallel.children.map((region) => procedure.states.get(region)!.initial!);
    const role = [...new Set(leaves.flatMap((l) => procedure.states.get(l)!.transitions.flatMap((t) => t.roles ?? [])))][0]!;
    expect(roleCanAct(procedure, leaves.join(','), role)).toBe('maybe');
    expect(roleCanAct(procedure, leaves.join(','), 'no-such-role')).toBe('never');
  });
});
