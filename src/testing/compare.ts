/**
 * ‖actual − expected‖ / ‖expected‖ (Euclidean), the measure the golden tests bound. Zero when
 * both are zero; infinite when only `expected` is.
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    diff += (actual[i] - expected[i]) ** 2;
    norm += expected[i] ** 2;
  }
  if (diff === 0) return 0;
  return Math.sqrt(diff) / Math.sqrt(norm);
}

/** Element-wise a − b, for parameter updates. */
export function difference(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return Array.from(a, (v, i) => v - b[i]);
}
