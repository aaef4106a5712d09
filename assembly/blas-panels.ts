import { Geometry } from './conv-geometry';

/**
 * Operands laid out for the BLAS's own inner kernel (src/backend/blas/packed-conv.ts). A BLAS
 * copies both operands of a product into panels before its kernel multiplies them; writing a
 * convolution's patches straight into that form skips the patch matrix and the BLAS's copy of it.
 *
 * A packed operand is cut across one of its dimensions into panels `unroll` wide, the rest in
 * halving widths (unroll/2, …, 1) while they fit; a panel holds, for each index t along the other
 * dimension in turn, its `width` values side by side. Element (i, t) is the float at byte
 * src + across[i] + along[t]: pixel and patch-row offsets into a zero-framed image give the
 * patches, a row stride and a step of one float give a plain matrix.
 */
export function packPanels(src: usize, across: usize, count: i32, unroll: i32, along: usize, length: i32, dst: usize): void {
  let width = unroll;
  for (let first = 0; first < count; first += width) {
    while (width > count - first) width >>= 1;
    const stride = <usize>width << 2;
    let lane = 0;
    while (lane + 4 <= width) {
      const offsets = across + (<usize>(first + lane) << 2);
      const at = dst + (<usize>lane << 2);
      if (isRun(offsets)) {
        gatherRun(src + <usize>load<i32>(offsets), along, length, at, stride);
        lane += 4;
      } else if (lane + 8 <= width && !isRun(offsets + 16)) {
        // two groups of four scattered lanes at once: twice the work per check of `along`
        gatherLanes(src, offsets, along, length, at, stride, true);
        lane += 8;
      } else {
        gatherLanes(src, offsets, along, length, at, stride, false);
        lane += 4;
      }
    }
    for (; lane < width; lane++) {
      const from = src + <usize>load<i32>(across + (<usize>(first + lane) << 2));
      let to = dst + (<usize>lane << 2);
      for (let t = 0; t < length; t++, to += stride) store<f32>(to, load<f32>(from + <usize>load<i32>(along + (<usize>t << 2))));
    }
    dst += stride * length;
  }
}

/** Four lanes whose elements are neighbours in `src`: one vector load per t, four t a turn. */
@inline
function gatherRun(src: usize, along: usize, length: i32, to: usize, stride: usize): void {
  const end = along + (<usize>length << 2);
  for (; along + 16 <= end; along += 16, to += stride << 2) {
    v128.store(to, v128.load(src + <usize>load<i32>(along)));
    v128.store(to + stride, v128.load(src + <usize>load<i32>(along, 4)));
    v128.store(to + 2 * stride, v128.load(src + <usize>load<i32>(along, 8)));
    v128.store(to + 3 * stride, v128.load(src + <usize>load<i32>(along, 12)));
  }
  for (; along < end; along += 4, to += stride) v128.store(to, v128.load(src + <usize>load<i32>(along)));
}

/** Whether the four lanes at `offsets` read neighbouring floats. */
@inline
function isRun(offsets: usize): bool {
  const o0 = load<i32>(offsets);
  return load<i32>(offsets, 4) == o0 + 4 && load<i32>(offsets, 8) == o0 + 8 && load<i32>(offsets, 12) == o0 + 12;
}

/**
 * Four lanes (eight with `twice`) from anywhere in `src`: where four consecutive t are neighbours
 * in `src` too, each lane's four elements load as one vector and a 4×4 transpose turns them into
 * the four t's rows; where two are, half vectors; elsewhere one element at a time.
 */
@inline
function gatherLanes(src: usize, offsets: usize, along: usize, length: i32, to: usize, stride: usize, twice: bool): void {
  const end = along + (<usize>length << 2);
  while (along < end) {
    const at = src + <usize>load<i32>(along);
    if (along + 16 <= end && load<i32>(along, 12) == load<i32>(along) + 12) {
      transposeBlock(at, offsets, to, stride);
      if (twice) transposeBlock(at, offsets + 16, to + 16, stride);
      along += 16;
      to += stride << 2;
    } else if (along + 8 <= end && load<i32>(along, 4) == load<i32>(along) + 4) {
      // two neighbouring t (an image row's last two pixels): half vectors, a 4×2 transpose
      transposePair(at, offsets, to, stride);
      if (twice) transposePair(at, offsets + 16, to + 16, stride);
      along += 8;
      to += stride << 1;
    } else {
      v128.store(to, gatherFour(at, offsets));
      if (twice) v128.store(to + 16, gatherFour(at, offsets + 16));
      along += 4;
      to += stride;
    }
  }
}

