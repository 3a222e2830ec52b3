import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './limit-concurrency.ts';

describe('limitConcurrency', () => {
  it('runs at most the given number of bodies at once, in arrival order, and passes failures through', async () => {
    const limit = limitConcurrency(2);
    const started: number[] = [];
    const release: Array<() => void> = [];
    let peak = 0;
    const tasks = Array.from({ length: 6 }, (_, i) =>
      limit.run(async () => {
        started.push(i);
        peak = Math.max(peak, limit.load().running);
        await new Promise<void>((resolve) => release.push(resolve));
        if (i === 3) throw new Error('task 3 failed');
        return i;
      }),
    );
    // Settle handlers first, so task 3's failure is awaited when it happens.
    const settled = Promise.allSettled(tasks);
    await Promise.resolve();
    expect([started, limit.load()]).toEqual([[0, 1], { running: 2, waiting: 4 }]);
    while (release.length) {
      release.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await settled;
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 1, 2, 'task 3 failed', 4, 5]);
    expect([started, peak, limit.load()]).toEqual([[0, 1, 2, 3, 4, 5], 2, { running: 0, waiting: 0 }]);
  });
});
