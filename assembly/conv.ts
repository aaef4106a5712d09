import { Geometry, patchRows } from './conv-geometry';
import { gemm } from './gemm';

/**
 * Convolution as GEMM, one image at a time: im2col lays the input patches out as a
 * [C·KH·KW, OH·OW] matrix so that out = W·col, dcol = Wᵀ·dy and dW += dy·colᵀ. An image's
 * matrices fit in cache and images are independent, which is how threads split the batch.
 */

/** First and one-past-last output column j whose input column j·stride + q − padding is inside the image. */
@inline
function validFrom(q: i32, g: Geometry): i32 {
  const first = g.padding - q;
  return first <= 0 ? 0 : min(g.outWidth, (first + g.stride - 1) / g.stride);
}

@inline
function validTo(q: i32, g: Geometry): i32 {
  const last = g.inWidth - 1 + g.padding - q;
  return last < 0 ? 0 : min(g.outWidth, last / g.stride + 1);
}

/**
 * Copies `count` floats `src[0], src[stride], …` to `dst`, or writes zeros. Rows here are a few dozen
 * floats: plain loops beat memory.copy/fill, which V8 runs as calls into the runtime.
 */
@inline
function zero(dst: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<f32>(dst + (<usize>i << 2), 0);
}

@inline
function gather(dst: usize, src: usize, count: i32, stride: i32): void {
  if (stride == 1) {
    let i = 0;
    for (; i + 4 <= count; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
    for (; i < count; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
  } else {
    for (let i = 0; i < count; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + ((<usize>i * stride) << 2)));
  }
}

/** dst[i·stride] += src[i] for i < count. */
@inline
function scatterAdd(dst: usize, src: usize, count: i32, stride: i32): void {
  if (stride == 1) {
    let i = 0;
    for (; i + 4 <= count; i += 4) {
      const at = dst + (<usize>i << 2);
      v128.store(at, f32x4.add(v128.load(at), v128.load(src + (<usize>i << 2))));
    }
    for (; i < count; i++) {
      const at = dst + (<usize>i << 2);
      store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>i << 2)));
    }
  } else {
    for (let i = 0; i < count; i++) {
      const at = dst + ((<usize>i * stride) << 2);
      store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>i << 2)));
    }
  }
}

/** col[(c,p,q), (i,j)] = x[c, i·s+p−pad, j·s+q−pad], zero where that falls outside the image. */
function im2col(x: usize, g: Geometry, col: usize): void {
  const area = g.outHeight * g.outWidth;
  let row = col;
  for (let c = 0; c < g.inChannels; c++) {
    const plane = x + ((<usize>c * g.inHeight * g.inWidth) << 2);
    for (let p = 0; p < g.kernelHeight; p++) {
      for (let q = 0; q < g.kernelWidth; q++, row += <usize>area << 2) {
        const j0 = validFrom(q, g);
        const j1 = max(j0, validTo(q, g));
        for (let i = 0; i < g.outHeight; i++) {
          const out = row + ((<usize>i * g.outWidth) << 2);
          const y = i * g.stride + p - g.padding;
          if (y < 0 || y >= g.inHeight) {
            zero(out, g.outWidth);
            continue;
          }
          zero(out, j0);
          gather(out + (<usize>j0 << 2), plane + ((<usize>y * g.inWidth + j0 * g.stride + q - g.padding) << 2), j1 - j0, g.stride);
          zero(out + (<usize>j1 << 2), g.outWidth - j1);
        }
      }
    }
  }
}

/** The adjoint of im2col: dx[c, i·s+p−pad, j·s+q−pad] += dcol[(c,p,q), (i,j)] inside the image. */
function col2im(dcol: usize, g: Geometry, dx: usize): void {
  const area = g.outHeight * g.outWidth;
  let row = dcol;
  for (let c = 0; c < g.inChannels; c++) {
    const plane = dx + ((<usize>c * g.inHeight * g.inWidth) << 2);
    for (let p = 0; p < g.kernelHeight; p++) {
      for (let q = 0; q < g.kernelWidth; q++, row += <usize>area << 2) {
        const j0 = validFrom(q, g);
        const j1 = validTo(q, g);
        for (let i = 0; i < g.outHeight; i++) {
          const y = i * g.stride + p - g.padding;
          if (y < 0 || y >= g.inHeight) continue;
          if (j1 <= j0) continue;
          const src = row + ((<usize>(i * g.outWidth + j0)) << 2);
          scatterAdd(plane + ((<usize>y * g.inWidth + j0 * g.stride + q - g.padding) << 2), src, j1 - j0, g.stride);
        }
      }
    }
  }
}

/**
 * out[b] = W·im2col(x[b]) for images [b0, b1). `packedW` is W [O, C·KH·KW] packed by packWholeA;
 * `col` is this chunk's patch matrix scratch; `g` points at the geometry (10 int32s).
 */
export function conv2dForward(work: usize, x: usize, packedW: usize, out: usize, b0: i32, b1: i32, g: Geometry, col: usize): void {
  const rows = patchRows(g);
  const area = g.outHeight * g.outWidth;
  const image = <usize>g.inChannels * g.inHeight * g.inWidth;
  for (let b = b0; b < b1; b++) {
    im2col(x + ((<usize>b * image) << 2), g, col);
    const o = out + ((<usize>b * g.outChannels * area) << 2);
    gemm(work, false, false, g.outChannels, area, rows, 0, rows, col, area, o, area, false, packedW);
  }
}

/** dx[b] (+)= col2im(Wᵀ·dy[b]) for images [b0, b1); `packedWT` is Wᵀ packed by packWholeA. */
export function conv2dBackwardInput(
  work: usize,
  dy: usize,
  packedWT: usize,
  dx: usize,
  b0: i32,
  b1: i32,
  g: Geometry,
  dcol: usize,
  accumulate: bool,
): void {
  const rows = patchRows(g);
  const area = g.outHeight * g.outWidth;
  const image = <usize>g.inChannels * g.inHeight * g.inWidth;
  for (let b = b0; b < b1; b++) {
    gemm(work, true, false, rows, area, g.outChannels, 0, rows, dy + ((<usize>b * g.outChannels * area) << 2), area, dcol, area, false, packedWT);
    const d = dx + ((<usize>b * image) << 2);
    if (!accumulate) memory.fill(d, 0, image << 2);
    col2im(dcol, g, d);
  }
}

/** dw = Σ_b dy[b]·im2col(x[b])ᵀ over images [b0, b1), overwriting this chunk's partial sum `dw`. */
export function conv2dBackwardWeight(work: usize, dy: usize, x: usize, dw: usize, b0: i32, b1: i32, g: Geometry, col: usize): void {
  const rows = patchRows(g);
  const area = g.outHeight * g.outWidth;
  const image = <usize>g.inChannels * g.inHeight * g.inWidth;
  for (let b = b0; b < b1; b++) {
    im2col(x + ((<usize>b * image) << 2), g, col);
    const d = dy + ((<usize>b * g.outChannels * area) << 2);
    gemm(work, false, true, g.outChannels, rows, area, d, area, col, area, dw, rows, b > b0, 0);
  }
}
