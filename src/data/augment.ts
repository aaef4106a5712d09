import type { AugmentationSpec } from '../spec/schema.js';
import type { Random } from '../util/random.js';

/**
 * The note's "more data": training images changed at random every time they are drawn, from
 * the run's 'augment' stream. Per image, in this order: a rotation by an angle uniform in
 * ±rotate degrees and a shift by whole pixels uniform in ±shift along each axis (one bilinear
 * resampling about the centre, edges extended as Keras' fill_mode "nearest"), a horizontal
 * flip with probability ½, then Gaussian noise of std `noise` on every value. Disabled options
 * draw nothing. Works in place on a batch of `size` samples of shape `sampleShape`; rotation,
 * shift and flip need images [C, H, W], noise works on anything.
 */
export function augmentBatch(x: Float32Array, size: number, sampleShape: readonly number[], spec: AugmentationSpec, rng: Random): void {
  const features = x.length / size;
  const geometric = spec.rotate > 0 || spec.shift > 0 || spec.flipHorizontal;
  const [channels, height, width] = sampleShape;
  const scratch = geometric ? new Float32Array(features) : null;
  for (let s = 0; s < size; s++) {
    const sample = x.subarray(s * features, (s + 1) * features);
    if (scratch !== null) {
      const angle = spec.rotate > 0 ? (rng.range(-spec.rotate, spec.rotate) * Math.PI) / 180 : 0;
      const dy = spec.shift > 0 ? rng.int(2 * spec.shift + 1) - spec.shift : 0;
      const dx = spec.shift > 0 ? rng.int(2 * spec.shift + 1) - spec.shift : 0;
      const flip = spec.flipHorizontal && rng.uniform() < 0.5;
      scratch.set(sample);
      for (let c = 0; c < channels; c++) {
        const plane = c * height * width;
        warp(scratch.subarray(plane, plane + height * width), sample.subarray(plane, plane + height * width), height, width, angle, dy, dx, flip);
      }
    }
    if (spec.noise > 0) for (let i = 0; i < features; i++) sample[i] += spec.noise * rng.normal();
  }
}

/** out(i, j) = src at the point that rotation by `angle` and the shift carry to (i, j). */
function warp(src: Float32Array, out: Float32Array, h: number, w: number, angle: number, dy: number, dx: number, flip: boolean): void {
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const at = (y: number, x: number) => src[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))];
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      // invert: undo the shift, then rotate back by −angle about the centre
      const yi = i - dy - cy;
      const xj = (flip ? w - 1 - j : j) - dx - cx;
      const y = cos * yi - sin * xj + cy;
      const x = sin * yi + cos * xj + cx;
      const y0 = Math.floor(y);
      const x0 = Math.floor(x);
      const fy = y - y0;
      const fx = x - x0;
      out[i * w + j] =
        (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
    }
  }
}
