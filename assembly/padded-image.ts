import { Geometry } from './conv-geometry';
import { NR } from './microkernel';

/**
 * For stride-1 convolutions whose output is as large as their input ('same' padding, odd square
 * kernels): once `padding` rows of zeros are added above and below each channel, output pixel
 * n = i·W + j reads, at kernel offset (p, q), float n + p·W + q − padding of its channel's padded
 * plane. Consecutive pixels read consecutive floats, even across image rows, so patches load as
 * whole vectors; the reads that wrap around a row's edge, where the padded image would have zero
 * columns, are masked off per lane (column masks).
 */

/** Floats kept before and after the planes, so that masked reads and reads for pixels past the last stay inside. */
@inline
function slack(g: Geometry): i32 {
  return g.padding + 2 * NR;
}

@inline
export function paddedPlaneFloats(g: Geometry): i32 {
  return (g.inHeight + 2 * g.padding) * g.inWidth;
}

export function paddedImageBytes(g: Geometry): usize {
  return (<usize>g.inChannels * paddedPlaneFloats(g) + 2 * slack(g)) << 2;
}

/** Where the first plane starts in a padded image's scratch. */
@inline
export function firstPlane(g: Geometry, scratch: usize): usize {
  return scratch + (<usize>slack(g) << 2);
}

/**
 * Copies image `x` [C, H, W] into `scratch` (paddedImageBytes) with the zero rows added, and
 * returns the address of its first plane. The slack is left as it was: only masked lanes, or
 * lanes the kernels discard, read it.
 */
export function padImage(x: usize, g: Geometry, scratch: usize): usize {
  const planes = firstPlane(g, scratch);
  const band = <usize>g.padding * g.inWidth << 2;
  const image = <usize>g.inHeight * g.inWidth << 2;
  let dst = planes;
  for (let c = 0; c < g.inChannels; c++, x += image) {
    memory.fill(dst, 0, band);
    memory.copy(dst + band, x, image);
    memory.fill(dst + band + image, 0, band);
    dst += band + image + band;
  }
  return planes;
}

/**
 * For `count` (a multiple of 4) consecutive pixels from `first`: dst[q·count + s] is all ones when
 * pixel first + s, at kernel column q, reads inside its image row, else zero.
 */
export function columnMasks(first: i32, count: i32, g: Geometry, dst: usize): void {
  const width = g.inWidth;
  let j = first % width;
  for (let s = 0; s < count; s += 4) {
    let columns = i32x4.splat(j);
    j = j + 1 == width ? 0 : j + 1;
    columns = i32x4.replace_lane(columns, 1, j);
    j = j + 1 == width ? 0 : j + 1;
    columns = i32x4.replace_lane(columns, 2, j);
    j = j + 1 == width ? 0 : j + 1;
    columns = i32x4.replace_lane(columns, 3, j);
    j = j + 1 == width ? 0 : j + 1;
    for (let q = 0; q < g.kernelWidth; q++) {
      const inside = v128.and(i32x4.ge_s(columns, i32x4.splat(g.padding - q)), i32x4.lt_s(columns, i32x4.splat(width + g.padding - q)));
      v128.store(dst + ((<usize>q * count + s) << 2), inside);
    }
  }
}
