import { Geometry, patchRows } from './conv-geometry';
import { depthBlock, edgeTile, packedARegion, packedBRegion, paddedRows } from './gemm';
import { MR, NR, microkernel } from './microkernel';
import { packB, storeTransposed } from './pack';
import { columnMasks, padImage, paddedImageBytes, paddedPlaneFloats } from './padded-image';

/**
 * Stride-1 'same' convolutions as GEMMs whose patch operand is packed straight from the image
 * (padded-image.ts), one micro-kernel panel at a time, so it is built in L1 and never stored
 * whole as an im2col matrix. Backward input is the forward convolution of dy with the kernels
 * flipped and their channels swapped (conv-weights.ts); backward weight computes dWᵀ.
 */

/**
 * out[b] (+)= W·patches(x[b]) for images [b0, b1): pixels are taken 8 at a time (a micro-kernel
 * panel), their patch rows packed and multiplied by every row panel of `packedW` (W [O, C·KH·KW]
 * packed by packWholeA). `scratch` is this chunk's sameConvScratchBytes.
 */
export function sameConvForward(
  work: usize,
  x: usize,
  packedW: usize,
  out: usize,
  b0: i32,
  b1: i32,
  g: Geometry,
  scratch: usize,
  accumulate: bool,
): void {
  const depth = patchRows(g);
  const kcMax = depthBlock(depth);
  const channels = g.outChannels;
  const wRows = paddedRows(channels);
  const area = g.inHeight * g.inWidth;
  const ldc = <usize>area << 2;
  const masks = packedARegion(work);
  const panel = packedBRegion(work);
  const tile = edgeTile(work);
  const image = <usize>g.inChannels * area << 2;
  const rows = scratch + paddedImageBytes(g);
  tabulateRows(g, rows);
  for (let b = b0; b < b1; b++) {
    const planes = padImage(x + <usize>b * image, g, scratch);
    const o = out + <usize>b * channels * ldc;
    for (let n0 = 0; n0 < area; n0 += NR) {
      const cols = min(NR, area - n0);
      columnMasks(n0, NR, g, masks);
      for (let pc = 0; pc < depth; pc += kcMax) {
        const kc = min(kcMax, depth - pc);
        packPixelPanel(planes + (<usize>n0 << 2), rows + (<usize>pc << 3), kc, masks, panel);
        const overwrite = pc == 0 && !accumulate;
        for (let ir = 0; ir < channels; ir += MR) {
          const panelW = packedW + ((<usize>pc * wRows + <usize>ir * kc) << 2);
          microkernel(kc, panelW, panel, o + <usize>ir * ldc + (<usize>n0 << 2), ldc, min(MR, channels - ir), cols, overwrite, tile);
        }
      }
    }
  }
}

/**
 * Packs `kc` patch rows, described by `rows` (tabulateRows), of the 8 pixels whose floats in the
 * padded planes start at `pixels`, as a B panel: per row, 8 floats masked by its column's `masks`.
 */
function packPixelPanel(pixels: usize, rows: usize, kc: i32, masks: usize, dst: usize): void {
  for (let s = 0; s < kc; s++, rows += 8, dst += NR << 2) {
    const src = pixels + load<i32>(rows);
    const mask = masks + (<usize>load<i32>(rows, 4) << 5);
    v128.store(dst, v128.and(v128.load(src), v128.load(mask)));
    v128.store(dst, v128.and(v128.load(src, 16), v128.load(mask, 16)), 16);
  }
}

/**
 * dWᵀ = Σ_b patches(x[b])·dy[b]ᵀ over images [b0, b1), overwriting this chunk's partial sum
 * `dwT` [C·KH·KW, O]. The patch rows are the A operand, packed 4 at a time straight from the
 * padded image; dy[b]ᵀ, small, is packed as B once per block of pixels. `scratch` is this chunk's
 * sameConvScratchBytes.
 */
