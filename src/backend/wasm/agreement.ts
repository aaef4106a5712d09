/** Shared by this folder's tests: random operands and the tolerance for agreeing with the oracle. */
import assert from 'node:assert/strict';
import { Random } from '../../util/random.js';
import type { Backend } from '../backend.js';
import { referenceBackend } from '../reference/index.js';

/** float32 sums in a different order: allow 1e-5 relative to the value and to the terms' scale. */
const TOLERANCE = 1e-5;

export function randomArray(rng: Random, n: number, into: Float32Array = new Float32Array(n)): Float32Array {
  for (let i = 0; i < n; i++) into[i] = rng.range(-1, 1);
  return into;
}

/**
 * Asserts |actual − expected| ≤ 1e-5·(|expected| + scale) everywhere, `scale` being the terms'
 * magnitude; NaN must meet NaN.
 */
export function assertAgrees(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(actual[i]) && Number.isNaN(expected[i])) continue;
    const error = Math.abs(actual[i] - expected[i]);
    if (!(error <= TOLERANCE * (Math.abs(expected[i]) + scale))) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/**
 * `backend.matmul` against the reference on every shape [m, n, k], with and without transposes
 * and accumulation, on operands from `alloc` and on ordinary arrays. An output that is
 * overwritten starts as NaN: the kernel must not read it.
 */
export function assertMatmulAgrees(backend: Backend, alloc: (n: number) => Float32Array, shapes: readonly [number, number, number][], label: string): void {
  const rng = new Random(7);
  for (const [m, n, k] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          for (const inside of [false, true]) {
            const make = (len: number) => randomArray(rng, len, inside ? alloc(len) : new Float32Array(len));
            const [a, b, c] = [make(m * k), make(k * n), make(m * n)];
            const expected = Float32Array.from(c);
            if (!accumulate) c.fill(NaN);
            referenceBackend.matmul(a, b, expected, m, n, k, transA, transB, accumulate);
            backend.matmul(a, b, c, m, n, k, transA, transB, accumulate);
            const what = `${label} ${m}×${n}×${k} transA=${transA} transB=${transB} accumulate=${accumulate} inside=${inside}`;
            assertAgrees(c, expected, Math.sqrt(k) + 1, what);
          }
        }
      }
    }
  }
}
