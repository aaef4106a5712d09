import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resizeBilinear } from './resize.js';

// expected values: torch.nn.functional.interpolate(x, size, mode='bilinear', align_corners=False)
test('bilinear resizing with half-pixel centres, as PyTorch and tf.image.resize', () => {
  const up = new Float64Array(16);
  resizeBilinear([0, 10, 20, 30], 2, 2, up, 4, 4);
  assert.deepEqual([...up], [0, 2.5, 7.5, 10, 5, 7.5, 12.5, 15, 15, 17.5, 22.5, 25, 20, 22.5, 27.5, 30]);
  const down = new Float64Array(12);
  resizeBilinear(Float64Array.from({ length: 36 }, (_, i) => i), 6, 6, down, 4, 3);
  assert.deepEqual([...down], [2, 4, 6, 11, 13, 15, 20, 22, 24, 29, 31, 33]);
  const same = new Float64Array(4);
  resizeBilinear([1, 2, 3, 4], 2, 2, same, 2, 2);
  assert.deepEqual([...same], [1, 2, 3, 4]);
});
