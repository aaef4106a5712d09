import type { Backend, ConvGeometry } from '../backend.js';
import { convSizes, placeGeometry } from '../wasm/conv-jobs.js';
import type { WasmRuntime } from '../wasm/runtime.js';
import { isSameConv } from '../wasm/same-conv.js';
import { slices } from './conv.js';
import type { BlasLibrary, PackedKernel } from './library.js';
import { runOnTeam } from './on-team.js';
import { packedScratchLayout } from './thread-kernels.js';

/**
 * Convolutions (forward, weight and input gradients) on the BLAS's own inner kernel (library.ts's
 * PackedKernel), where the BLAS exports one: each image's patches are gathered from a zero-framed
 * copy of the image straight into the kernel's panels (assembly/blas-panels.ts), and the kernel
 * multiplies them while they are still in cache. The im2col path (conv.ts) writes a group's patch
 * matrix, and the BLAS then reads it and copies it into the same panels: a third of a CNN epoch.
 *
 * The batch is cut into one slice per team thread, as in conv.ts, and each image is one kernel
 * call: the forward writes out[b] (the kernel's column-major C [OH·OW, O] is the image's planes),
 * the weight gradient adds each image of a slice onto the slice's part, the parts then added in
 * slice order, and the input gradient's patch gradients (Wᵀ·dy[b]) are added back by col2im while
 * in cache. Every sum follows from the shape and the team's size alone.
 */

/** out[b] = W·patches(x[b]). */
export function packedConv2d(blas: BlasLibrary, kernel: PackedKernel, rt: WasmRuntime, ...[x, w, out, g]: Parameters<Backend['conv2d']>): void {
  const { staging } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  if (g.batch === 0) return;
  try {
    const px = staging.input(x, g.batch * image);
    const pw = staging.input(w, g.outChannels * patchRows);
    const po = staging.output(out, g.batch * g.outChannels * area, false);
    const weights = packedWeights(rt, kernel, pw, g, true);
    const geometry = placeGeometry(rt, g);
    const chunks = slices(g, rt.team.size).map(([b0, b1]) => [geometry, px, weights, po, b0, b1, scratch(rt, g, geometry)]);
    runOnTeam(blas, rt, 'blasPackedConvForward', chunks, macs);
  } finally {
    staging.finish();
  }
}

/** dx[b] (+)= col2im(Wᵀ·dy[b]): the patches' gradient of one image at a time, added back while in cache. */
export function packedConv2dBackwardInput(
  blas: BlasLibrary,
  kernel: PackedKernel,
  rt: WasmRuntime,
  ...[dy, w, dx, g, accumulate]: Parameters<Backend['conv2dBackwardInput']>
): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  try {
    const pdx = staging.output(dx, g.batch * image, accumulate);
    if (g.batch === 0) return;
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const pw = staging.input(w, g.outChannels * patchRows);
    const weights = packedWeights(rt, kernel, pw, g, false);
    const geometry = placeGeometry(rt, g);
    const same = isSameConv(g);
    const col2imBytes = same ? kernels.samePatchScratchBytes(geometry) : 0;
    const chunks = slices(g, rt.team.size).map(([b0, b1]) => [
      geometry,
      Number(same),
      pdy,
      weights,
      pdx,
      b0,
      b1,
      Number(accumulate),
      staging.temporary(4 * (area + g.outChannels)),
      staging.temporary(4 * area * g.outChannels),
      staging.temporary(4 * area * patchRows),
      col2imBytes > 0 ? staging.temporary(col2imBytes) : 0,
    ]);
    runOnTeam(blas, rt, 'blasPackedConvBackwardInput', chunks, macs);
  } finally {
    staging.finish();
  }
}

/** dW (+)= Σ_b dy[b]·patches(x[b])ᵀ: each slice's images onto its part, the parts added in order. */
export function packedConv2dBackwardWeight(
  blas: BlasLibrary,
  rt: WasmRuntime,
  ...[dy, x, dw, g, accumulate]: Parameters<Backend['conv2dBackwardWeight']>
): void {
  const { staging, kernels } = rt;
  const { image, patchRows, area, macs } = convSizes(g);
  const weights = g.outChannels * patchRows;
  try {
    const pdw = staging.output(dw, weights, accumulate);
    if (g.batch === 0) {
      if (!accumulate) rt.heap.f32(pdw, weights).fill(0);
      return;
    }
    const pdy = staging.input(dy, g.batch * g.outChannels * area);
    const px = staging.input(x, g.batch * image);
    const geometry = placeGeometry(rt, g);
    const ranges = slices(g, rt.team.size);
    const parts = staging.temporary(4 * ranges.length * weights);
    const chunks = ranges.map(([b0, b1], i) => [geometry, pdy, px, parts + 4 * i * weights, b0, b1, scratch(rt, g, geometry)]);
    runOnTeam(blas, rt, 'blasPackedConvBackwardWeight', chunks, macs);
    kernels.sumParts(pdw, parts, ranges.length, weights, Number(accumulate));
  } finally {
    staging.finish();
  }
}

/** dst[i] = i·step for i < count, in scratch: byte offsets of a plain matrix for packPanels. */
function steps(rt: WasmRuntime, count: number, step: number): number {
  const address = rt.staging.temporary(4 * count);
  rt.kernels.steps(address, count, step);
  return address;
}

/** A slice's scratch, as thread-kernels.ts cuts it. */
function scratch(rt: WasmRuntime, g: ConvGeometry, geometry: number): number {
  return rt.staging.temporary(packedScratchLayout(0, rt.kernels.framedImageBytes(geometry), { ...convSizes(g), outChannels: g.outChannels }).end);
}

/**
 * W [O, C·KH·KW] as the kernel's B, in scratch: across output channels (w's rows) and along patch
 * rows for the forward, or across patch rows and along output channels for the input gradient.
 */
function packedWeights(rt: WasmRuntime, kernel: PackedKernel, pw: number, g: ConvGeometry, acrossChannels: boolean): number {
  const { patchRows } = convSizes(g);
  const weights = rt.staging.temporary(4 * g.outChannels * patchRows);
  const channels = [steps(rt, g.outChannels, 4 * patchRows), g.outChannels] as const;
  const rows = [steps(rt, patchRows, 4), patchRows] as const;
  const [across, along] = acrossChannels ? [channels, rows] : [rows, channels];
  rt.kernels.packPanels(pw, across[0], across[1], kernel.unrollB, along[0], along[1], weights);
  return weights;
}
