// The "did you mean …?" clause shared by every message about an unknown name
// (role, state, unit, event, connector, calendar), so they all read alike.
import { suggestClosest } from './suggest-closest.ts';

/**
 * `"; did you mean specialist?"` when a candidate is close enough to be a typo
 * of `value` (see suggestClosest), else `otherwise` — the fix to name when the
 * name is not a typo (e.g. `"; declare it under roles: [...]"`).
 */
export function describeDidYouMean(value: string, candidates: Iterable<string>, otherwise: string): string {
  const closest = suggestClosest(value, candidates);
  return closest === null ? otherwise : `; did you mean ${closest}?`;
}
