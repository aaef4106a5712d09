/**
 * out[r, c, i] = x[r, c, i] + bias[c]: SIMD along the inner run, which is long for conv maps, or
 * along the channels when there is none (dense layers, inner = 1). Threads split the rows
 * (`work`, their scratch, goes unused).
 */
export function addBias(work: usize, x: usize, bias: usize, out: usize, rows: i32, channels: i32, inner: i32): void {
  if (inner == 1) {
    const rowBytes = <usize>channels << 2;
    for (let r = 0; r < rows; r++, x += rowBytes, out += rowBytes) {
      let c: usize = 0;
      for (; c + 16 <= rowBytes; c += 16) v128.store(out + c, f32x4.add(v128.load(x + c), v128.load(bias + c)));
      for (; c < rowBytes; c += 4) store<f32>(out + c, load<f32>(x + c) + load<f32>(bias + c));
    }
    return;
  }
  const runBytes = <usize>inner << 2;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      const v = load<f32>(bias + (<usize>c << 2));
      const splat = f32x4.splat(v);
      let i: usize = 0;
      for (; i + 16 <= runBytes; i += 16) v128.store(out + i, f32x4.add(v128.load(x + i), splat));
      for (; i < runBytes; i += 4) store<f32>(out + i, load<f32>(x + i) + v);
      x += runBytes;
      out += runBytes;
    }
  }
}

/**
 * db[c] (+)= Σ_{r,i} dy[r, c, i] for channels [firstChannel, lastChannel), SIMD as addBias. Rows
 * are added in order, as in the reference; threads split the channels, so no sum is split.
 */
export function biasGrad(
  work: usize,
  dy: usize,
  db: usize,
  rows: i32,
  channels: i32,
  inner: i32,
  firstChannel: i32,
  lastChannel: i32,
  accumulate: bool,
): void {
  const rowBytes = <usize>channels * inner << 2;
  db += <usize>firstChannel << 2;
  dy += <usize>firstChannel * inner << 2;
  const count = lastChannel - firstChannel;
  if (!accumulate) memory.fill(db, 0, <usize>count << 2);
  if (inner == 1) {
    const bytes = <usize>count << 2;
    for (let r = 0; r < rows; r++, dy += rowBytes) {
      let c: usize = 0;
      for (; c + 16 <= bytes; c += 16) v128.store(db + c, f32x4.add(v128.load(db + c), v128.load(dy + c)));
      for (; c < bytes; c += 4) store<f32>(db + c, load<f32>(db + c) + load<f32>(dy + c));
    }
    return;
  }
  const runBytes = <usize>inner << 2;
  for (let r = 0; r < rows; r++, dy += rowBytes) {
    let run = dy;
    for (let c = 0; c < count; c++, run += runBytes) {
      let lanes = f32x4.splat(0);
      let i: usize = 0;
      for (; i + 16 <= runBytes; i += 16) lanes = f32x4.add(lanes, v128.load(run + i));
      let s = f32x4.extract_lane(lanes, 0) + f32x4.extract_lane(lanes, 1) + f32x4.extract_lane(lanes, 2) + f32x4.extract_lane(lanes, 3);
      for (; i < runBytes; i += 4) s += load<f32>(run + i);
      const at = db + (<usize>c << 2);
      store<f32>(at, load<f32>(at) + s);
    }
  }
}

/** dst[i] (+)= Σ_p parts[p·n + i] for p < count: folds per-thread partial sums. */
export function sumParts(dst: usize, parts: usize, count: i32, n: i32, accumulate: bool): void {
  const bytes = <usize>n << 2;
  for (let i: usize = 0; i < bytes; i += 4) {
    let s: f32 = accumulate ? load<f32>(dst + i) : 0;
    for (let p = 0; p < count; p++) s += load<f32>(parts + <usize>p * bytes + i);
    store<f32>(dst + i, s);
  }
}
