import type { PoolGeometry } from '../backend.js';

/** Max pooling, first maximum wins on ties and NaN propagates, as in PyTorch's CPU kernel. */
export function maxPool2d(x: Float32Array, out: Float32Array, argmax: Int32Array, g: PoolGeometry): void {
  const { planes, inHeight: H, inWidth: W, size: K, outHeight: OH, outWidth: OW } = g;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const base = pl * H * W;
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++, o++) {
        let best = -Infinity;
        let at = base + i * K * W + j * K;
        window: for (let p = 0; p < K; p++) {
          for (let q = 0; q < K; q++) {
            const idx = base + (i * K + p) * W + j * K + q;
            const v = x[idx];
            if (v > best || Number.isNaN(v)) {
              best = v;
              at = idx;
              if (Number.isNaN(v)) break window;
            }
          }
        }
        out[o] = best;
        argmax[o] = at;
      }
    }
  }
}

export function maxPool2dBackward(
  dy: Float32Array,
  argmax: Int32Array,
  dx: Float32Array,
  accumulate: boolean,
): void {
  if (!accumulate) dx.fill(0);
  for (let o = 0; o < dy.length; o++) dx[argmax[o]] += dy[o];
}
