import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withAllocator } from '../tensor/memory.js';
import { Random } from '../util/random.js';
import { batches } from './batches.js';
import type { Dataset } from './dataset.js';

/** Row r has label r and features [r, r + 0.5, r + 0.25], so a batch shows which rows it holds. */
function numbered(n: number): Dataset {
  const x = new Float32Array(n * 3);
  for (let r = 0; r < n; r++) x.set([r, r + 0.5, r + 0.25], r * 3);
  return { x, y: Int32Array.from({ length: n }, (_, r) => r), n, sampleShape: [3] };
}

function rowsOf(batch: { x: Float32Array; y: Int32Array; size: number }): number[] {
  for (let i = 0; i < batch.size; i++) {
    const r = batch.y[i];
    assert.deepEqual(Array.from(batch.x.subarray(i * 3, i * 3 + 3)), [r, r + 0.5, r + 0.25]);
  }
  return Array.from(batch.y);
}

test('without a generator, batch i holds rows i*B.. and the last batch is smaller', () => {
  const all = [...batches(numbered(10), 4, null)];
  assert.deepEqual(all.map((b) => b.size), [4, 4, 2]);
  assert.deepEqual(all.map(rowsOf), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  assert.equal(all[2].x.length, 6);
});

test('with a generator, every row once per epoch, in a fresh order each epoch', () => {
  const rng = new Random(5);
  const epochs = [0, 1].map(() => [...batches(numbered(23), 5, rng)].flatMap(rowsOf));
  for (const order of epochs) {
    assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 23 }, (_, i) => i));
  }
  assert.notDeepEqual(epochs[0], epochs[1]);
  const again = [...batches(numbered(23), 5, new Random(5))].flatMap(rowsOf);
  assert.deepEqual(again, epochs[0]);
});

test('the permutation is drawn when batches() is called, not when iteration starts', () => {
  const rng = new Random(9);
  const before = rng.state();
  batches(numbered(8), 3, rng);
  assert.notDeepEqual(rng.state(), before);
});

test('batch buffers come from alloc and are filled completely', () => {
  const stale = { alloc: (n: number) => new Float32Array(n).fill(NaN) };
  const all = withAllocator(stale, () => [...batches(numbered(7), 3, new Random(1))]);
  for (const batch of all) assert.ok(batch.x.every(Number.isFinite));
  assert.deepEqual(all.map((b) => b.size), [3, 3, 1]);
});

test('a batch size that is not a positive integer is a bug in the caller', () => {
  assert.throws(() => batches(numbered(3), 0, null), RangeError);
});
