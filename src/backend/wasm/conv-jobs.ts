import type { ConvGeometry } from '../backend.js';
import { boundary } from './matmul.js';
import type { WasmRuntime } from './runtime.js';

/** What both convolution paths (conv.ts, same-conv.ts) need to hand a convolution to the threads. */

/** Writes the geometry where the kernels read it: the field order of Geometry in assembly/conv-geometry.ts. */
export function placeGeometry(rt: WasmRuntime, g: ConvGeometry): number {
  const address = rt.staging.temporary(40);
  rt.heap
    .i32(address, 10)
    .set([g.inChannels, g.inHeight, g.inWidth, g.outChannels, g.kernelHeight, g.kernelWidth, g.stride, g.padding, g.outHeight, g.outWidth]);
  return address;
}

export interface ConvSizes {
  /** Floats of one input image. */
  image: number;
  /** C·KH·KW: rows of the patch matrix, the depth of the forward GEMM. */
  patchRows: number;
  /** OH·OW */
  area: number;
  /** Multiply-adds of the whole batch, for every one of the three kernels. */
  macs: number;
}

export function convSizes(g: ConvGeometry): ConvSizes {
  const patchRows = g.inChannels * g.kernelHeight * g.kernelWidth;
  const area = g.outHeight * g.outWidth;
  return { image: g.inChannels * g.inHeight * g.inWidth, patchRows, area, macs: g.batch * g.outChannels * area * patchRows };
}

/** Image ranges [b0, b1) of each chunk, each with a scratch block of `scratchBytes`. */
export function imageChunks(rt: WasmRuntime, g: ConvGeometry, macs: number, scratchBytes: number): [number, number, number][] {
  const chunks = rt.team.chunksFor(g.batch, macs);
  const ranges: [number, number, number][] = [];
  for (let i = 0; i < chunks; i++) {
    ranges.push([boundary(g.batch, i, chunks, 1), boundary(g.batch, i + 1, chunks, 1), rt.staging.temporary(scratchBytes)]);
  }
  return ranges;
}
