import { Geometry } from './conv-geometry';
import { columnMasks, firstPlane, padImage, paddedImageBytes, paddedPlaneFloats } from './padded-image';

/**
 * im2col and col2im for stride-1 'same' convolutions, for convolutions as one product over many
 * images (the blas backend; conv.ts has the general ones). With the image padded above and below
 * (padded-image.ts), patch row (c, p, q) of pixel n is float n + p·W + q − padding of channel c's
 * padded plane: every row is one masked run of a plane, copied (or added back) a vector at a
 * time instead of an image row at a time.
 */

/** Bytes of a chunk's scratch: the padded image, then the column masks of a whole image. */
export function samePatchScratchBytes(g: Geometry): usize {
  return paddedImageBytes(g) + ((<usize>g.kernelWidth * maskedPixels(g)) << 2);
}

/** The image's pixels rounded up to whole vectors: column masks come 4 at a time. */
@inline
function maskedPixels(g: Geometry): i32 {
  return (g.inHeight * g.inWidth + 3) & ~3;
}

/**
 * col[:, (b − b0)·H·W + n] = patches of x[b] for images [b0, b1), in the layout of
 * im2colImages (conv.ts): rows `ld` floats apart, image b0's columns starting at `col`.
 */
export function samePatchesImages(work: usize, x: usize, b0: i32, b1: i32, g: Geometry, col: usize, ld: i32, scratch: usize): void {
  const area = g.inHeight * g.inWidth;
  const image = <usize>g.inChannels * area << 2;
  const masks = scratch + paddedImageBytes(g);
  columnMasks(0, maskedPixels(g), g, masks);
  for (let b = b0; b < b1; b++) {
    const planes = padImage(x + <usize>b * image, g, scratch);
    let row = col + (<usize>(b - b0) * area << 2);
    for (let c = 0; c < g.inChannels; c++) {
      for (let p = 0; p < g.kernelHeight; p++) {
        for (let q = 0; q < g.kernelWidth; q++, row += <usize>ld << 2) {
          const src = planes + (<usize>(c * paddedPlaneFloats(g) + p * g.inWidth + q - g.padding) << 2);
          const mask = masks + (<usize>q * maskedPixels(g) << 2);
          let i: usize = 0;
          const whole = <usize>(area & ~3) << 2;
          for (; i < whole; i += 16) v128.store(row + i, v128.and(v128.load(src + i), v128.load(mask + i)));
          for (; i < <usize>area << 2; i += 4) store<i32>(row + i, load<i32>(src + i) & load<i32>(mask + i));
        }
      }
    }
  }
}

/**
 * dx[b] (+)= col2im of image b's columns of `dcol` for images [b0, b1): each row is added back
 * onto the zeroed padded image along the run it was copied from, and the image is cut out of it.
 */
export function sameCol2imImages(work: usize, dcol: usize, b0: i32, b1: i32, g: Geometry, ld: i32, dx: usize, accumulate: bool, scratch: usize): void {
  const area = g.inHeight * g.inWidth;
  const image = <usize>g.inChannels * area << 2;
  const masks = scratch + paddedImageBytes(g);
  columnMasks(0, maskedPixels(g), g, masks);
  const planes = firstPlane(g, scratch);
  const plane = <usize>paddedPlaneFloats(g) << 2;
  const band = <usize>g.padding * g.inWidth << 2;
  for (let b = b0; b < b1; b++) {
    memory.fill(planes, 0, <usize>g.inChannels * plane);
    let row = dcol + (<usize>(b - b0) * area << 2);
    for (let c = 0; c < g.inChannels; c++) {
      for (let p = 0; p < g.kernelHeight; p++) {
        for (let q = 0; q < g.kernelWidth; q++, row += <usize>ld << 2) {
          const dst = planes + (<usize>(c * paddedPlaneFloats(g) + p * g.inWidth + q - g.padding) << 2);
          const mask = masks + (<usize>q * maskedPixels(g) << 2);
          let i: usize = 0;
          const whole = <usize>(area & ~3) << 2;
          for (; i < whole; i += 16) v128.store(dst + i, f32x4.add(v128.load(dst + i), v128.and(v128.load(row + i), v128.load(mask + i))));
          for (; i < <usize>area << 2; i += 4) store<f32>(dst + i, load<f32>(dst + i) + reinterpret<f32>(load<i32>(row + i) & load<i32>(mask + i)));
        }
      }
    }
    const d = dx + <usize>b * image;
    for (let c = 0; c < g.inChannels; c++) {
      const src = planes + <usize>c * plane + band;
      const to = d + (<usize>c * area << 2);
      let i: usize = 0;
      const whole = <usize>(area & ~3) << 2;
      if (accumulate) {
        for (; i < whole; i += 16) v128.store(to + i, f32x4.add(v128.load(to + i), v128.load(src + i)));
        for (; i < <usize>area << 2; i += 4) store<f32>(to + i, load<f32>(to + i) + load<f32>(src + i));
      } else memory.copy(to, src, <usize>area << 2);
    }
  }
}
