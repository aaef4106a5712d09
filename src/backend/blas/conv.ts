import type { ConvGeometry } from '../backend.js';
import { convSizes, placeGeometry } from '../wasm/conv-jobs.js';
import { boundary } from '../wasm/matmul.js';
import type { WasmRuntime } from '../wasm/runtime.js';
import type { BlasLibrary } from './library.js';

/**
 * Convolutions as products in the BLAS: the wasm kernels lay out each image's patches (im2col,
 * the threads splitting the images), the BLAS multiplies them image by image, in groups small
 * enough that the patches are still in cache when multiplied.
 */

/** Patch matrices laid out at once: about this many bytes. */
const GROUP_BYTES = 1 << 21;

export interface BlasConv {
  blas: BlasLibrary;
  runtime: WasmRuntime;
}

/** out[b] = W·im2col(x[b]). */
export function conv2d(c: BlasConv, x: Float32Array, w: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const { patchRows, area } = convSizes(g);
  const outImage = g.outChannels * area;
  forEachPatchGroup(c, x, g, (b, col) =>
    c.blas.sgemm(false, false, g.outChannels, area, patchRows, w, patchRows, col, area, 0, out.subarray(b * outImage, (b + 1) * outImage), area),
  );
}

/** dW (+)= Σ_b dy[b]·im2col(x[b])ᵀ. */
export function conv2dBackwardWeight(c: BlasConv, dy: Float32Array, x: Float32Array, dw: Float32Array, g: ConvGeometry, accumulate: boolean): void {
  const { patchRows, area } = convSizes(g);
  const outImage = g.outChannels * area;
  forEachPatchGroup(c, x, g, (b, col) => {
    const beta = accumulate || b > 0 ? 1 : 0;
    c.blas.sgemm(false, true, g.outChannels, patchRows, area, dy.subarray(b * outImage, (b + 1) * outImage), area, col, area, beta, dw, patchRows);
  });
}

/** Runs `product` on each image's patch matrix im2col(x[b]). */
function forEachPatchGroup({ runtime: rt }: BlasConv, x: Float32Array, g: ConvGeometry, product: (b: number, col: Float32Array) => void): void {
  try {
    const px = rt.staging.input(x, g.batch * convSizes(g).image);
    forEachGroup(rt, g, 'im2colImages', (b0, b1, col, geometry) => [px, b0, b1, geometry, col], product);
  } finally {
    rt.staging.finish();
  }
}

/** dx[b] (+)= col2im(Wᵀ·dy[b]). */
export function conv2dBackwardInput({ blas, runtime: rt }: BlasConv, dy: Float32Array, w: Float32Array, dx: Float32Array, g: ConvGeometry, accumulate: boolean): void {
  const { image, patchRows, area } = convSizes(g);
  const outImage = g.outChannels * area;
  try {
    const pdx = rt.staging.output(dx, g.batch * image, accumulate);
    const acc = Number(accumulate);
    forEachGroup(
      rt,
      g,
      'col2imImages',
      (b0, b1, dcol, geometry) => [dcol, b0, b1, geometry, pdx, acc],
      (b, dcol) => blas.sgemm(true, false, patchRows, area, g.outChannels, w, patchRows, dy.subarray(b * outImage, (b + 1) * outImage), area, 0, dcol, area),
      true,
    );
  } finally {
    rt.staging.finish();
  }
}

/**
 * Walks the batch in groups of images, each image with a patch matrix in scratch: the wasm
 * `kernel` runs over the group's images (split between the threads, its arguments from `args`)
 * before the products (`product` per image) or, `after`, once they are done.
 */
function forEachGroup(
  rt: WasmRuntime,
  g: ConvGeometry,
  kernel: 'im2colImages' | 'col2imImages',
  args: (b0: number, b1: number, col: number, geometry: number) => number[],
  product: (b: number, col: Float32Array) => void,
  after = false,
): void {
  const { patchRows, area } = convSizes(g);
  const block = patchRows * area;
  const group = Math.max(1, Math.min(g.batch, Math.floor(GROUP_BYTES / 4 / block)));
  const geometry = placeGeometry(rt, g);
  const col = rt.staging.temporary(4 * block * group);
  const views = Array.from({ length: group }, (_, i) => rt.heap.f32(col + 4 * block * i, block));
  for (let start = 0; start < g.batch; start += group) {
    const end = Math.min(g.batch, start + group);
    const run = () => {
      const chunks = rt.team.chunksFor(end - start, (end - start) * block);
      const tasks = Array.from({ length: chunks }, (_, i) => {
        const [b0, b1] = [start + boundary(end - start, i, chunks, 1), start + boundary(end - start, i + 1, chunks, 1)];
        return args(b0, b1, col + 4 * block * (b0 - start), geometry);
      });
      rt.team.run(kernel, tasks, (end - start) * block);
    };
    if (!after) run();
    for (let b = start; b < end; b++) product(b, views[b - start]);
    if (after) run();
  }
}
