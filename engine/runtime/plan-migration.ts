// Moving one in-flight dossier from one version of its procedure to another,
// under the same law as a transition: each active state goes to its
// counterpart in the new version, or back to redo work — never forwards past a
// transition nobody fired, never into a final state (classify-state-move.ts).
// A state moved to its counterpart keeps its step visit (renamed, its due date
// recounted from when it was entered under the new budget) unless the new
// version hands the dossier over there; any other target is entered as a
// transition enters it: the old visit ends, a new one starts with its own due
// date, handoffs (to a unit or a connector) go out, the applicant is told of a
// new status. The statutory clock follows the target: entering a waiting state
// pauses it, leaving one resumes it (the due date moves by the working time
// spent waiting). Pure: `now` and the calendar are arguments.
import { computeDueAt, type WorkCalendar } from '../calendar/index.ts';
import { resolveUnit, resolveUnitRef } from '../definition/compile-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { applyClock, type ClockPlan, type ClockState } from './apply-clock.ts';
import { classifyStateMove, type SkippedTransition, type StateMove } from './classify-state-move.ts';
import { describePosition, leafStates, type DossierUnits } from './dossier-position.ts';
import type { Effect } from './effect.ts';

export interface MigrationInput {
  value: unknown;
  units: DossierUnits;
  clock: ClockState;
  openSteps: Array<{ id: number; state: string; enteredAt: Date; dueAt: Date | null }>;
}

/** What the author reads, per entry of the state map (and per state moved to its own name). */
export interface MappingVerdict {
  from: string;
  to: string;
  move: StateMove['move'] | 'unknown';
  /** Transitions nobody fired that the move would presume done (forwards moves only). */
  skips: SkippedTransition[];
  problem: string | null;
}

export interface MigrationPlan {
  fromState: string;
  toState: string;
  toValue: unknown;
  fromStatus: number;
  toStatus: number;
  toUnit: string;
  moves: Array<{ from: string; to: string; move: 'counterpart' | 'backwards'; entered: boolean }>;
  /** Step visits kept under a new name or budget. */
  stepChanges: Array<{ stepId: number; fromState: string; toState: string; dueFrom: string | null; dueTo: string | null }>;
  /** The statutory due date before and after, and whether the clock is paused after. */
  dueFrom: string | null;
  dueTo: string | null;
  clockPaused: boolean;
}

export type MigrationResult = { ok: true; plan: MigrationPlan; effects: Effect[]; clock: ClockPlan } | { ok: false; problem: string };

/** Judges one state move (`stateMap` names the other renamed states, to recognise a renamed state's place). */
export function judgeMapping(from: CompiledProcedure, to: CompiledProcedure, source: string, target: string, stateMap: Record<string, string> = {}): MappingVerdict {
  const base = { from: source, to: target };
  if (!from.states.has(source)) return { ...base, move: 'unknown', skips: [], problem: `state '${source}' does not exist in version ${from.version}; map only states of version ${from.version}: ${[...from.states.keys()].join(', ')}` };
  const node = to.states.get(target);
  if (!node) return { ...base, move: 'unknown', skips: [], problem: `state '${target}' does not exist in version ${to.version}; map it with stateMap, e.g. {"${source}": "<state of version ${to.version}>"}` };
  if (node.kind === 'compound' || node.kind === 'parallel') return { ...base, move: 'unknown', skips: [], problem: `state '${target}' of version ${to.version} is not a leaf state; map to one of its children` };
  const verdict = classifyStateMove(from, to, source, target, stateMap);
  if (verdict.move === 'final')
    return { ...base, ...verdict, problem: `state '${target}' of version ${to.version} is final (outcome ${node.outcome ?? 'none'}); only a transition closes a dossier — map '${source}' to its counterpart or to an earlier state` };
  if (verdict.move === 'forwards' && verdict.skips.length === 0)
    return { ...base, ...verdict, problem: `'${target}' is neither the counterpart of '${source}' nor before it, and no transition leads there from it; map '${source}' to its counterpart in version ${to.version} or to an earlier state` };
  if (verdict.move === 'forwards')
    return { ...base, ...verdict, problem: `moving '${source}' to '${target}' would skip ${verdict.skips.map(describeSkip).join(', then ')}, which nobody fired; map '${source}' to its counterpart in version ${to.version} or to an earlier state to redo the work` };
  if (verdict.move === 'unplaced')
    return { ...base, ...verdict, problem: `'${target}' is not a state of version ${from.version} and does not sit where '${source}' did (it keeps none of its predecessors or none of its successors); map '${source}' to the state that replaces it or to an earlier one` };
  return { ...base, ...verdict, problem: null };
}

