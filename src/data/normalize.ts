/**
 * Normalization: how raw values become the float32 features that training reads.
 *
 * - `none`: the values as they are (image bytes stay 0..255).
 * - `scale01`: x / 255, meant for image bytes (applied to any source that asks for it).
 * - `standardize`: per feature, (x - mean) / (std + 1e-8) with the population std (NumPy's
 *   default, ddof 0). Mean and std are computed on the training rows only (after `trainLimit`,
 *   before the validation split, as torch_ref.py does) and applied unchanged to the validation
 *   and test rows, so nothing about held-out data leaks into training.
 *
 * Arithmetic is in float64 and each result is rounded once to float32, as NumPy's float64
 * arithmetic followed by a float32 tensor is.
 */
import type { Dataset, RawDataset } from './dataset.js';
import { featureCount } from './dataset.js';

export type Normalization = 'none' | 'scale01' | 'standardize';

/**
 * A function that normalizes any split the way `how` says, with statistics from `train`. Each
 * normalization is the same per-feature form, (x - shift) / divisor, so one loop serves all three
 * and each keeps its exact arithmetic: (x - 0) / 1 is x, and (x - 0) / 255 is x / 255.
 */
export function normalizer(how: Normalization, train: RawDataset): (ds: RawDataset) => Dataset {
  const features = featureCount(train.sampleShape);
  switch (how) {
    case 'none':
      return (ds) => shiftAndDivide(ds, new Float64Array(features), new Float64Array(features).fill(1));
    case 'scale01':
      return (ds) => shiftAndDivide(ds, new Float64Array(features), new Float64Array(features).fill(255));
    case 'standardize': {
      const { mean, std } = featureStats(train);
      const divisor = std.map((s) => s + 1e-8);
      return (ds) => shiftAndDivide(ds, mean, divisor);
    }
  }
}

/** Per-feature mean and population standard deviation, two-pass for accuracy, in float64. */
export function featureStats(ds: RawDataset): { mean: Float64Array; std: Float64Array } {
  const features = featureCount(ds.sampleShape);
  const mean = new Float64Array(features);
  const variance = new Float64Array(features);
  for (let row = 0; row < ds.x.length; row += features) {
    for (let f = 0; f < features; f++) mean[f] += ds.x[row + f];
  }
  for (let f = 0; f < features; f++) mean[f] /= ds.n;
  for (let row = 0; row < ds.x.length; row += features) {
    for (let f = 0; f < features; f++) {
      const d = ds.x[row + f] - mean[f];
      variance[f] += d * d;
    }
  }
  return { mean, std: variance.map((v) => Math.sqrt(v / ds.n)) };
}

function shiftAndDivide(ds: RawDataset, shift: Float64Array, divisor: Float64Array): Dataset {
  const features = shift.length;
  const raw = ds.x;
  // in shared memory: the doctor's trial threads are handed the same splits, not copies (doctor/runner.ts)
  const x = new Float32Array(new SharedArrayBuffer(raw.length * Float32Array.BYTES_PER_ELEMENT));
  if (raw instanceof Uint8Array && shift.every((s) => s === shift[0]) && divisor.every((d) => d === divisor[0])) {
    // image bytes under the same shift and divisor everywhere: 256 results, looked up (70,000 images of 784 bytes for Fashion-MNIST)
    const results = Float32Array.from({ length: 256 }, (_, byte) => (byte - shift[0]) / divisor[0]);
    for (let i = 0; i < x.length; i++) x[i] = results[raw[i]];
  } else {
    for (let row = 0; row < x.length; row += features) {
      for (let f = 0; f < features; f++) x[row + f] = (raw[row + f] - shift[f]) / divisor[f];
    }
  }
  // Labels are copied too: raw data may be cached (mnist-sample) and must not be changed through
  // a dataset handed to a run.
  const y = new Int32Array(new SharedArrayBuffer(ds.n * Int32Array.BYTES_PER_ELEMENT));
  y.set(ds.y);
  return { x, y, n: ds.n, sampleShape: ds.sampleShape };
}
