import type { ConvGeometry } from '../backend.js';
import { convSizes, imageChunks, placeGeometry } from './conv-jobs.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Stride-1 convolutions with 'same' padding (output as large as the input), the common case,
 * run on kernels that pack patches straight from the image (assembly/same-conv.ts); conv.ts
 * dispatches forward and backward weight to them, and backward input, which differs, is here.
 * Each chunk of images has its own scratch (a padded copy of the image at hand).
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
