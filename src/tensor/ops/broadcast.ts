import type { Shape } from '../tensor.js';

/** NumPy's broadcasting rule: align shapes at the right; each dimension equal or 1. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`shapes [${a.join(', ')}] and [${b.join(', ')}] cannot be broadcast together`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Strides of `shape` laid against `out`: 0 where `shape` is broadcast along a dimension. */
function alignedStrides(shape: Shape, out: Shape): number[] {
  const strides = new Array<number>(out.length).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const j = out.length - shape.length + i;
    strides[j] = shape[i] === 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/** Calls fn(outIndex, aIndex, bIndex) for every element of the broadcast result, in order. */
export function forEachBroadcast(
  out: Shape,
  aShape: Shape,
  bShape: Shape,
  fn: (o: number, ia: number, ib: number) => void,
): void {
  const sa = alignedStrides(aShape, out);
  const sb = alignedStrides(bShape, out);
  const idx = new Array<number>(out.length).fill(0);
  const total = out.reduce((p, d) => p * d, 1);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < total; o++) {
    fn(o, ia, ib);
    // odometer: advance the last dimension, carrying into earlier ones
    for (let d = out.length - 1; d >= 0; d--) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < out[d]) break;
      ia -= sa[d] * out[d];
      ib -= sb[d] * out[d];
      idx[d] = 0;
    }
  }
}
