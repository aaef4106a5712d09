import type { ConvGeometry } from '../backend.js';
import { convSizes, placeGeometry } from '../wasm/conv-jobs.js';
import { boundary } from '../wasm/matmul.js';
import { isSameConv } from '../wasm/same-conv.js';
import type { WasmRuntime } from '../wasm/runtime.js';
import type { BlasLibrary } from './library.js';

/**
 * Convolutions as products in the BLAS, a group of images at a time: the wasm kernels lay out
 * the group's patch matrices side by side (im2col, the threads splitting the images; for
 * stride-1 'same' convolutions a masked copy per patch row, assembly/same-patches.ts), so that
 * one product covers the whole group (for the CNN workload's second layer 32 × 12,544 × 400
 * instead of 64 products of 32 × 196 × 400), which is what keeps both BLAS threads busy.
 * dy is regrouped channel-major to match, and the forward's product back image-major.
 *
 * Every sum is inside one BLAS product with the backend's fixed thread count, or across groups
 * in order, and the groups follow from the shape alone: the same shape always sums alike.
 */

export type Sgemm = BlasLibrary['sgemm'];

/** A group's patch matrix stays under this, to be still in cache when the product reads it. */
const GROUP_BYTES = 4 << 20;
/** A float laid out (im2col, col2im) costs about as much as this many multiply-adds, for the threads' split. */
const COPY_COST = 16;

/** Images per group: the batch in as few groups as keep GROUP_BYTES of patches, evened out; at least one. */
export function imagesPerGroup(g: ConvGeometry): number {
  const { patchRows, area } = convSizes(g);
  const most = Math.max(1, Math.floor(GROUP_BYTES / (4 * patchRows * area)));
  return g.batch === 0 ? 1 : Math.ceil(g.batch / Math.ceil(g.batch / most));
}

/** out[b] = W·im2col(x[b]). */
export function conv2d(sgemm: Sgemm, rt: WasmRuntime, x: Float32Array, w: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const { staging, heap, kernels } = rt;
  const { image, patchRows, area } = convSizes(g);
  const outImage = g.outChannels * area;
  try {
    const px = staging.input(x, g.batch * image);
    const weights = heap.f32(staging.input(w, g.outChannels * patchRows), g.outChannels * patchRows);
    const po = staging.output(out, g.batch * outImage, false);
    const { ld, geometry, col, planes } = groupScratch(rt, g);
    forEachGroup(g, (start, end) => {
      layOutPatches(rt, px, start, end, g, geometry, col, ld);
      sgemm(false, false, g.outChannels, (end - start) * area, patchRows, weights, patchRows, col.view, ld, 0, planes.view, ld);
      kernels.regroupPlanes(po + 4 * start * outImage, planes.address, end - start, g.outChannels, area, ld, 0);
    });
  } finally {
    staging.finish();
  }
}

/** dW (+)= Σ_b dy[b]·im2col(x[b])ᵀ: one product per group, added up in group order. */
export function conv2dBackwardWeight(
  sgemm: Sgemm,
  rt: WasmRuntime,
  dy: Float32Array,
  x: Float32Array,
  dw: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { staging, heap } = rt;
  const { image, patchRows, area } = convSizes(g);
  const weights = g.outChannels * patchRows;
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const px = staging.input(x, g.batch * image);
    const gradient = heap.f32(staging.output(dw, weights, accumulate), weights);
    if (!accumulate) gradient.fill(0);
    const { ld, geometry, col, planes } = groupScratch(rt, g);
    forEachGroup(g, (start, end) => {
      layOutPatches(rt, px, start, end, g, geometry, col, ld);
      regroupDy(rt, pdy, start, end, g, planes, ld);
      sgemm(false, true, g.outChannels, patchRows, (end - start) * area, planes.view, ld, col.view, ld, 1, gradient, patchRows);
    });
  } finally {
    staging.finish();
  }
}

