import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interval95, pairedDecision, tQuantile975 } from './statistics.js';

const close = (actual: number | null, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < tolerance, `${actual} is not within ${tolerance} of ${expected}`);

test('the 95% interval of five values is scipy.stats.t.interval(0.95, 4, mean, sem)', () => {
  const i = interval95([0.91, 0.93, 0.9, 0.92, 0.94]);
  assert.equal(i.n, 5);
  close(i.mean, 0.92);
  close(i.low, 0.9003675683852244, 1e-5);
  close(i.high, 0.9396324316147755, 1e-5);
});

test('one value has a mean and no interval; equal values an interval of no width', () => {
  assert.deepEqual(interval95([0.5]), { n: 1, mean: 0.5, low: null, high: null });
  const flat = interval95([2, 2, 2]);
  assert.deepEqual([flat.low, flat.high], [2, 2]);
});

test("t quantiles: the table's and, past 30 degrees of freedom, the expansion's agree with scipy", () => {
  close(tQuantile975(1), 12.7062, 1e-4);
  close(tQuantile975(4), 2.7764, 1e-4);
  close(tQuantile975(31), 2.039513446396408, 1e-4);
  close(tQuantile975(50), 2.008559112100761, 1e-4);
  close(tQuantile975(1000), 1.9623390808264083, 1e-4);
});

test('the paired verdict: an interval wholly on the claimed side holds, on the other side does not, across zero is not shown', () => {
  const above = interval95([0.02, 0.03, 0.025, 0.04, 0.01]); // [0.0111, 0.0389]
  const across = interval95([0.02, 0.03, -0.01, 0.04, 0.01]); // [-0.0059, 0.0419]
  assert.equal(pairedDecision(above, 'higher'), 'holds');
  assert.equal(pairedDecision(above, 'lower'), 'does not hold');
  assert.equal(pairedDecision(across, 'higher'), 'not shown');
  assert.equal(pairedDecision(across, 'lower'), 'not shown');
  assert.equal(pairedDecision(interval95([0.05]), 'higher'), 'not shown', 'one seed decides nothing');
});

test('a margin moves the line: "no worse than half a point" holds on a small loss', () => {
  const smallLoss = interval95([-0.002, -0.001, -0.003, -0.002, -0.002]);
  assert.equal(pairedDecision(smallLoss, 'higher'), 'does not hold');
  assert.equal(pairedDecision(smallLoss, 'higher', -0.005), 'holds');
  assert.equal(pairedDecision(interval95([-0.02, -0.03, -0.025]), 'higher', -0.005), 'does not hold');
});
