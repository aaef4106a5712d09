import type { Backend, ConvGeometry } from '../backend.js';
import { convSizes, placeGeometry } from '../wasm/conv-jobs.js';
import { boundary } from '../wasm/matmul.js';
import { isSameConv } from '../wasm/same-conv.js';
import type { WasmRuntime } from '../wasm/runtime.js';
import type { BlasLibrary } from './library.js';
import { runOnTeam } from './on-team.js';

/**
 * Convolutions as products in the BLAS, a group of images at a time, on every thread of the wasm
 * runtime's team: the batch is cut into one slice per thread, and each thread (thread-kernels.ts)
 * lays out a group of its slice's patch matrices side by side with the wasm kernels (im2col; for
 * stride-1 'same' convolutions a masked copy per patch row, assembly/same-patches.ts) and
 * multiplies the whole group in one product on one BLAS thread (for the CNN workload's second
 * layer 32 × 2,156 × 400, not 11 products of 32 × 196 × 400). dy is regrouped channel-major to
 * match, and the forward's product back image-major. One BLAS thread per team thread: the BLAS's
 * own split of these long, thin products does not pay, and no thread waits for another mid-op.
 *
 * Every sum is inside one single-threaded BLAS product, or across groups in order (the weight
 * gradient's per-group parts), and the slices and groups follow from the shape and the team's
 * size alone, never from which thread ran what or when: the same shape always sums alike.
 */

/** A group's patch matrix stays under this, to be still in cache when the product reads it. */
const GROUP_BYTES = 4 << 20;

/** Image ranges [b0, b1) of the batch, one per thread of the team; fixed by the team's size, not by which threads are up. */
export function slices(g: ConvGeometry, threads: number): [number, number][] {
  const count = Math.max(1, Math.min(threads, g.batch));
  return Array.from({ length: count }, (_, i) => [boundary(g.batch, i, count, 1), boundary(g.batch, i + 1, count, 1)]);
}

/** Images per group: the largest slice in as few groups as keep GROUP_BYTES of patches, evened out; at least one. */
export function imagesPerGroup(g: ConvGeometry, threads: number): number {
  const { patchRows, area } = convSizes(g);
  const most = Math.max(1, Math.floor(GROUP_BYTES / (4 * patchRows * area)));
  const largest = Math.max(...slices(g, threads).map(([b0, b1]) => b1 - b0));
  return largest === 0 ? 1 : Math.ceil(largest / Math.ceil(largest / most));
}

/** out[b] = W·im2col(x[b]). */
export function conv2d(blas: BlasLibrary, rt: WasmRuntime, ...[x, w, out, g]: Parameters<Backend['conv2d']>): void {
  const { staging } = rt;
  const { image, patchRows, area } = convSizes(g);
  try {
    const px = staging.input(x, g.batch * image);
    const pw = staging.input(w, g.outChannels * patchRows);
    const po = staging.output(out, g.batch * g.outChannels * area, false);
    runSlices(blas, rt, g, 'blasConvForward', (common, [b0, b1], perGroup, [col, planes, scratch]) => [...common, px, pw, po, b0, b1, perGroup, col, planes, scratch]);
  } finally {
    staging.finish();
  }
}

/** dW (+)= Σ_b dy[b]·im2col(x[b])ᵀ: one product per group, added up in group order. */
export function conv2dBackwardWeight(blas: BlasLibrary, rt: WasmRuntime, ...[dy, x, dw, g, accumulate]: Parameters<Backend['conv2dBackwardWeight']>): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area } = convSizes(g);
  const weights = g.outChannels * patchRows;
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const px = staging.input(x, g.batch * image);
    const pdw = staging.output(dw, weights, accumulate);
    const groups = groupCount(g, rt.team.size);
    const parts = staging.temporary(4 * groups * weights);
    let part = parts;
    runSlices(blas, rt, g, 'blasConvBackwardWeight', (common, [b0, b1], perGroup, [col, planes, scratch]) => {
      const args = [...common, pdy, px, part, b0, b1, perGroup, col, planes, scratch];
      part += 4 * weights * Math.ceil((b1 - b0) / perGroup);
      return args;
    });
    kernels.sumParts(pdw, parts, groups, weights, Number(accumulate));
  } finally {
    staging.finish();
  }
}

/** dx[b] (+)= col2im(Wᵀ·dy[b]). */
export function conv2dBackwardInput(blas: BlasLibrary, rt: WasmRuntime, ...[dy, w, dx, g, accumulate]: Parameters<Backend['conv2dBackwardInput']>): void {
  const { staging } = rt;
  const { image, patchRows, area } = convSizes(g);
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const pw = staging.input(w, g.outChannels * patchRows);
    const pdx = staging.output(dx, g.batch * image, accumulate);
    const acc = Number(accumulate);
    runSlices(blas, rt, g, 'blasConvBackwardInput', (common, [b0, b1], perGroup, [dcol, planes, scratch]) => [...common, pdy, pw, pdx, b0, b1, perGroup, acc, dcol, planes, scratch]);
  } finally {
    staging.finish();
  }
}

/** Groups over all slices: the weight gradient's parts. */
function groupCount(g: ConvGeometry, threads: number): number {
  const perGroup = imagesPerGroup(g, threads);
  return slices(g, threads).reduce((sum, [b0, b1]) => sum + Math.ceil((b1 - b0) / perGroup), 0);
}

/**
 * Runs `kernel` on the team, a chunk per slice. `args` builds a chunk's arguments from those every
 * convolution kernel takes first (the geometry, whether the 'same' kernels lay out the patches), its slice, the
 * images per group and its scratch: the patch matrix (or its gradient) [C·KH·KW, ld], the
 * channel-major planes [O, ld] and, for the 'same' kernels, a padded image.
 */
function runSlices(
  blas: BlasLibrary,
  rt: WasmRuntime,
  g: ConvGeometry,
  kernel: string,
  args: (common: number[], slice: [number, number], perGroup: number, scratch: [number, number, number]) => number[],
): void {
  if (g.batch === 0) return;
  const { patchRows, area, macs } = convSizes(g);
  const threads = rt.team.size;
  const perGroup = imagesPerGroup(g, threads);
  const ld = perGroup * area;
  const geometry = placeGeometry(rt, g);
  const same = isSameConv(g);
  const scratchBytes = same ? rt.kernels.samePatchScratchBytes(geometry) : 0;
  const common = [geometry, Number(same)];
  const chunks = slices(g, threads).map((slice) =>
    args(common, slice, perGroup, [rt.staging.temporary(4 * patchRows * ld), rt.staging.temporary(4 * g.outChannels * ld), scratchBytes > 0 ? rt.staging.temporary(scratchBytes) : 0]),
  );
  runOnTeam(blas, rt, kernel, chunks, macs);
}