/** dx[b] (+)= col2im(Wᵀ·dy[b]). */
export function conv2dBackwardInput(
  sgemm: Sgemm,
  rt: WasmRuntime,
  dy: Float32Array,
  w: Float32Array,
  dx: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { staging, heap, team } = rt;
  const { image, patchRows, area } = convSizes(g);
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const weights = heap.f32(staging.input(w, g.outChannels * patchRows), g.outChannels * patchRows);
    const pdx = staging.output(dx, g.batch * image, accumulate);
    const acc = Number(accumulate);
    const same = isSameConv(g);
    const { ld, geometry, col: dcol, planes } = groupScratch(rt, g);
    forEachGroup(g, (start, end) => {
      regroupDy(rt, pdy, start, end, g, planes, ld);
      sgemm(true, false, patchRows, (end - start) * area, g.outChannels, weights, patchRows, planes.view, ld, 0, dcol.view, ld);
      const tasks = splitImages(rt, start, end, g, geometry).map(([b0, b1, scratch]) => [dcol.address + 4 * (b0 - start) * area, b0, b1, geometry, ld, pdx, acc, ...scratch]);
      team.run(same ? 'sameCol2imImages' : 'col2imImages', tasks, (end - start) * patchRows * area * COPY_COST);
    });
  } finally {
    staging.finish();
  }
}

interface Scratch {
  address: number;
  view: Float32Array;
}

/**
 * What every group reuses: `ld`, the row length of its side-by-side matrices, the geometry for
 * the kernels, the patch matrix (or its gradient) `col` [C·KH·KW, ld] and `planes` [O, ld].
 */
function groupScratch(rt: WasmRuntime, g: ConvGeometry): { ld: number; geometry: number; col: Scratch; planes: Scratch } {
  const { patchRows, area } = convSizes(g);
  const ld = imagesPerGroup(g) * area;
  const scratch = (floats: number): Scratch => {
    const address = rt.staging.temporary(4 * floats);
    return { address, view: rt.heap.f32(address, floats) };
  };
  return { ld, geometry: placeGeometry(rt, g), col: scratch(patchRows * ld), planes: scratch(g.outChannels * ld) };
}

/** Calls `group(start, end)` on the batch's groups of images, in order. */
function forEachGroup(g: ConvGeometry, group: (start: number, end: number) => void): void {
  const size = imagesPerGroup(g);
  for (let start = 0; start < g.batch; start += size) group(start, Math.min(g.batch, start + size));
}

/** The patch matrices of images [start, end) side by side in `col`, split over the threads. */
function layOutPatches(rt: WasmRuntime, px: number, start: number, end: number, g: ConvGeometry, geometry: number, col: Scratch, ld: number): void {
  const { patchRows, area } = convSizes(g);
  const tasks = splitImages(rt, start, end, g, geometry).map(([b0, b1, scratch]) => [px, b0, b1, geometry, col.address + 4 * (b0 - start) * area, ld, ...scratch]);
  rt.team.run(isSameConv(g) ? 'samePatchesImages' : 'im2colImages', tasks, (end - start) * patchRows * area * COPY_COST);
}

/** dy of images [start, end) channel-major, [O, images·OH·OW], in `planes`. */
function regroupDy(rt: WasmRuntime, pdy: number, start: number, end: number, g: ConvGeometry, planes: Scratch, ld: number): void {
  const { area } = convSizes(g);
  rt.kernels.regroupPlanes(pdy + 4 * start * g.outChannels * area, planes.address, end - start, g.outChannels, area, ld, 1);
}

/**
 * Image ranges [b0, b1) splitting [start, end) over the threads, each with the scratch its
 * kernel takes last: a padded image for the 'same' kernels, none for the general ones.
 */
function splitImages(rt: WasmRuntime, start: number, end: number, g: ConvGeometry, geometry: number): [number, number, number[]][] {
  const images = end - start;
  const { patchRows, area } = convSizes(g);
  const chunks = rt.team.chunksFor(images, images * patchRows * area * COPY_COST);
  const scratchBytes = isSameConv(g) ? rt.kernels.samePatchScratchBytes(geometry) : 0;
  return Array.from({ length: chunks }, (_, i) => [
    start + boundary(images, i, chunks, 1),
    start + boundary(images, i + 1, chunks, 1),
    scratchBytes > 0 ? [rt.staging.temporary(scratchBytes)] : [],
  ]);
}
