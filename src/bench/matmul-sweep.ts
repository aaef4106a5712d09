import { backend } from '../backend/backend.js';
import { allocPersistent } from '../tensor/memory.js';
import { matmulGflops, medianSeconds, DEFAULT_TIMING, type TimingOptions } from './timing.js';

/** One product C[m,n] = op(A)[m,k]·op(B)[k,n], as backend().matmul takes it. */
export interface MatmulShape {
  label: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

export interface MatmulResult extends MatmulShape {
  seconds: number;
  gflops: number;
}

/** Square products from 64 to 1024: where the rate levels off, and the 512 of the speed target. */
export const SQUARE_SIZES = [64, 128, 256, 512, 1024];

export function squareShapes(sizes: readonly number[] = SQUARE_SIZES): MatmulShape[] {
  return sizes.map((s) => ({ label: `square ${s}`, m: s, n: s, k: s, transA: false, transB: false }));
}

/**
 * The products one training step of an MLP makes (see tensor/ops/linear.ts): per layer the
 * forward x·Wᵀ and the weight gradient dyᵀ·x, and the input gradient dy·W for every layer but
 * the first, whose input (the data) needs none.
 */
export function mlpShapes(batch: number, widths: readonly number[]): MatmulShape[] {
  const shapes: MatmulShape[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const [inputs, units] = [widths[l], widths[l + 1]];
    shapes.push({ label: `fwd ${batch}x${inputs}->${units}`, m: batch, n: units, k: inputs, transA: false, transB: true });
    shapes.push({ label: `dW ${units}x${inputs}`, m: units, n: inputs, k: batch, transA: true, transB: false });
    if (l > 0) shapes.push({ label: `dx ${batch}x${units}->${inputs}`, m: batch, n: inputs, k: units, transA: false, transB: false });
  }
  return shapes;
}

/** The mlp-fashion workload: batch 128 through 784-512-512-10. */
export const MLP_SHAPES = mlpShapes(128, [784, 512, 512, 10]);

/**
 * Times backend().matmul on each shape. Operands come from allocPersistent, so with the wasm
 * backend they already live in wasm memory, as parameters and activations do in training, and
 * no call pays for copying them in.
 */
export function matmulSweep(
  shapes: readonly MatmulShape[],
  onResult: (r: MatmulResult) => void = () => {},
  timing: TimingOptions = DEFAULT_TIMING,
): MatmulResult[] {
  return shapes.map((shape) => {
    const { m, n, k, transA, transB } = shape;
    const a = randomized(allocPersistent(m * k));
    const b = randomized(allocPersistent(k * n));
    const c = allocPersistent(m * n);
    const seconds = medianSeconds(() => backend().matmul(a, b, c, m, n, k, transA, transB, false), timing);
    const result = { ...shape, seconds, gflops: matmulGflops(m, n, k, seconds) };
    onResult(result);
    return result;
  });
}

/** Values in [-1, 1): zeros or denormals could take a different path through the kernel. */
function randomized(buffer: Float32Array): Float32Array {
  for (let i = 0; i < buffer.length; i++) buffer[i] = Math.random() * 2 - 1;
  return buffer;
}
