/**
 * Σx² (in float64) and the count of exact zeros of x[0..n): the norms the training signals take
 * of every gradient, weight and update they sample. Each square of a float32 is exact in float64,
 * so only the order of the sum differs from the reference: four running sums, one per lane.
 * Writes the sum at `out` (f64) and the count after it (i32).
 */
export function squaresAndZeros(x: usize, n: i32, out: usize): void {
  const bytes = <usize>n << 2;
  let low = f64x2.splat(0);
  let high = f64x2.splat(0);
  let zeros = i32x4.splat(0);
  const zero = f32x4.splat(0);
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) {
    const v = v128.load(x + i);
    const a = f64x2.promote_low_f32x4(v);
    const b = f64x2.promote_low_f32x4(v128.shuffle<u32>(v, v, 2, 3, 0, 1));
    low = f64x2.add(low, f64x2.mul(a, a));
    high = f64x2.add(high, f64x2.mul(b, b));
    // a lane equal to zero is all ones, -1
    zeros = i32x4.sub(zeros, f32x4.eq(v, zero));
  }
  let sum = f64x2.extract_lane(low, 0) + f64x2.extract_lane(low, 1) + (f64x2.extract_lane(high, 0) + f64x2.extract_lane(high, 1));
  let count = i32x4.extract_lane(zeros, 0) + i32x4.extract_lane(zeros, 1) + i32x4.extract_lane(zeros, 2) + i32x4.extract_lane(zeros, 3);
  for (; i < bytes; i += 4) {
    const v = <f64>load<f32>(x + i);
    sum += v * v;
    if (v == 0) count++;
  }
  store<f64>(out, sum);
  store<i32>(out, count, 8);
}
