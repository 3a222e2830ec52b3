// Step budgets must fit the statutory limit: if some way through the procedure
// adds up to more than `processingTime`, every dossier taking it is late by
// construction. Likewise each region of a parallel state must fit that state's
// own budget. Sums follow the statutory clock (see find-longest-path.ts).
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
}
