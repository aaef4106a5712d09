/**
 * Bilinear resizing of one image plane, with half-pixel centres and edges extended: the default
 * of tf.image.resize (Keras' image_dataset_from_directory) and of PyTorch's interpolate with
 * align_corners=False, without antialiasing. Output pixel (y, x) samples the input at
 * ((y + ½)·H/h − ½, (x + ½)·W/w − ½), clamped to the image.
 */
export function resizeBilinear(src: ArrayLike<number>, height: number, width: number, dst: Float64Array, toHeight: number, toWidth: number): void {
  const rows = axisWeights(height, toHeight);
  const cols = axisWeights(width, toWidth);
  for (let y = 0; y < toHeight; y++) {
    const [y0, y1, fy] = [rows.low[y], rows.high[y], rows.frac[y]];
    for (let x = 0; x < toWidth; x++) {
      const [x0, x1, fx] = [cols.low[x], cols.high[x], cols.frac[x]];
      const top = src[y0 * width + x0] * (1 - fx) + src[y0 * width + x1] * fx;
      const bottom = src[y1 * width + x0] * (1 - fx) + src[y1 * width + x1] * fx;
      dst[y * toWidth + x] = top * (1 - fy) + bottom * fy;
    }
  }
}

/** For each output index along one axis: the two input indices it lies between and its weight. */
function axisWeights(from: number, to: number): { low: Int32Array; high: Int32Array; frac: Float64Array } {
  const low = new Int32Array(to);
  const high = new Int32Array(to);
  const frac = new Float64Array(to);
  for (let i = 0; i < to; i++) {
    const at = Math.min(Math.max((i + 0.5) * (from / to) - 0.5, 0), from - 1);
    low[i] = Math.floor(at);
    high[i] = Math.min(low[i] + 1, from - 1);
    frac[i] = at - low[i];
  }
  return { low, high, frac };
}
