/**
 * Max over size×size windows with stride size, for planes [firstPlane, lastPlane) (threads split
 * the planes; `work`, their scratch, goes unused); argmax gets the flat input index of the maximum.
 * First maximum wins and NaN propagates, as in the reference (and PyTorch's CPU kernel).
 * 2×2 windows, by far the most common, take four outputs at a time in SIMD; others go one by one.
 */
export function maxPool2d(
  work: usize,
  x: usize,
  out: usize,
  argmax: usize,
  firstPlane: i32,
  lastPlane: i32,
  height: i32,
  width: i32,
  size: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  const vector = size == 2 && outWidth >= 4;
  const skipped = <usize>firstPlane * outHeight * outWidth << 2;
  out += skipped;
  argmax += skipped;
  for (let pl = firstPlane; pl < lastPlane; pl++) {
    const base = pl * height * width;
    for (let i = 0; i < outHeight; i++) {
      const rowStart = base + i * size * width;
      if (vector) {
        pairRows(x, out, argmax, rowStart, width, outWidth);
      } else {
        for (let j = 0; j < outWidth; j++) {
          const o = <usize>j << 2;
          window(x, out + o, argmax + o, rowStart + j * size, width, size);
        }
      }
      out += <usize>outWidth << 2;
      argmax += <usize>outWidth << 2;
    }
  }
}

