export function addBias(
  x: Float32Array,
  bias: Float32Array,
  out: Float32Array,
  rows: number,
  channels: number,
  inner: number,
): void {
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      const v = bias[c];
      for (let i = 0; i < inner; i++, o++) out[o] = x[o] + v;
    }
  }
}

export function biasGrad(
  dy: Float32Array,
  db: Float32Array,
  rows: number,
  channels: number,
  inner: number,
  accumulate: boolean,
): void {
  if (!accumulate) db.fill(0, 0, channels);
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      let s = 0;
      for (let i = 0; i < inner; i++, o++) s += dy[o];
      db[c] += s;
    }
  }
}