export function planMigration(from: CompiledProcedure, to: CompiledProcedure, input: MigrationInput, stateMap: Record<string, string>, context: { calendar: WorkCalendar; now: Date }): MigrationResult {
  const leaves = leafStates(input.value);
  const mapped = leaves.map((leaf) => stateMap[leaf] ?? leaf);
  const verdicts = leaves.map((leaf, i) => judgeMapping(from, to, leaf, mapped[i]!, stateMap));
  const refused = verdicts.find((v) => v.problem !== null);
  if (refused) return { ok: false, problem: refused.problem! };

  const toValue = buildStateValue(to, mapped);
  const before = describePosition(from, { value: input.value, status: 'active' }, input.units);
  const after = describePosition(to, { value: toValue, status: 'active' }, input.units);
  const effects: Effect[] = [];
  const moves: MigrationPlan['moves'] = [];
  const stepChanges: MigrationPlan['stepChanges'] = [];
  for (const v of verdicts) {
    const source = from.states.get(v.from)!;
    const target = to.states.get(v.to)!;
    // A handoff the dossier has not had here (or a different one) is sent by entering the state.
    const entered = v.move !== 'counterpart' || JSON.stringify(source.handoff) !== JSON.stringify(target.handoff);
    moves.push({ from: v.from, to: v.to, move: v.move as 'counterpart' | 'backwards', entered });
    if (entered) {
      const unit = resolveUnit(target, to.states, input.units);
      effects.push({ type: 'exited', state: v.from }, { type: 'entered', state: v.to, unit, budget: target.budget, clock: target.clock });
      if (target.handoff)
        effects.push({ type: 'handoff', state: v.to, from: unit, to: 'connector' in target.handoff ? { connector: target.handoff.connector } : { unit: resolveUnitRef(target.handoff.to, input.units) } });
    } else {
      for (const s of input.openSteps.filter((s) => s.state === v.from)) {
        const dueTo = target.budget ? computeDueAt(context.calendar, s.enteredAt, target.budget).dueAt : null;
        stepChanges.push({ stepId: s.id, fromState: s.state, toState: v.to, dueFrom: s.dueAt?.toISOString() ?? null, dueTo: dueTo?.toISOString() ?? null });
      }
    }
  }
  if (before.statusCode !== after.statusCode) effects.push({ type: 'status-changed', from: before.statusCode, to: after.statusCode, citizenText: to.states.get(after.leaves[0]!)!.citizenText });
  if (before.unit !== after.unit) effects.push({ type: 'unit-changed', from: before.unit, to: after.unit });
  const clock = applyClock(to, input.clock, effects, { now: context.now, calendar: context.calendar, activeLeaves: mapped });
  return {
    ok: true,
    effects,
    clock,
    plan: {
      fromState: before.state,
      toState: after.state,
      toValue,
      fromStatus: before.statusCode,
      toStatus: after.statusCode,
      toUnit: after.unit,
      moves,
      stepChanges,
      dueFrom: input.clock.dueAt?.toISOString() ?? null,
      dueTo: clock.clock.dueAt?.toISOString() ?? null,
      clockPaused: clock.clock.pausedAt !== null,
    },
  };
}

function describeSkip(s: SkippedTransition): string {
  return `${s.event} in '${s.state}'${s.roles ? ` (${s.roles.join(' or ')})` : ' (system)'}`;
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
