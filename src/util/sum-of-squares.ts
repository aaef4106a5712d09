/** Σx², accumulated in float64: the squared L2 norm of a float32 buffer. */
export function sumOfSquares(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return sum;
}
