import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledProcedure } from './compiled-procedure.ts';
import { loadProcedure } from './load-procedure.ts';
import { parse } from 'yaml';
import { findLongestPath, findSlowestRegion } from './find-longest-path.ts';
import { normalizeStates } from './normalize-states.ts';
import type { ProcedureSource } from './procedure-definition.ts';

function loadFixture(name: string): CompiledProcedure {
  const result = loadProcedure(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), `fixtures/${name}`);
  if (!result.ok) throw new Error(`fixture ${name} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.procedure;
}

function statesOf(name: string) {
  const source = parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as ProcedureSource;
  return { initial: source.initial, states: normalizeStates(source, null).states };
}

describe('findLongestPath', () => {
  it('sums the budgets of the longest simple path to a final state', () => {
    const p = loadFixture('valid.yaml');
    expect(findLongestPath(p.source.initial, p.states)).toEqual({ hours: 16, steps: ['reception', 'processing', 'approved'] });
  });

  it('enters compound states at their initial child and counts a parallel state as its slowest region', () => {
    const p = loadFixture('parallel.yaml');
    expect(findLongestPath(p.source.initial, p.states)).toEqual({ hours: 56, steps: ['reception', 'drafting', 'consultation', 'checking', 'approved'] });
    expect(findSlowestRegion(p.states.get('consultation')!, p.states)).toEqual({ region: 'fire', path: { hours: 32, steps: ['awaiting-fire', 'fire-answered'] } });
  });

  it('ignores paused states and restarts the count after clock: reset', () => {
    // appraisal 2 days + signature 12 hours + result-ready 1 day; the path through the
    // supplement (15 paused days, then a reset) counts only re-appraisal 1 day onwards.
    const { initial, states } = statesOf('budget-over-limit.yaml');
    expect(findLongestPath(initial, states)).toEqual({ hours: 36, steps: ['reception', 'appraisal', 'signature', 'result-ready', 'returned'] });
  });

  it('returns null when no path reaches a final state', () => {
    const { initial, states } = statesOf('no-way-out.yaml');
    expect(findLongestPath(initial, states)).toEqual({ hours: 0, steps: ['reception', 'refused'] });
    expect(findLongestPath('nowhere', states)).toBeNull();
  });
});
