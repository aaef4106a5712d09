import type { ConvGeometry } from '../backend.js';
import { convSizes, imageChunks, placeGeometry } from './conv-jobs.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Stride-1 convolutions with 'same' padding (output as large as the input), the common case,
 * on kernels that pack patches straight from the image (assembly/same-conv.ts). Threads split
 * the batch into chunks of images, each with its own scratch (a padded copy of the image at hand).
 */

/**
 * Bounds from backward weight's use of the per-thread gemm workspace: the column masks of a block
 * of pixels take kernelWidth·1 KiB of its 128 KiB packed-A region, dyᵀ packed outChannels·1 KiB
 * of its 1 MiB packed-B region.
 */
const MAX_KERNEL_WIDTH = 64;
const MAX_OUT_CHANNELS = 1024;

export function isSameConv(g: ConvGeometry): boolean {
  return (
    g.stride === 1 &&
    g.outHeight === g.inHeight &&
    g.outWidth === g.inWidth &&
    g.kernelWidth <= MAX_KERNEL_WIDTH &&
    g.outChannels <= MAX_OUT_CHANNELS
  );
}

export function sameConv2d(rt: WasmRuntime, x: Float32Array, w: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  try {
    const px = staging.input(x, g.batch * image);
    const pw = staging.input(w, g.outChannels * patchRows);
    const po = staging.output(out, g.batch * g.outChannels * area, false);
    const packedW = staging.temporary(kernels.packedWholeABytes(g.outChannels, patchRows));
    kernels.packWholeA(0, g.outChannels, patchRows, pw, patchRows, packedW);
    const geometry = placeGeometry(rt, g);
    const chunks = imageChunks(rt, g, macs, kernels.sameConvScratchBytes(geometry));
    rt.team.run('sameConvForward', chunks.map(([b0, b1, scratch]) => [px, packedW, po, b0, b1, geometry, scratch, 0]), macs);
  } finally {
    staging.finish();
  }
}

/** dx is dy convolved by the flipped kernels: the forward kernel on the geometry with C and O swapped. */
export function sameConv2dBackwardInput(
  rt: WasmRuntime,
  dy: Float32Array,
  w: Float32Array,
  dx: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  const swapped: ConvGeometry = { ...g, inChannels: g.outChannels, outChannels: g.inChannels };
  const flippedDepth = g.outChannels * g.kernelHeight * g.kernelWidth;
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const pw = staging.input(w, g.outChannels * patchRows);
    const pdx = staging.output(dx, g.batch * image, accumulate);
    const flipped = staging.temporary(4 * g.outChannels * patchRows);
    kernels.flipKernels(pw, g.outChannels, g.inChannels, g.kernelHeight, g.kernelWidth, flipped);
    const packed = staging.temporary(kernels.packedWholeABytes(g.inChannels, flippedDepth));
    kernels.packWholeA(0, g.inChannels, flippedDepth, flipped, flippedDepth, packed);
    const geometry = placeGeometry(rt, swapped);
    const chunks = imageChunks(rt, g, macs, kernels.sameConvScratchBytes(geometry));
    const acc = Number(accumulate);
    rt.team.run('sameConvForward', chunks.map(([b0, b1, scratch]) => [pdy, packed, pdx, b0, b1, geometry, scratch, acc]), macs);
  } finally {
    staging.finish();
  }
}

/** Each chunk computes its images' dWᵀ into its own block; the blocks are then summed and transposed. */
export function sameConv2dBackwardWeight(
  rt: WasmRuntime,
  dy: Float32Array,
  x: Float32Array,
  dw: Float32Array,
  g: ConvGeometry,
  accumulate: boolean,
): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  const weights = g.outChannels * patchRows;
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const px = staging.input(x, g.batch * image);
    const pdw = staging.output(dw, weights, accumulate);
    const geometry = placeGeometry(rt, g);
    const chunks = imageChunks(rt, g, macs, kernels.sameConvScratchBytes(geometry));
    const parts = staging.temporary(4 * weights * chunks.length);
    const tasks = chunks.map(([b0, b1, scratch], i) => [pdy, px, parts + 4 * weights * i, b0, b1, geometry, scratch]);
    rt.team.run('sameConvBackwardWeight', tasks, macs);
    kernels.sumTransposedParts(pdw, parts, chunks.length, patchRows, g.outChannels, Number(accumulate));
  } finally {
    staging.finish();
  }
}
