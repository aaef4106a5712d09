/**
 * Mini-batches for one pass over a dataset. With a generator, the rows come in a fresh
 * Fisher-Yates permutation of 0..n-1, drawn when `batches` is called (not when iteration starts,
 * so the generator's state after the call is the same however the batches are consumed: that
 * keeps checkpoints resumable). Without one, the order is fixed: batch i holds rows i*B ..
 * i*B+B-1. Every row appears exactly once; the last batch is smaller when B does not divide n.
 *
 * `firstBatch` skips the batches before it (the permutation is still drawn whole), so a run
 * resumed in the middle of an epoch sees the rest of the same batches.
 *
 * Each batch's features are copied into a buffer from `alloc` (so the training loop can plan that
 * memory), and every element of it is written.
 */
import { alloc } from '../tensor/memory.js';
import type { Random } from '../util/random.js';
import { featureCount, type Dataset } from './dataset.js';

export interface Batch {
  /** `size` samples, row-major, each of the dataset's sample shape. */
  x: Float32Array;
  y: Int32Array;
  /** Rows in this batch: the batch size, or fewer for the last one. */
  size: number;
}

export function batches(ds: Dataset, batchSize: number, rng: Random | null, firstBatch = 0): Iterable<Batch> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  }
  const order = rng ? rng.shuffle(Int32Array.from({ length: ds.n }, (_, i) => i)) : null;
  return copyBatches(ds, batchSize, order, firstBatch * batchSize);
}

function* copyBatches(ds: Dataset, batchSize: number, order: Int32Array | null, from: number): Generator<Batch> {
  const features = featureCount(ds.sampleShape);
  for (let start = from; start < ds.n; start += batchSize) {
    const size = Math.min(batchSize, ds.n - start);
    const x = alloc(size * features);
    const y = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const row = order ? order[start + i] : start + i;
      x.set(ds.x.subarray(row * features, (row + 1) * features), i * features);
      y[i] = ds.y[row];
    }
    yield { x, y, size };
  }
}
