/**
 * What each thread of the wasm runtime's team runs in the BLAS, on one BLAS thread: its slice of
 * a matrix product's rows (product.ts), or its slice of a convolution's batch (conv.ts), a group
 * of images at a time, the group's patches laid out by the wasm kernels and multiplied in one
 * product. These are host kernels (wasm/host-kernels.ts): a worker imports this module and calls
 * `hostKernels` on its own copy of the wasm kernels; every address is a byte offset into the
 * shared memory, and every kernel takes the BLAS's file name (its address and length) first.
 */
import type { KernelTable } from '../wasm/chunks.js';
import type { KernelExports } from '../wasm/exports.js';
import type { WasmMemory } from '../wasm/webassembly.js';
import { loadBlas, type BlasLibrary } from './library.js';

/** The BLAS of each file: the main thread's is the backend's own (shareLibrary), a worker loads it at first use. */
const libraries = new Map<string, BlasLibrary>();

export function shareLibrary(library: BlasLibrary): void {
  if (!libraries.has(library.file)) libraries.set(library.file, library);
}

/**
 * Where a slice of a packed convolution (packed-conv.ts) keeps what it works on, from `start`:
 * the framed image, the offsets of its pixels and patch rows, one image's patch panels, dy's
 * panels and the offsets that gather them (the last two for the weight gradient); `end` is past
 * them all.
 */
export function packedScratchLayout(start: number, framedBytes: number, { outChannels, patchRows, area }: { outChannels: number; patchRows: number; area: number }) {
  const pixels = start + framedBytes;
  const patches = pixels + 4 * area;
  const panels = patches + 4 * patchRows;
  const dyPanels = panels + 4 * area * patchRows;
  const dyRows = dyPanels + 4 * outChannels * area;
  const pixelSteps = dyRows + 4 * outChannels;
  return { framed: start, pixels, patches, panels, dyPanels, dyRows, pixelSteps, end: pixelSteps + 4 * area };
}

