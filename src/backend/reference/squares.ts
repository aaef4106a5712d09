/** Σx², accumulated in float64, and the number of exact zeros, in one pass. */
export function squaresAndZeros(x: Float32Array): [number, number] {
  let squares = 0;
  let zeros = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    squares += v * v;
    // adding 0 or 1 rather than branching: whether a gradient entry is zero is a coin toss the branch predictor loses
    zeros += v === 0 ? 1 : 0;
  }
  return [squares, zeros];
}
