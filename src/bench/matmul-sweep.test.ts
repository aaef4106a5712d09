import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matmulSweep, MLP_SHAPES, mlpShapes, squareShapes } from './matmul-sweep.js';
import { matmulGflops } from './timing.js';

test("the MLP's products: forward and weight gradient per layer, input gradient past the first", () => {
  const shapes = mlpShapes(128, [784, 512, 10]);
  assert.deepEqual(
    shapes.map(({ m, n, k, transA, transB }) => [m, n, k, transA, transB]),
    [
      [128, 512, 784, false, true],
      [512, 784, 128, true, false],
      [128, 10, 512, false, true],
      [10, 512, 128, true, false],
      [128, 512, 10, false, false],
    ],
  );
  assert.equal(MLP_SHAPES.length, 8, '784-512-512-10: 3 forward, 3 weight gradients, 2 input gradients');
  assert.deepEqual(
    squareShapes([64, 128]).map((s) => [s.label, s.m, s.n, s.k]),
    [
      ['square 64', 64, 64, 64],
      ['square 128', 128, 128, 128],
    ],
  );
});

test('the sweep reports each shape with its rate computed from its median time', () => {
  const seen: string[] = [];
  const results = matmulSweep([...squareShapes([8]), ...mlpShapes(4, [6, 5, 3])], (r) => seen.push(r.label), {
    samples: 1,
    minSampleSeconds: 0,
    warmup: 1,
  });
  assert.deepEqual(seen, results.map((r) => r.label));
  for (const r of results) {
    assert.ok(r.seconds > 0);
    assert.equal(r.gflops, matmulGflops(r.m, r.n, r.k, r.seconds));
  }
});
