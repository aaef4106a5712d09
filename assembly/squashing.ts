import { expLanes } from './exp';

/**
 * Sigmoid and tanh, forward and backward. Each formula is written once, on four lanes; the
 * n % 4 elements at the end run it on a splatted scalar. Threads share these kernels, so each
 * takes the running thread's scratch first, though none needs it.
 */

/** 1/(1 + e⁻ˣ), as e^{−|x|} over 1 + e^{−|x|} for x < 0: e never overflows and tiny results keep their digits. */
@inline
function sigmoidLanes(x: v128): v128 {
  const e = expLanes(f32x4.neg(f32x4.abs(x)));
  const one = f32x4.splat(1);
  return f32x4.div(v128.bitselect(one, e, f32x4.ge(x, f32x4.splat(0))), f32x4.add(one, e));
}

/**
 * Cephes' tanhf: x + x³·P(x²) below |x| = 0.625, where 1 − 2/(e^{2|x|} + 1) would cancel, that
 * formula with x's sign above.
 */
@inline
function tanhLanes(x: v128): v128 {
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  const magnitude = f32x4.abs(x);
  const one = f32x4.splat(1);
  const e = expLanes(f32x4.add(magnitude, magnitude));
  const large = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(e, one)));
  const signed = v128.or(large, v128.and(x, f32x4.splat(-0.0)));
  return v128.bitselect(small, signed, f32x4.lt(magnitude, f32x4.splat(0.625)));
}

export function sigmoid(work: usize, x: usize, y: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(y + i, sigmoidLanes(v128.load(x + i)));
  for (; i < bytes; i += 4) store<f32>(y + i, f32x4.extract_lane(sigmoidLanes(f32x4.splat(load<f32>(x + i))), 0));
}

export function tanh(work: usize, x: usize, y: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(y + i, tanhLanes(v128.load(x + i)));
  for (; i < bytes; i += 4) store<f32>(y + i, f32x4.extract_lane(tanhLanes(f32x4.splat(load<f32>(x + i))), 0));
}

/** f'·dy from y = f(x): y(1 − y) for sigmoid, 1 − y² for tanh. */
@inline
function derivativeTimes(isTanh: bool, y: v128, dy: v128): v128 {
  const one = f32x4.splat(1);
  const derivative = isTanh ? f32x4.sub(one, f32x4.mul(y, y)) : f32x4.mul(y, f32x4.sub(one, y));
  return f32x4.mul(derivative, dy);
}

/** dx (+)= f'(x)·dy for sigmoid (`isTanh` false) or tanh, from y = f(x). */
export function squashingBackward(work: usize, y: usize, dy: usize, dx: usize, n: i32, isTanh: bool, accumulate: bool): void {
  const bytes = <usize>n << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) {
    let g = derivativeTimes(isTanh, v128.load(y + i), v128.load(dy + i));
    if (accumulate) g = f32x4.add(g, v128.load(dx + i));
    v128.store(dx + i, g);
  }
  for (; i < bytes; i += 4) {
    const g = f32x4.extract_lane(derivativeTimes(isTanh, f32x4.splat(load<f32>(y + i)), f32x4.splat(load<f32>(dy + i))), 0);
    store<f32>(dx + i, accumulate ? load<f32>(dx + i) + g : g);
  }
}
