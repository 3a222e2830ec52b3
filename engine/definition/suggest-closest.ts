// "Did you mean …?" for a misspelt name: the closest known candidate by edit
// distance, when it is close enough to be a typo rather than another word.
import { distance } from 'fastest-levenshtein';

/**
 * The candidate nearest to `value` by Levenshtein distance, or `null` when none is
 * within max(1, ⌊length/3⌋) edits (so "specalist" → "specialist", but "clerk" → null
 * among [receiver, specialist, leader]). Ties go to the first candidate listed.
 */
export function suggestClosest(value: string, candidates: Iterable<string>): string | null {
  const limit = Math.max(1, Math.floor(value.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === value) continue;
    const d = distance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : null;
}
