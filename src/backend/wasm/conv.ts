import type { ConvGeometry } from '../backend.js';
import { boundary } from './matmul.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Convolutions as per-image im2col + GEMM (assembly/conv.ts), the batch cut into chunks of images
 * spread over the threads, each chunk with its own patch-matrix scratch.
 */

/** Writes the geometry where the kernels read it: the field order of Geometry in assembly/conv.ts. */
function placeGeometry(rt: WasmRuntime, g: ConvGeometry): number {
  const address = rt.staging.temporary(40);
  rt.heap
    .i32(address, 10)
    .set([g.inChannels, g.inHeight, g.inWidth, g.outChannels, g.kernelHeight, g.kernelWidth, g.stride, g.padding, g.outHeight, g.outWidth]);
  return address;
}

interface Sizes {
  image: number;
  patchRows: number;
  area: number;
  /** Multiply-adds of the whole batch, for every one of the three kernels. */
  macs: number;
}

function sizes(g: ConvGeometry): Sizes {
  const patchRows = g.inChannels * g.kernelHeight * g.kernelWidth;
  const area = g.outHeight * g.outWidth;
  return { image: g.inChannels * g.inHeight * g.inWidth, patchRows, area, macs: g.batch * g.outChannels * area * patchRows };
}

/** Image ranges [b0, b1) of each chunk, each with a scratch block of `scratchFloats`. */
function imageChunks(rt: WasmRuntime, g: ConvGeometry, macs: number, scratchFloats: number): [number, number, number][] {
  const chunks = rt.team.chunksFor(g.batch, macs);
  const ranges: [number, number, number][] = [];
  for (let i = 0; i < chunks; i++) {
    ranges.push([boundary(g.batch, i, chunks, 1), boundary(g.batch, i + 1, chunks, 1), rt.staging.temporary(4 * scratchFloats)]);
  }
  return ranges;
}

export function conv2d(rt: WasmRuntime, x: Float32Array, w: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = sizes(g);
  try {
    const px = staging.input(x, g.batch * image);
    const pw = staging.input(w, g.outChannels * patchRows);
    const po = staging.output(out, g.batch * g.outChannels * area, false);
    const packedW = staging.temporary(kernels.packedWholeABytes(g.outChannels, patchRows));
    kernels.packWholeA(0, g.outChannels, patchRows, pw, patchRows, packedW);
    const geometry = placeGeometry(rt, g);
    const tasks = imageChunks(rt, g, macs, patchRows * area).map(([b0, b1, col]) => [px, packedW, po, b0, b1, geometry, col]);
    rt.team.run('conv2dForward', tasks, macs);
  } finally {
    staging.finish();
  }
}

export function conv2dBackwardInput(
  rt: WasmRuntime,
  dy: Float32Array,
  w: Float32Array,
  dx: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = sizes(g);
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const pw = staging.input(w, g.outChannels * patchRows);
    const pdx = staging.output(dx, g.batch * image, accumulate);
    const packedWT = staging.temporary(kernels.packedWholeABytes(patchRows, g.outChannels));
    kernels.packWholeA(1, patchRows, g.outChannels, pw, patchRows, packedWT);
    const geometry = placeGeometry(rt, g);
    const acc = Number(accumulate);
    const tasks = imageChunks(rt, g, macs, patchRows * area).map(([b0, b1, dcol]) => [pdy, packedWT, pdx, b0, b1, geometry, dcol, acc]);
    rt.team.run('conv2dBackwardInput', tasks, macs);
  } finally {
    staging.finish();
  }
}

/** Each chunk sums its images' weight gradients into its own block; the blocks are then added up. */
export function conv2dBackwardWeight(
  rt: WasmRuntime,
  dy: Float32Array,
  x: Float32Array,
  dw: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = sizes(g);
  const weights = g.outChannels * patchRows;
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const px = staging.input(x, g.batch * image);
    const pdw = staging.output(dw, weights, accumulate);
    const geometry = placeGeometry(rt, g);
    const chunks = imageChunks(rt, g, macs, patchRows * area);
    const parts = staging.temporary(4 * weights * chunks.length);
    const tasks = chunks.map(([b0, b1, col], i) => [pdy, px, parts + 4 * weights * i, b0, b1, geometry, col]);
    rt.team.run('conv2dBackwardWeight', tasks, macs);
    kernels.sumParts(pdw, parts, chunks.length, weights, Number(accumulate));
  } finally {
    staging.finish();
  }
}
