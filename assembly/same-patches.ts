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
    walkPatchRows(planes, masks, col + (<usize>(b - b0) * area << 2), ld, g, true, false);
  }
}

/**
 * dx[b] (+)= col2im of image b's columns of `dcol` for images [b0, b1): each row is added back
 * onto the zeroed padded image along the run it was copied from, and the image is cut out of it.
 * With `clear`, the columns read are left zero, ready for a product that adds onto them.
 */
export function sameCol2imImages(work: usize, dcol: usize, b0: i32, b1: i32, g: Geometry, ld: i32, dx: usize, accumulate: bool, scratch: usize, clear: bool): void {
  const area = g.inHeight * g.inWidth;
  const bytes = <usize>area << 2;
  const image = <usize>g.inChannels * bytes;
  const masks = scratch + paddedImageBytes(g);
  columnMasks(0, maskedPixels(g), g, masks);
  const planes = firstPlane(g, scratch);
  const plane = <usize>paddedPlaneFloats(g) << 2;
  const band = <usize>g.padding * g.inWidth << 2;
  const whole = bytes & ~15;
  for (let b = b0; b < b1; b++) {
    memory.fill(planes, 0, <usize>g.inChannels * plane);
    walkPatchRows(planes, masks, dcol + <usize>(b - b0) * bytes, ld, g, false, clear);
    const d = dx + <usize>b * image;
    for (let c = 0; c < g.inChannels; c++) {
      const src = planes + <usize>c * plane + band;
      const to = d + <usize>c * bytes;
      if (!accumulate) {
        memory.copy(to, src, bytes);
        continue;
      }
      let i: usize = 0;
      for (; i < whole; i += 16) v128.store(to + i, f32x4.add(v128.load(to + i), v128.load(src + i)));
      for (; i < bytes; i += 4) store<f32>(to + i, load<f32>(to + i) + load<f32>(src + i));
    }
  }
}

/**
 * Walks the patch rows (c, p, q) of one padded image, row r at `rows` + r·ld floats: copies each
 * masked run of the planes into its row (`toRows`), or adds each row, masked, back onto its run
 * (and zeroes the row after, with `clear`).
 */
function walkPatchRows(planes: usize, masks: usize, rows: usize, ld: i32, g: Geometry, toRows: bool, clear: bool): void {
  const bytes = <usize>(g.inHeight * g.inWidth) << 2;
  const whole = bytes & ~15;
  let row = rows;
  for (let c = 0; c < g.inChannels; c++) {
    for (let p = 0; p < g.kernelHeight; p++) {
      for (let q = 0; q < g.kernelWidth; q++, row += <usize>ld << 2) {
        const run = planes + (<usize>(c * paddedPlaneFloats(g) + p * g.inWidth + q - g.padding) << 2);
        const mask = masks + (<usize>q * maskedPixels(g) << 2);
        let i: usize = 0;
        if (toRows) {
          for (; i < whole; i += 16) v128.store(row + i, v128.and(v128.load(run + i), v128.load(mask + i)));
          for (; i < bytes; i += 4) store<i32>(row + i, load<i32>(run + i) & load<i32>(mask + i));
        } else {
          for (; i < whole; i += 16) {
            v128.store(run + i, f32x4.add(v128.load(run + i), v128.and(v128.load(row + i), v128.load(mask + i))));
            if (clear) v128.store(row + i, i32x4.splat(0));
          }
          for (; i < bytes; i += 4) {
            store<f32>(run + i, load<f32>(run + i) + reinterpret<f32>(load<i32>(row + i) & load<i32>(mask + i)));
            if (clear) store<i32>(row + i, 0);
          }
        }
      }
    }
  }
}
