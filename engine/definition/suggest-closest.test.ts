import { describe, expect, it } from 'vitest';
import { suggestClosest } from './suggest-closest.ts';

describe('suggestClosest', () => {
  it.each([
    ['specalist', ['receiver', 'specialist', 'leader'], 'specialist'],
    ['divorcd', ['single', 'divorced', 'widowed'], 'divorced'],
    ['hop-thin', ['hop-thinh', 'kinh-bac', 'tu-son'], 'hop-thinh'],
    ['ACEPT', ['ACCEPT', 'REFUSE'], 'ACCEPT'],
    ['clerk', ['receiver', 'specialist', 'leader'], null],
    ['x', [], null],
  ] as const)('%s among %j → %s', (value, candidates, expected) => {
    expect(suggestClosest(value, candidates)).toBe(expected);
  });
});
