// Moving one in-flight dossier from one version of its procedure to another:
// where it will stand (its active states mapped by name, or by the author's
// explicit map), its status and holding unit there, and how each open step's
// deadline changes under the new version's budgets. Pure: the caller reads the
// dossier and writes the result; the statutory due date is not touched — the
// appointment given to the applicant stands.
import { computeDueAt, type WorkCalendar } from '../calendar/index.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { describePosition, leafStates, type DossierUnits } from './dossier-position.ts';

export interface MigrationInput {
  value: unknown;
  units: DossierUnits;
  openSteps: Array<{ id: number; state: string; enteredAt: Date; dueAt: Date | null }>;
}

export interface MigrationPlan {
  fromState: string;
  toState: string;
  toValue: unknown;
  fromStatus: number;
  toStatus: number;
  toUnit: string;
  stepChanges: Array<{ stepId: number; fromState: string; toState: string; dueFrom: string | null; dueTo: string | null }>;
}

export type MigrationResult = { ok: true; plan: MigrationPlan } | { ok: false; problem: string };

export function planMigration(from: CompiledProcedure, to: CompiledProcedure, input: MigrationInput, stateMap: Record<string, string>, context: { calendar: WorkCalendar }): MigrationResult {
  const leaves = leafStates(input.value);
  const mapped = leaves.map((leaf) => stateMap[leaf] ?? leaf);
  const missing = mapped.filter((name) => !to.states.has(name));
  if (missing.length) return { ok: false, problem: `state ${missing.map((m) => `'${m}'`).join(', ')} does not exist in version ${to.version}; map it with stateMap, e.g. {"${leaves[mapped.indexOf(missing[0]!)]}": "<state of version ${to.version}>"}` };
  const notLeaf = mapped.filter((name) => { const kind = to.states.get(name)!.kind; return kind !== 'atomic' && kind !== 'final'; });
  if (notLeaf.length) return { ok: false, problem: `state '${notLeaf[0]}' of version ${to.version} is not a leaf state; map to one of its children` };
  const toValue = buildStateValue(to, mapped);
  const before = describePosition(from, { value: input.value, status: 'active' }, input.units);
  const after = describePosition(to, { value: toValue, status: 'active' }, input.units);
  const stepChanges = input.openSteps.map((s) => {
    const toState = stateMap[s.state] ?? s.state;
    const budget = to.states.get(toState)?.budget ?? null;
    const dueTo = budget ? computeDueAt(context.calendar, s.enteredAt, budget).dueAt : null;
    return { stepId: s.id, fromState: s.state, toState, dueFrom: s.dueAt?.toISOString() ?? null, dueTo: dueTo?.toISOString() ?? null };
  });
  return { ok: true, plan: { fromState: before.state, toState: after.state, toValue, fromStatus: before.statusCode, toStatus: after.statusCode, toUnit: after.unit, stepChanges } };
}

/** The XState state value for a set of active leaf states (names are unique in a procedure). */
export function buildStateValue(procedure: CompiledProcedure, leaves: string[]): unknown {
  if (leaves.length === 1 && procedure.states.get(leaves[0]!)!.parent === null) return leaves[0];
  const root: Record<string, unknown> = {};
  for (const leaf of leaves) {
    const chain: string[] = [];
    for (let s = procedure.states.get(leaf); s; s = s.parent ? procedure.states.get(s.parent) : undefined) chain.unshift(s.name);
    let node = root;
    for (let i = 0; i < chain.length - 1; i++) {
      const key = chain[i]!;
      if (i === chain.length - 2) node[key] = mergeLeaf(node[key], chain[i + 1]!);
      else node = (node[key] ??= {}) as Record<string, unknown>;
    }
    if (chain.length === 1) return leaf;
  }
  return root;
}

function mergeLeaf(existing: unknown, leaf: string): unknown {
  if (existing === undefined) return leaf;
  if (typeof existing === 'object' && existing !== null) return { ...(existing as object), [leaf]: {} };
  return { [existing as string]: {}, [leaf]: {} };
}