export function hostKernels(memory: WasmMemory, table: KernelTable): KernelTable {
  const wasm = table as unknown as KernelExports;
  const f32 = (address: number, length: number) => new Float32Array(memory.buffer, address, length);

  /** The library whose file name is the UTF-8 bytes at [address, address + length), held to one thread. */
  const library = (address: number, length: number): BlasLibrary => {
    const file = Buffer.from(memory.buffer, address, length).toString();
    let found = libraries.get(file);
    if (found === undefined) {
      const loaded = loadBlas(file);
      if ('unavailable' in loaded) throw new Error(loaded.unavailable);
      libraries.set(file, (found = loaded));
    }
    found.useThreads(1);
    return found;
  };

  /** Sizes from the geometry's 10 int32s (assembly/conv-geometry.ts). */
  const sizes = (geometry: number) => {
    const [inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, , , outHeight, outWidth] = new Int32Array(memory.buffer, geometry, 10);
    return { outChannels, patchRows: inChannels * kernelHeight * kernelWidth, area: outHeight * outWidth, image: inChannels * inHeight * inWidth };
  };

  /** The BLAS's own kernel, which the main thread found in the same library (packed-conv.ts). */
  const packedKernel = (file: number, fileLength: number) => {
    const { packed } = library(file, fileLength);
    if (packed === null) throw new Error('the BLAS kernel that the main thread uses does not load in this thread');
    return packed;
  };

  /** A packed convolution's scratch, cut as packedScratchLayout says, with the framed image zeroed and its offsets written. */
  const packedScratch = (geometry: number, scratch: number) => {
    const layout = packedScratchLayout(scratch, wasm.framedImageBytes(geometry), sizes(geometry));
    wasm.frameOffsets(geometry, layout.framed, layout.pixels, layout.patches);
    return layout;
  };

  /** Patches of images [b0, b1) side by side in `col` from its first column. */
  const layOut = (work: number, same: number, x: number, b0: number, b1: number, geometry: number, col: number, ld: number, scratch: number) => {
    if (same) wasm.samePatchesImages(work, x, b0, b1, geometry, col, ld, scratch);
    else wasm.im2colImages(work, x, b0, b1, geometry, col, ld);
  };

  return {
    /** Rows of C = op(A)·op(B) + beta·C, the addresses those of the slice's first row. */
    blasProductRows(_work, file, fileLength, transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc) {
      const blas = library(file, fileLength);
      const span = (rows: number, columns: number, ld: number) => (rows - 1) * ld + columns;
      blas.sgemm(
        transA === 1,
        transB === 1,
        m,
        n,
        k,
        f32(a, transA ? span(k, m, lda) : span(m, k, lda)),
        lda,
        f32(b, transB ? span(n, k, ldb) : span(k, n, ldb)),
        ldb,
        beta,
        f32(c, span(m, n, ldc)),
        ldc,
      );
    },
    /** out[b] = W·patches(x[b]) for images [b0, b1), `perGroup` a product. */
    blasConvForward(work, file, fileLength, geometry, same, x, w, out, b0, b1, perGroup, col, planes, scratch) {
      const blas = library(file, fileLength);
      const { outChannels, patchRows, area } = sizes(geometry);
      const ld = perGroup * area;
      for (let start = b0; start < b1; start += perGroup) {
        const images = Math.min(perGroup, b1 - start);
        layOut(work, same, x, start, start + images, geometry, col, ld, scratch);
        blas.sgemm(false, false, outChannels, images * area, patchRows, f32(w, outChannels * patchRows), patchRows, f32(col, patchRows * ld), ld, 0, f32(planes, outChannels * ld), ld);
        wasm.regroupPlanes(out + 4 * start * outChannels * area, planes, images, outChannels, area, ld, 0);
      }
    },
    /** out[b] = W·patches(x[b]) for images [b0, b1) on the BLAS's kernel, W packed as its B. */
    blasPackedConvForward(_work, file, fileLength, geometry, x, packedW, out, b0, b1, scratch) {
      const { unrollA, multiply } = packedKernel(file, fileLength);
      const { outChannels, patchRows, area, image } = sizes(geometry);
      const { framed, pixels, patches, panels } = packedScratch(geometry, scratch);
      const a = f32(panels, area * patchRows);
      const b = f32(packedW, outChannels * patchRows);
      for (let i = b0; i < b1; i++) {
        wasm.frameImage(x + 4 * i * image, geometry, framed);
        wasm.packPanels(framed, pixels, area, unrollA, patches, patchRows, panels);
        const c = out + 4 * i * outChannels * area;
        wasm.zero(c, 4 * outChannels * area);
        multiply(area, outChannels, patchRows, a, b, f32(c, outChannels * area), area);
      }
    },
    /** part = Σ dy[b]·patches(x[b])ᵀ over images [b0, b1) on the BLAS's kernel, as [O, C·KH·KW]. */
    blasPackedConvBackwardWeight(_work, file, fileLength, geometry, dy, x, part, b0, b1, scratch) {
      const { unrollA, unrollB, multiply } = packedKernel(file, fileLength);
      const { outChannels, patchRows, area, image } = sizes(geometry);
      const { framed, pixels, patches, panels, dyPanels, dyRows, pixelSteps } = packedScratch(geometry, scratch);
      wasm.steps(dyRows, outChannels, 4 * area);
      wasm.steps(pixelSteps, area, 4);
      const a = f32(panels, area * patchRows);
      const b = f32(dyPanels, outChannels * area);
      wasm.zero(part, 4 * outChannels * patchRows);
      const c = f32(part, outChannels * patchRows);
      for (let i = b0; i < b1; i++) {
        wasm.frameImage(x + 4 * i * image, geometry, framed);
        wasm.packPanels(framed, patches, patchRows, unrollA, pixels, area, panels);
        wasm.packPanels(dy + 4 * i * outChannels * area, dyRows, outChannels, unrollB, pixelSteps, area, dyPanels);
        multiply(patchRows, outChannels, area, a, b, c, patchRows);
      }
    },
    /** dx[b] (+)= col2im(Wᵀ·dy[b]) for images [b0, b1) on the BLAS's kernel, W packed as its B; `offsets` gather dy[b]ᵀ. */
    blasPackedConvBackwardInput(work, file, fileLength, geometry, same, dy, packedW, dx, b0, b1, accumulate, offsets, dyPanels, dcol, scratch) {
      const { unrollA, multiply } = packedKernel(file, fileLength);
      const { outChannels, patchRows, area } = sizes(geometry);
      const [pixelSteps, channelSteps] = [offsets, offsets + 4 * area];
      wasm.steps(pixelSteps, area, 4);
      wasm.steps(channelSteps, outChannels, 4 * area);
      const a = f32(dyPanels, area * outChannels);
      const b = f32(packedW, outChannels * patchRows);
      const c = f32(dcol, area * patchRows);
      // the 'same' col2im leaves the columns it reads zero, for the next image's product to add onto
      wasm.zero(dcol, 4 * area * patchRows);
      for (let i = b0; i < b1; i++) {
        wasm.packPanels(dy + 4 * i * outChannels * area, pixelSteps, area, unrollA, channelSteps, outChannels, dyPanels);
        if (!same && i > b0) wasm.zero(dcol, 4 * area * patchRows);
        multiply(area, patchRows, outChannels, a, b, c, area);
        if (same) wasm.sameCol2imImages(work, dcol, i, i + 1, geometry, area, dx, accumulate, scratch, 1);
        else wasm.col2imImages(work, dcol, i, i + 1, geometry, area, dx, accumulate);
      }
    },
    /** parts[j] = dy·patches(x)ᵀ of the j-th group of `perGroup` images from b0. */
    blasConvBackwardWeight(work, file, fileLength, geometry, same, dy, x, parts, b0, b1, perGroup, col, planes, scratch) {
      const blas = library(file, fileLength);
      const { outChannels, patchRows, area } = sizes(geometry);
      const ld = perGroup * area;
      const weights = outChannels * patchRows;
      for (let start = b0, part = parts; start < b1; start += perGroup, part += 4 * weights) {
        const images = Math.min(perGroup, b1 - start);
        layOut(work, same, x, start, start + images, geometry, col, ld, scratch);
        wasm.regroupPlanes(dy + 4 * start * outChannels * area, planes, images, outChannels, area, ld, 1);
        blas.sgemm(false, true, outChannels, patchRows, images * area, f32(planes, outChannels * ld), ld, f32(col, patchRows * ld), ld, 0, f32(part, weights), patchRows);
      }
    },
    /** dx[b] (+)= col2im(Wᵀ·dy[b]) for images [b0, b1). */
    blasConvBackwardInput(work, file, fileLength, geometry, same, dy, w, dx, b0, b1, perGroup, accumulate, dcol, planes, scratch) {
      const blas = library(file, fileLength);
      const { outChannels, patchRows, area } = sizes(geometry);
      const ld = perGroup * area;
      for (let start = b0; start < b1; start += perGroup) {
        const images = Math.min(perGroup, b1 - start);
        wasm.regroupPlanes(dy + 4 * start * outChannels * area, planes, images, outChannels, area, ld, 1);
        blas.sgemm(true, false, patchRows, images * area, outChannels, f32(w, outChannels * patchRows), patchRows, f32(planes, outChannels * ld), ld, 0, f32(dcol, patchRows * ld), ld);
        if (same) wasm.sameCol2imImages(work, dcol, start, start + images, geometry, ld, dx, accumulate, scratch, 0);
        else wasm.col2imImages(work, dcol, start, start + images, geometry, ld, dx, accumulate);
      }
    },
  };
}
