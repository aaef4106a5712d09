/**
 * y = max(x, 0); written so that NaN stays NaN, as in the reference (x > 0 ? x : 0 gives 0 for NaN).
 * Like every kernel threads share, it takes the running thread's scratch first; it needs none.
 */
export function relu(work: usize, x: usize, y: usize, n: i32): void {
  const bytes = <usize>n << 2;
  const zero = f32x4.splat(0);
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) {
    const v = v128.load(x + i);
    v128.store(y + i, v128.and(v, f32x4.gt(v, zero)));
  }
  for (; i < bytes; i += 4) {
    const v = load<f32>(x + i);
    store<f32>(y + i, v > 0 ? v : 0);
  }
}

/** dx (+)= (x > 0 ? 1 : 0)·dy, a product as in the reference, so NaN in dy stays NaN. */
export function reluBackward(work: usize, x: usize, dy: usize, dx: usize, n: i32, accumulate: bool): void {
  const bytes = <usize>n << 2;
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) {
    let g = f32x4.mul(v128.load(dy + i), v128.and(one, f32x4.gt(v128.load(x + i), zero)));
    if (accumulate) g = f32x4.add(g, v128.load(dx + i));
    v128.store(dx + i, g);
  }
  for (; i < bytes; i += 4) {
    const g: f32 = (load<f32>(x + i) > 0 ? 1 : 0) * load<f32>(dy + i);
    store<f32>(dx + i, accumulate ? load<f32>(dx + i) + g : g);
  }
}
