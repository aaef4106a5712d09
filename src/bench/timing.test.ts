import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matmulGflops, median, medianSeconds } from './timing.js';

test('median: the middle value, or the mean of the middle two', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.throws(() => median([]), /no values/);
});

test('GFLOP/s counts a multiply and an add per term: 2·m·n·k over the seconds', () => {
  assert.equal(matmulGflops(512, 512, 512, 0.01), (2 * 512 ** 3) / 0.01 / 1e9);
  assert.ok(Math.abs(matmulGflops(512, 512, 512, 0.01) - 26.8435456) < 1e-9);
  assert.equal(matmulGflops(1000, 1000, 1000, 1), 2);
  // rectangular: the MLP's forward x·W1ᵀ, 128 rows through 784→512
  assert.equal(matmulGflops(128, 512, 784, 1e-3), (2 * 128 * 512 * 784) / 1e-3 / 1e9);
});

test('medianSeconds warms up before timing and returns seconds per call', () => {
  let calls = 0;
  const seconds = medianSeconds(() => calls++, { samples: 3, minSampleSeconds: 0, warmup: 2 });
  assert.equal(calls, 2 + 3, 'two warm-up calls, then one call per sample when no minimum is asked');
  assert.ok(seconds >= 0 && seconds < 1);
});
