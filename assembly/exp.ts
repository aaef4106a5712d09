/**
 * eˣ on four lanes, Cephes' expf (Moshier): x = n·ln 2 + r with |r| ≤ ½ln 2, eʳ by a degree-7
 * polynomial, 2ⁿ built in the exponent bits. About 1 ulp from the correctly rounded value.
 * x is clamped to [−87.3, 88] so that 2ⁿ stays a normal float: the result saturates at 1.2e−38
 * below (true values there are subnormal or 0) and 1.7e38 above instead of reaching infinity.
 * NaN stays NaN.
 */
@inline
export function expLanes(x: v128): v128 {
  // pmax/pmin (one instruction each on x64) return their first operand when it is NaN
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87.33)), f32x4.splat(88));
  // adding 1.5·2²³ rounds x·log₂e to an integer n and leaves n in the low mantissa bits
  const magic = f32x4.splat(12582912);
  const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), magic);
  const n = f32x4.sub(shifted, magic);
  // r = x − n·ln 2, with ln 2 split in two so that n·C1 is exact
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375))), f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const er = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
  // (bits + 127) << 23 = (n + 127) << 23: the magic number's own bits shift out
  const twoToN = i32x4.shl(i32x4.add(shifted, i32x4.splat(127)), 23);
  return f32x4.mul(er, twoToN);
}
