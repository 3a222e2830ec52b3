// Step budgets must fit the statutory limit: if some way through the procedure
// adds up to more than `processingTime`, every dossier taking it is late by
// construction. Likewise each region of a parallel state must fit that state's
// own budget, and so must a region (or any compound state) that has a budget of
// its own: its inner steps must fit it, and a region's budget must fit that of
// its parallel state. Sums follow the statutory clock (see find-longest-path.ts).
import { formatWorkingHours, toWorkingHours } from './describe-time-limit.ts';
import type { Report } from './check-data-references.ts';
import { findLongestPath, findSlowestRegion } from './find-longest-path.ts';
import type { ProcedureSource, StateNode } from './procedure-definition.ts';

export function checkBudgets(procedure: ProcedureSource, states: ReadonlyMap<string, StateNode>, report: Report): void {
  const limit = toWorkingHours(procedure.processingTime);
  const longest = findLongestPath(procedure.initial, states);
  if (longest && longest.hours > limit)
    report(
      ['processingTime'],
      `step budgets on the path ${longest.steps.join(' → ')} add up to ${formatWorkingHours(longest.hours)}, more than the statutory processingTime of ${formatWorkingHours(limit)}; shorten a budget on that path or correct processingTime`,
    );

  for (const state of states.values()) {
    if (state.kind !== 'parallel' || !state.budget) continue;
    const own = toWorkingHours(state.budget);
    const slowest = findSlowestRegion(state, states);
    if (slowest && slowest.path.hours > own)
      report(
        [...state.sourcePath, 'budget'],
        `step budgets in region '${slowest.region}' of parallel state '${state.name}' (${slowest.path.steps.join(' → ')}) add up to ${formatWorkingHours(slowest.path.hours)}, more than its budget of ${formatWorkingHours(own)}; shorten a budget in the region or raise the budget of '${state.name}'`,
      );
  }

  for (const state of states.values()) {
    if (state.kind !== 'compound' || !state.budget) continue;
    const own = toWorkingHours(state.budget);
    const parent = state.parent ? states.get(state.parent) : undefined;
    if (parent?.kind === 'parallel' && parent.budget && own > toWorkingHours(parent.budget))
      report(
        [...state.sourcePath, 'budget'],
        `region '${state.name}' has a budget of ${formatWorkingHours(own)}, more than the ${formatWorkingHours(toWorkingHours(parent.budget))} of its parallel state '${parent.name}'; lower the region's budget or raise that of '${parent.name}'`,
      );
    const inner = findLongestPath(state.name, states, state.name);
    if (inner && inner.hours > own)
      report(
        [...state.sourcePath, 'budget'],
        `step budgets inside '${state.name}' (${inner.steps.join(' → ')}) add up to ${formatWorkingHours(inner.hours)}, more than its own budget of ${formatWorkingHours(own)}; shorten a budget inside it or raise the budget of '${state.name}'`,
      );
  }
}