/** One window whose top-left input is at flat index `first`, scanned row by row. */
@inline
function window(x: usize, out: usize, argmax: usize, first: i32, width: i32, size: i32): void {
  let best = -Infinity as f32;
  let at = first;
  for (let p = 0; p < size; p++) {
    let idx = first + p * width;
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
}

/**
 * Whether each lane of `v` replaces the best so far in a scan: it is larger or NaN, and the best
 * is not NaN already (a NaN ends the scan).
 */
@inline
function takes(v: v128, best: v128): v128 {
  return v128.and(f32x4.eq(best, best), v128.or(f32x4.gt(v, best), f32x4.ne(v, v)));
}

/**
 * A row of `columns` (at least 4) 2×2 windows whose top row starts at flat index `rowStart`, four
 * at a time; when 4 does not divide `columns`, the last four overlap the ones before, which writes
 * some outputs twice but spares a scalar tail. Each window's inputs are scanned in order.
 */
function pairRows(x: usize, out: usize, argmax: usize, rowStart: i32, width: i32, columns: i32): void {
  const top = x + (<usize>rowStart << 2);
  const below = <usize>width << 2;
  const lanes = i32x4(0, 2, 4, 6);
  const right = i32x4.splat(1);
  const down = i32x4.splat(width);
  for (let next = 0; next < columns; next += 4) {
    const j = min(next, columns - 4);
    const at = top + (<usize>j << 3);
    const t0 = v128.load(at);
    const t1 = v128.load(at, 16);
    const b0 = v128.load(at + below);
    const b1 = v128.load(at + below, 16);
    const topLeft = i32x4.add(i32x4.splat(rowStart + 2 * j), lanes);
    let best = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
    let index = topLeft;
    let v = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
    let take = takes(v, best);
    best = v128.bitselect(v, best, take);
    index = v128.bitselect(i32x4.add(topLeft, right), index, take);
    v = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
    take = takes(v, best);
    best = v128.bitselect(v, best, take);
    index = v128.bitselect(i32x4.add(topLeft, down), index, take);
    v = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
    take = takes(v, best);
    best = v128.bitselect(v, best, take);
    index = v128.bitselect(i32x4.add(i32x4.add(topLeft, down), right), index, take);
    v128.store(out + (<usize>j << 2), best);
    v128.store(argmax + (<usize>j << 2), index);
  }
}

/**
 * The backward pass given the forward's geometry, for planes [firstPlane, lastPlane): each window
 * of dx gets dy at its argmax and zero elsewhere (added, when accumulating), written in one pass
 * instead of a clear and a scatter; the rows and columns no window covers are cleared or left.
 * 2×2 windows go four at a time in SIMD.
 */
export function maxPool2dWindowsBackward(
  work: usize,
  dy: usize,
  argmax: usize,
  dx: usize,
  firstPlane: i32,
  lastPlane: i32,
  height: i32,
  width: i32,
  size: i32,
  outHeight: i32,
  outWidth: i32,
  accumulate: bool,
): void {
  // overwriting, the last four windows of a row may overlap the ones before (see pairRows)
  const vectorColumns = size != 2 || outWidth < 4 ? 0 : accumulate ? outWidth & ~3 : outWidth;
  const rowBytes = <usize>width << 2;
  const coveredWidth = outWidth * size;
  const skipped = <usize>firstPlane * outHeight * outWidth << 2;
  dy += skipped;
  argmax += skipped;
  for (let pl = firstPlane; pl < lastPlane; pl++) {
    const base = pl * height * width;
    const plane = dx + (<usize>base << 2);
    for (let i = 0; i < outHeight; i++) {
      const rowStart = base + i * size * width;
      if (vectorColumns > 0) pairRowsBackward(dy, argmax, dx, rowStart, width, vectorColumns, accumulate);
      for (let j = vectorColumns; j < outWidth; j++) {
        const o = <usize>j << 2;
        windowBackward(load<f32>(dy + o), load<i32>(argmax + o), dx, rowStart + j * size, width, size, accumulate);
      }
      if (!accumulate && coveredWidth < width) {
        for (let p = 0; p < size; p++) {
          const row = dx + (<usize>(rowStart + p * width) << 2);
          memory.fill(row + (<usize>coveredWidth << 2), 0, <usize>(width - coveredWidth) << 2);
        }
      }
      dy += <usize>outWidth << 2;
      argmax += <usize>outWidth << 2;
    }
    const coveredRows = outHeight * size;
    if (!accumulate && coveredRows < height) memory.fill(plane + <usize>coveredRows * rowBytes, 0, <usize>(height - coveredRows) * rowBytes);
  }
}

/** One window whose top-left input is at flat index `first`: `d` where the index is `at`, zero elsewhere. */
@inline
function windowBackward(d: f32, at: i32, dx: usize, first: i32, width: i32, size: i32, accumulate: bool): void {
  for (let p = 0; p < size; p++) {
    let idx = first + p * width;
    for (let q = 0; q < size; q++, idx++) {
      const target = dx + (<usize>idx << 2);
      const v: f32 = idx == at ? d : 0;
      store<f32>(target, accumulate ? load<f32>(target) + v : v);
    }
  }
}

/**
 * `columns` (at least 4) 2×2 windows of one row, as windowBackward, four at a time: a multiple of
 * 4 when accumulating, else the last four may overlap the ones before, written twice alike.
 */
function pairRowsBackward(dy: usize, argmax: usize, dx: usize, rowStart: i32, width: i32, columns: i32, accumulate: bool): void {
  const top = dx + (<usize>rowStart << 2);
  const below = <usize>width << 2;
  const lanes = i32x4(0, 2, 4, 6);
  const zero = f32x4.splat(0);
  for (let next = 0; next < columns; next += 4) {
    const j = min(next, columns - 4);
    const d = v128.load(dy + (<usize>j << 2));
    const offset = i32x4.sub(v128.load(argmax + (<usize>j << 2)), i32x4.add(i32x4.splat(rowStart + 2 * j), lanes));
    const topLeft = v128.bitselect(d, zero, i32x4.eq(offset, i32x4.splat(0)));
    const topRight = v128.bitselect(d, zero, i32x4.eq(offset, i32x4.splat(1)));
    const bottomLeft = v128.bitselect(d, zero, i32x4.eq(offset, i32x4.splat(width)));
    const bottomRight = v128.bitselect(d, zero, i32x4.eq(offset, i32x4.splat(width + 1)));
    const at = top + (<usize>j << 3);
    let t0 = v128.shuffle<f32>(topLeft, topRight, 0, 4, 1, 5);
    let t1 = v128.shuffle<f32>(topLeft, topRight, 2, 6, 3, 7);
    let b0 = v128.shuffle<f32>(bottomLeft, bottomRight, 0, 4, 1, 5);
    let b1 = v128.shuffle<f32>(bottomLeft, bottomRight, 2, 6, 3, 7);
    if (accumulate) {
      t0 = f32x4.add(t0, v128.load(at));
      t1 = f32x4.add(t1, v128.load(at, 16));
      b0 = f32x4.add(b0, v128.load(at + below));
      b1 = f32x4.add(b1, v128.load(at + below, 16));
    }
    v128.store(at, t0);
    v128.store(at, t1, 16);
    v128.store(at + below, b0);
    v128.store(at + below, b1, 16);
  }
}
