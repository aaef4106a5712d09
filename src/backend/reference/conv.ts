import type { ConvGeometry } from '../backend.js';

/**
 * Direct convolution loops: slow, but each line is the definition. Input x[b,c,y,x'],
 * weight w[o,c,p,q], output out[b,o,i,j] at input row i·stride + p − padding.
 */
export function conv2d(x: Float32Array, w: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const { batch, inChannels: C, inHeight: H, inWidth: W, outChannels: O } = g;
  const { kernelHeight: KH, kernelWidth: KW, stride: S, padding: P, outHeight: OH, outWidth: OW } = g;
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < O; o++) {
      for (let i = 0; i < OH; i++) {
        for (let j = 0; j < OW; j++) {
          let s = 0;
          for (let c = 0; c < C; c++) {
            for (let p = 0; p < KH; p++) {
              const y = i * S + p - P;
              if (y < 0 || y >= H) continue;
              for (let q = 0; q < KW; q++) {
                const xx = j * S + q - P;
                if (xx < 0 || xx >= W) continue;
                s += w[((o * C + c) * KH + p) * KW + q] * x[((b * C + c) * H + y) * W + xx];
              }
            }
          }
          out[((b * O + o) * OH + i) * OW + j] = s;
        }
      }
    }
  }
}

export function conv2dBackwardInput(
  dy: Float32Array,
  w: Float32Array,
  dx: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { batch, inChannels: C, inHeight: H, inWidth: W, outChannels: O } = g;
  const { kernelHeight: KH, kernelWidth: KW, stride: S, padding: P, outHeight: OH, outWidth: OW } = g;
  if (!accumulate) dx.fill(0, 0, batch * C * H * W);
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < O; o++) {
      for (let i = 0; i < OH; i++) {
        for (let j = 0; j < OW; j++) {
          const d = dy[((b * O + o) * OH + i) * OW + j];
          for (let c = 0; c < C; c++) {
            for (let p = 0; p < KH; p++) {
              const y = i * S + p - P;
              if (y < 0 || y >= H) continue;
              for (let q = 0; q < KW; q++) {
                const xx = j * S + q - P;
                if (xx < 0 || xx >= W) continue;
                dx[((b * C + c) * H + y) * W + xx] += d * w[((o * C + c) * KH + p) * KW + q];
              }
            }
          }
        }
      }
    }
  }
}

export function conv2dBackwardWeight(
  dy: Float32Array,
  x: Float32Array,
  dw: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { batch, inChannels: C, inHeight: H, inWidth: W, outChannels: O } = g;
  const { kernelHeight: KH, kernelWidth: KW, stride: S, padding: P, outHeight: OH, outWidth: OW } = g;
  for (let o = 0; o < O; o++) {
    for (let c = 0; c < C; c++) {
      for (let p = 0; p < KH; p++) {
        for (let q = 0; q < KW; q++) {
          let s = 0;
          for (let b = 0; b < batch; b++) {
            for (let i = 0; i < OH; i++) {
              const y = i * S + p - P;
              if (y < 0 || y >= H) continue;
              for (let j = 0; j < OW; j++) {
                const xx = j * S + q - P;
                if (xx < 0 || xx >= W) continue;
                s += dy[((b * O + o) * OH + i) * OW + j] * x[((b * C + c) * H + y) * W + xx];
              }
            }
          }
          const k = ((o * C + c) * KH + p) * KW + q;
          dw[k] = accumulate ? dw[k] + s : s;
        }
      }
    }
  }
}
