import type { ConvGeometry } from '../backend.js';
import { convSizes, imageChunks, placeGeometry } from './conv-jobs.js';
import type { WasmRuntime } from './runtime.js';
import { isSameConv, sameConv2dBackwardInput } from './same-conv.js';

/**
 * Convolutions: stride-1 'same' ones on kernels that pack patches straight from the image
 * (assembly/same-conv.ts), any other as per-image im2col + GEMM (assembly/conv.ts). Either way the
 * batch is cut into chunks of images spread over the threads, each chunk with its own scratch.
 */

export function conv2d(rt: WasmRuntime, x: Float32Array, w: Float32Array, out: Float32Array, g: ConvGeometry): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  const same = isSameConv(g);
  try {
    const px = staging.input(x, g.batch * image);
    const pw = staging.input(w, g.outChannels * patchRows);
    const po = staging.output(out, g.batch * g.outChannels * area, false);
    const packedW = staging.temporary(kernels.packedWholeABytes(g.outChannels, patchRows));
    kernels.packWholeA(0, g.outChannels, patchRows, pw, patchRows, packedW);
    const geometry = placeGeometry(rt, g);
    const chunks = imageChunks(rt, g, macs, same ? kernels.sameConvScratchBytes(geometry) : 4 * patchRows * area);
    // the same-padding kernel can also add into its output (backward input uses that); here it overwrites
    const tasks = chunks.map(([b0, b1, scratch]) => [px, packedW, po, b0, b1, geometry, scratch, ...(same ? [0] : [])]);
    rt.team.run(same ? 'sameConvForward' : 'conv2dForward', tasks, macs);
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
  if (isSameConv(g)) return sameConv2dBackwardInput(rt, dy, w, dx, g, accumulate);
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const pw = staging.input(w, g.outChannels * patchRows);
    const pdx = staging.output(dx, g.batch * image, accumulate);
    const packedWT = staging.temporary(kernels.packedWholeABytes(patchRows, g.outChannels));
    kernels.packWholeA(1, patchRows, g.outChannels, pw, patchRows, packedWT);
    const geometry = placeGeometry(rt, g);
    const acc = Number(accumulate);
    const tasks = imageChunks(rt, g, macs, 4 * patchRows * area).map(([b0, b1, dcol]) => [pdy, packedWT, pdx, b0, b1, geometry, dcol, acc]);
    rt.team.run('conv2dBackwardInput', tasks, macs);
  } finally {
    staging.finish();
  }
}

/**
 * Each chunk sums its images' weight gradients into its own block; the blocks are then added up
 * (the same-padding kernel computes dWᵀ, so its blocks are transposed as they are added).
 */
export function conv2dBackwardWeight(
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
  const same = isSameConv(g);
  try {
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const px = staging.input(x, g.batch * image);
    const pdw = staging.output(dw, weights, accumulate);
    const geometry = placeGeometry(rt, g);
    const chunks = imageChunks(rt, g, macs, same ? kernels.sameConvScratchBytes(geometry) : 4 * patchRows * area);
    const parts = staging.temporary(4 * weights * chunks.length);
    const tasks = chunks.map(([b0, b1, scratch], i) => [pdy, px, parts + 4 * weights * i, b0, b1, geometry, scratch]);
    rt.team.run(same ? 'sameConvBackwardWeight' : 'conv2dBackwardWeight', tasks, macs);
    if (same) kernels.sumTransposedParts(pdw, parts, chunks.length, patchRows, g.outChannels, Number(accumulate));
    else kernels.sumParts(pdw, parts, chunks.length, weights, Number(accumulate));
  } finally {
    staging.finish();
  }
}