export function sameConvBackwardWeight(work: usize, dy: usize, x: usize, dwT: usize, b0: i32, b1: i32, g: Geometry, scratch: usize): void {
  const depth = patchRows(g);
  const channels = g.outChannels;
  const area = g.inHeight * g.inWidth;
  const kcMax = depthBlock(area);
  const ldc = <usize>channels << 2;
  const panel = packedARegion(work);
  const masks = panel + (<usize>MR * kcMax << 2);
  const packedDy = packedBRegion(work);
  const tile = edgeTile(work);
  const image = <usize>g.inChannels * area << 2;
  const dyImage = <usize>channels * area << 2;
  const rows = scratch + paddedImageBytes(g);
  tabulateRows(g, rows);
  for (let b = b0; b < b1; b++) {
    const planes = padImage(x + <usize>b * image, g, scratch);
    for (let pc = 0; pc < area; pc += kcMax) {
      const kc = min(kcMax, area - pc);
      const steps = (kc + 3) & ~3;
      packB(dy + <usize>b * dyImage, area, true, pc, 0, kc, channels, packedDy);
      columnMasks(pc, steps, g, masks);
      const overwrite = b == b0 && pc == 0;
      for (let ir = 0; ir < depth; ir += MR) {
        packPatchPanel(planes + (<usize>pc << 2), rows + (<usize>ir << 3), min(MR, depth - ir), steps, masks, panel);
        for (let jr = 0; jr < channels; jr += NR) {
          const c = dwT + <usize>ir * ldc + (<usize>jr << 2);
          microkernel(kc, panel, packedDy + (<usize>jr * kc << 2), c, ldc, min(MR, depth - ir), min(NR, channels - jr), overwrite, tile);
        }
      }
    }
  }
}

/** Bytes of a chunk's scratch for the 'same' kernels: the padded image, then the patch row table. */
export function sameConvScratchBytes(g: Geometry): usize {
  return paddedImageBytes(g) + (<usize>patchRows(g) << 3);
}

/**
 * For each patch row r = (c, p, q), two int32s: the byte offset from a pixel's float in the
 * padded planes to the float the row reads for it, and its kernel column q, which picks its masks.
 */
function tabulateRows(g: Geometry, table: usize): void {
  for (let c = 0; c < g.inChannels; c++) {
    for (let p = 0; p < g.kernelHeight; p++) {
      for (let q = 0; q < g.kernelWidth; q++, table += 8) {
        store<i32>(table, (c * paddedPlaneFloats(g) + p * g.inWidth + q - g.padding) << 2);
        store<i32>(table, q, 4);
      }
    }
  }
}

/**
 * Packs `count` (at most 4) patch rows, described by `rows` (tabulateRows), over `steps` pixels
 * whose floats in the padded planes start at `pixels`, as an A panel: each row's pixels load as
 * vectors, masked, and 4×4 blocks are transposed into place.
 */
function packPatchPanel(pixels: usize, rows: usize, count: i32, steps: i32, masks: usize, dst: usize): void {
  const maskBytes = <usize>steps << 2;
  const s0 = pixels + load<i32>(rows);
  const m0 = masks + <usize>load<i32>(rows, 4) * maskBytes;
  // rows past the last repeat the first: the micro-kernel does not store their results
  const s1 = count > 1 ? pixels + load<i32>(rows, 8) : s0;
  const s2 = count > 2 ? pixels + load<i32>(rows, 16) : s0;
  const s3 = count > 3 ? pixels + load<i32>(rows, 24) : s0;
  const m1 = count > 1 ? masks + <usize>load<i32>(rows, 12) * maskBytes : m0;
  const m2 = count > 2 ? masks + <usize>load<i32>(rows, 20) * maskBytes : m0;
  const m3 = count > 3 ? masks + <usize>load<i32>(rows, 28) * maskBytes : m0;
  for (let s: usize = 0; s < maskBytes; s += 16, dst += MR << 4) {
    storeTransposed(
      v128.and(v128.load(s0 + s), v128.load(m0 + s)),
      v128.and(v128.load(s1 + s), v128.load(m1 + s)),
      v128.and(v128.load(s2 + s), v128.load(m2 + s)),
      v128.and(v128.load(s3 + s), v128.load(m3 + s)),
      dst,
      MR << 2,
    );
  }
}
