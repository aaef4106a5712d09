/**
 * Max over size×size windows with stride size; argmax gets the flat input index of the maximum.
 * First maximum wins and NaN propagates, as in the reference (and PyTorch's CPU kernel).
 */
export function maxPool2d(x: usize, out: usize, argmax: usize, planes: i32, height: i32, width: i32, size: i32, outHeight: i32, outWidth: i32): void {
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * height * width;
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++) {
        let best = -Infinity as f32;
        let at = base + i * size * width + j * size;
        for (let p = 0; p < size; p++) {
          let idx = base + (i * size + p) * width + j * size;
          for (let q = 0; q < size; q++, idx++) {
            const v = load<f32>(x + (<usize>idx << 2));
            if (v > best || v != v) {
              best = v;
              at = idx;
              if (v != v) {
                p = size;
                break;
              }
            }
          }
        }
        store<f32>(out, best);
        store<i32>(argmax, at);
        out += 4;
        argmax += 4;
      }
    }
  }
}

/** dx (+)= scatter of dy to the argmax positions; `dxLength` elements of dx are cleared first when overwriting. */
export function maxPool2dBackward(dy: usize, argmax: usize, n: i32, dx: usize, dxLength: i32, accumulate: bool): void {
  if (!accumulate) memory.fill(dx, 0, <usize>dxLength << 2);
  for (let o = 0; o < n; o++) {
    const at = dx + (<usize>load<i32>(argmax + (<usize>o << 2)) << 2);
    store<f32>(at, load<f32>(at) + load<f32>(dy + (<usize>o << 2)));
  }
}
