// How often the reconciler runs (RECONCILE_EVERY_MS): a minute unless configured; and the due sweep's longest wait (DEADLINE_SWEEP_MS).
import { expect, it } from 'vitest';
import { parseConfig } from './config.ts';

it('runs the reconciler every minute by default, or as often as RECONCILE_EVERY_MS says', () => {
  expect(parseConfig({}).reconcileEveryMs).toBe(60_000);
  expect(parseConfig({ RECONCILE_EVERY_MS: '1000' }).reconcileEveryMs).toBe(1000);
});

it('refuses a RECONCILE_EVERY_MS below 100 ms', () => {
  expect(() => parseConfig({ RECONCILE_EVERY_MS: '5' })).toThrow('RECONCILE_EVERY_MS=5 must be a whole number from 100 to 86400000');
});

it('sweeps for deadlines falling due at least every second by default, or as DEADLINE_SWEEP_MS says', () => {
  expect(parseConfig({}).deadlineSweepMs).toBe(1000);
  expect(parseConfig({ DEADLINE_SWEEP_MS: '250' }).deadlineSweepMs).toBe(250);
  expect(() => parseConfig({ DEADLINE_SWEEP_MS: '0' })).toThrow('DEADLINE_SWEEP_MS=0 must be a whole number from 50 to 3600000');
});
