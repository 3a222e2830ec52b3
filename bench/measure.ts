// Small timing helpers for the benchmarks: run for a duration, report rates
// and percentiles. Benchmarks report ratios against a baseline run in the same
// process on the same machine, never absolute limits.
import { performance } from 'node:perf_hooks';

export async function rate(label: string, seconds: number, body: (lane: number) => Promise<void> | void, concurrency = 1): Promise<{ label: string; ops: number; perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let ops = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (performance.now() < end) {
        const t = performance.now();
        await body(lane);
        latencies.push(performance.now() - t);
        ops++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { label, ops, perSecond: ops / elapsed, latencies };
}

export function syncRate(seconds: number, body: () => void): number {
  // Batches keep the clock reads out of the measurement of very fast bodies.
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) body();
    ops += 1000;
  }
  return ops / ((performance.now() - start) / 1000);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** p50 and p95, in ms, of `runs` sequential calls of `body`, after one unmeasured call (plans, caches, compiled procedures). */
export async function timeRuns(runs: number, body: (run: number) => Promise<unknown>): Promise<{ p50: number; p95: number; ms: number[] }> {
  await body(-1);
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await body(i);
    ms.push(performance.now() - t);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), ms };
}
