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

/**
 * col[(c,p,q), (i,j)] = x[c, i·s+p−pad, j·s+q−pad], zero where that falls outside the image;
 * col's rows are `ld` floats apart.
 */
function im2col(x: usize, g: Geometry, col: usize, ld: i32): void {
  let row = col;
  for (let c = 0; c < g.inChannels; c++) {
    const plane = x + ((<usize>c * g.inHeight * g.inWidth) << 2);
    for (let p = 0; p < g.kernelHeight; p++) {
      for (let q = 0; q < g.kernelWidth; q++, row += <usize>ld << 2) {
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
function col2im(dcol: usize, g: Geometry, dx: usize, ld: i32): void {
  let row = dcol;
  for (let c = 0; c < g.inChannels; c++) {
    const plane = dx + ((<usize>c * g.inHeight * g.inWidth) << 2);
    for (let p = 0; p < g.kernelHeight; p++) {
      for (let q = 0; q < g.kernelWidth; q++, row += <usize>ld << 2) {
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
    im2col(x + ((<usize>b * image) << 2), g, col, area);
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
    col2im(dcol, g, d, area);
  }
}

/** dw = Σ_b dy[b]·im2col(x[b])ᵀ over images [b0, b1), overwriting this chunk's partial sum `dw`. */
export function conv2dBackwardWeight(work: usize, dy: usize, x: usize, dw: usize, b0: i32, b1: i32, g: Geometry, col: usize): void {
  const rows = patchRows(g);
  const area = g.outHeight * g.outWidth;
  const image = <usize>g.inChannels * g.inHeight * g.inWidth;
  for (let b = b0; b < b1; b++) {
    im2col(x + ((<usize>b * image) << 2), g, col, area);
    const d = dy + ((<usize>b * g.outChannels * area) << 2);
    gemm(work, false, true, g.outChannels, rows, area, d, area, col, area, dw, rows, b > b0, 0);
  }
}

/*
 * For convolutions as one product over many images (the blas backend): the patch matrices of
 * images [b0, b1) side by side in one [C·KH·KW, images·OH·OW] matrix whose rows are `ld` floats
 * apart, image b0's columns starting at `col`; and dy, [images, O, OH·OW], as [O, images·OH·OW].
 */

/** col[:, (b − b0)·OH·OW + (i,j)] = im2col(x[b]) for images [b0, b1). `work` is unused. */
export function im2colImages(work: usize, x: usize, b0: i32, b1: i32, g: Geometry, col: usize, ld: i32): void {
  const area = <usize>g.outHeight * g.outWidth << 2;
  const image = <usize>g.inChannels * g.inHeight * g.inWidth << 2;
  for (let b = b0; b < b1; b++) im2col(x + <usize>b * image, g, col + <usize>(b - b0) * area, ld);
}

/** dx[b] (+)= col2im(dcol[:, image b's columns]) for images [b0, b1), laid out as im2colImages lays them. */
export function col2imImages(work: usize, dcol: usize, b0: i32, b1: i32, g: Geometry, ld: i32, dx: usize, accumulate: bool): void {
  const area = <usize>g.outHeight * g.outWidth << 2;
  const image = <usize>g.inChannels * g.inHeight * g.inWidth << 2;
  for (let b = b0; b < b1; b++) {
    const d = dx + <usize>b * image;
    if (!accumulate) memory.fill(d, 0, image);
    col2im(dcol + <usize>(b - b0) * area, g, d, ld);
  }
}

/**
 * Moves `images` blocks of `channels` planes of `area` floats between image-major `batched`
 * [images, channels, area] and channel-major `planes` [channels, images·area] (rows `ld` floats
 * apart): into `planes` when `toPlanes`, else back.
 */
export function regroupPlanes(batched: usize, planes: usize, images: i32, channels: i32, area: i32, ld: i32, toPlanes: bool): void {
  const bytes = <usize>area << 2;
  // a plane is a few hundred floats: gather's vector loop beats memory.copy's call into V8
  for (let b = 0; b < images; b++) {
    for (let o = 0; o < channels; o++, batched += bytes) {
      const plane = planes + ((<usize>o * ld) << 2) + <usize>b * bytes;
      if (toPlanes) gather(plane, batched, area, 1);
      else gather(batched, plane, area, 1);
    }
  }
}