@inline
function transposeBlock(at: usize, offsets: usize, to: usize, stride: usize): void {
  const v0 = v128.load(at + <usize>load<i32>(offsets));
  const v1 = v128.load(at + <usize>load<i32>(offsets, 4));
  const v2 = v128.load(at + <usize>load<i32>(offsets, 8));
  const v3 = v128.load(at + <usize>load<i32>(offsets, 12));
  const low01 = i32x4.shuffle(v0, v1, 0, 4, 1, 5);
  const high01 = i32x4.shuffle(v0, v1, 2, 6, 3, 7);
  const low23 = i32x4.shuffle(v2, v3, 0, 4, 1, 5);
  const high23 = i32x4.shuffle(v2, v3, 2, 6, 3, 7);
  v128.store(to, i32x4.shuffle(low01, low23, 0, 1, 4, 5));
  v128.store(to + stride, i32x4.shuffle(low01, low23, 2, 3, 6, 7));
  v128.store(to + 2 * stride, i32x4.shuffle(high01, high23, 0, 1, 4, 5));
  v128.store(to + 3 * stride, i32x4.shuffle(high01, high23, 2, 3, 6, 7));
}

@inline
function transposePair(at: usize, offsets: usize, to: usize, stride: usize): void {
  const v0 = v128.load64_zero(at + <usize>load<i32>(offsets));
  const v1 = v128.load64_zero(at + <usize>load<i32>(offsets, 4));
  const v2 = v128.load64_zero(at + <usize>load<i32>(offsets, 8));
  const v3 = v128.load64_zero(at + <usize>load<i32>(offsets, 12));
  const low01 = i32x4.shuffle(v0, v1, 0, 4, 1, 5);
  const low23 = i32x4.shuffle(v2, v3, 0, 4, 1, 5);
  v128.store(to, i32x4.shuffle(low01, low23, 0, 1, 4, 5));
  v128.store(to + stride, i32x4.shuffle(low01, low23, 2, 3, 6, 7));
}

@inline
function gatherFour(at: usize, offsets: usize): v128 {
  let v = f32x4.splat(load<f32>(at + <usize>load<i32>(offsets)));
  v = f32x4.replace_lane(v, 1, load<f32>(at + <usize>load<i32>(offsets, 4)));
  v = f32x4.replace_lane(v, 2, load<f32>(at + <usize>load<i32>(offsets, 8)));
  return f32x4.replace_lane(v, 3, load<f32>(at + <usize>load<i32>(offsets, 12)));
}

/** Zeroes what the kernel will add onto (TypedArray.fill on shared memory is several times slower). */
export function zero(dst: usize, bytes: usize): void {
  memory.fill(dst, 0, bytes);
}

/** dst[i] = i·step for i < count: a plain matrix's offsets for packPanels, `step` in bytes. */
export function steps(dst: usize, count: i32, step: i32): void {
  for (let i = 0; i < count; i++) store<i32>(dst + (<usize>i << 2), i * step);
}

/** Height and width of an input plane with `padding` zeros on every side. */
@inline
function framedWidth(g: Geometry): i32 {
  return g.inWidth + 2 * g.padding;
}

@inline
function framedPlaneFloats(g: Geometry): i32 {
  return (g.inHeight + 2 * g.padding) * framedWidth(g);
}

export function framedImageBytes(g: Geometry): usize {
  return <usize>g.inChannels * framedPlaneFloats(g) << 2;
}

/**
 * Zeroes a framed image and writes the byte offsets of its patches: pixels[n] where output pixel
 * n's window starts, patches[r] where patch row r = (c, p, q) sits within a window. Output pixel
 * n reads the float at framed + pixels[n] + patches[r] for row r, the zero frame standing for the
 * padding.
 */
export function frameOffsets(g: Geometry, framed: usize, pixels: usize, patches: usize): void {
  memory.fill(framed, 0, framedImageBytes(g));
  const width = framedWidth(g);
  let n = 0;
  for (let i = 0; i < g.outHeight; i++) {
    for (let j = 0; j < g.outWidth; j++, n++) store<i32>(pixels + (<usize>n << 2), (i * width + j) * g.stride << 2);
  }
  let r = 0;
  for (let c = 0; c < g.inChannels; c++) {
    for (let p = 0; p < g.kernelHeight; p++) {
      for (let q = 0; q < g.kernelWidth; q++, r++) store<i32>(patches + (<usize>r << 2), (c * framedPlaneFloats(g) + p * width + q) << 2);
    }
  }
}

/** Copies image `x` [C, H, W] inside the frame of `framed`, whose zeros stay from frameOffsets. */
export function frameImage(x: usize, g: Geometry, framed: usize): void {
  const width = framedWidth(g);
  const row = <usize>g.inWidth << 2;
  const whole = row & ~15;
  let to = framed + (<usize>(g.padding * width + g.padding) << 2);
  for (let c = 0; c < g.inChannels; c++, to += <usize>(2 * g.padding * width) << 2) {
    // rows are short (14 floats in the CNN's second layer): a vector loop, not memory.copy's call
    for (let i = 0; i < g.inHeight; i++, x += row, to += <usize>width << 2) {
      let j: usize = 0;
      for (; j < whole; j += 16) v128.store(to + j, v128.load(x + j));
      for (; j < row; j += 4) store<f32>(to + j, load<f32>(x + j));
    }
  }
}
