/**
 * Weight-shaped steps around the 'same' convolutions (same-conv.ts): the kernels of the
 * convolution that computes backward input, and the weight gradient from its transposed parts.
 */

/**
 * flipped[c, o, p, q] = w[o, c, KH−1−p, KW−1−q]: dx is dy convolved, with the same padding, by
 * these [C, O, KH, KW] kernels (for stride 1 and padding (K − 1)/2).
 */
export function flipKernels(w: usize, outChannels: i32, inChannels: i32, kernelHeight: i32, kernelWidth: i32, flipped: usize): void {
  const area = kernelHeight * kernelWidth;
  for (let o = 0; o < outChannels; o++) {
    for (let c = 0; c < inChannels; c++) {
      const src = w + (<usize>(o * inChannels + c) * area << 2);
      const dst = flipped + (<usize>(c * outChannels + o) * area << 2);
      for (let i = 0; i < area; i++) store<f32>(dst + (<usize>(area - 1 - i) << 2), load<f32>(src + (<usize>i << 2)));
    }
  }
}

/** dw[o, r] (+)= Σ_p parts[p][r, o]: the chunks' partial dWᵀ [rows, columns] summed and transposed. */
export function sumTransposedParts(dw: usize, parts: usize, count: i32, rows: i32, columns: i32, accumulate: bool): void {
  const partBytes = <usize>rows * columns << 2;
  for (let o = 0; o < columns; o++) {
    for (let r = 0; r < rows; r++) {
      const at = dw + (<usize>(o * rows + r) << 2);
      let s: f32 = accumulate ? load<f32>(at) : 0;
      const src = parts + (<usize>(r * columns + o) << 2);
      for (let p = 0; p < count; p++) s += load<f32>(src + <usize>p * partBytes);
      store<f32>(at, s);
    }
  }
}
