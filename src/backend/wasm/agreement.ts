/** Shared by this folder's tests: random operands and the tolerance for agreeing with the oracle. */
import assert from 'node:assert/strict';
import type { Random } from '../../util/random.js';

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
