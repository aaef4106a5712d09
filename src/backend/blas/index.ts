/**
 * The `blas` backend: matrix products (product.ts) and convolutions through the machine's BLAS
 * (library.ts), everything else on the wasm kernels; tensors live in wasm memory as with the wasm
 * backend, and the BLAS reads and writes them in place. Convolutions feed the BLAS's own inner
 * kernel an image at a time, its patches gathered straight into the kernel's panels
 * (packed-conv.ts), where the BLAS exports a kernel this code knows (OpenBLAS); elsewhere they are
 * products through cblas_sgemm, patch matrices laid out by the wasm kernels (conv.ts).
 *
 * Threads: the BLAS always runs on one thread, and the wasm runtime's threads (two on the main
 * thread, one in a worker thread such as a doctor trial, whose siblings use the other cores) each
 * call it on their own part of the work: a product's rows, a convolution's images. An op runs
 * either in the BLAS or in the wasm kernels, never both at once, so each has the cores in turn.
 * On the CNN workload one BLAS thread took half the CPU time of one wasm thread, and the BLAS's
 * own two threads split its long, thin convolution products (32 × 400 over 12,544 patch columns)
 * badly (a CNN epoch on a quiet machine: 26.8 s, against 18.2 s on one BLAS thread); switching
 * the BLAS between one thread for convolutions and two for the dense layers cost more than the
 * dense layers' products themselves (OpenBLAS's thread count is one for the whole process).
 *
 * Runs are bit-reproducible (a resumed run equals the uninterrupted one): every count is fixed by
 * the thread and the machine, and nothing chooses a path or a split by timing. OpenBLAS's sums
 * differ between 1 and 2 threads and from the wasm kernels', so a choice by timing would give
 * different weights from run to run. A product's row slices and a convolution's slices and groups
 * follow from the shapes and the team's size; each output element is one sum inside one
 * single-threaded product, the weight gradient's per-group parts are added in group order, and
 * which thread runs a slice (the team hands them out as threads come free, or runs them all on
 * the calling thread while sharing does not pay) changes no sum.
 */
import type { Backend } from '../backend.js';
import { createWasmBackend, type WasmRuntime } from '../wasm/index.js';
import { conv2d, conv2dBackwardInput, conv2dBackwardWeight } from './conv.js';
import type { BlasLibrary } from './library.js';
import { packedConv2d, packedConv2dBackwardInput, packedConv2dBackwardWeight } from './packed-conv.js';
import { product } from './product.js';

export { loadBlas, type BlasLibrary } from './library.js';

export function createBlasBackend(blas: BlasLibrary, runtime: () => WasmRuntime): Backend {
  const { packed } = blas;
  return {
    ...createWasmBackend(runtime),
    name: 'blas',
    matmul(a, b, c, m, n, k, transA, transB, accumulate) {
      if (m === 0 || n === 0) return;
      if (k === 0) {
        // an empty sum; the BLAS would reject the zero leading dimension of A
        if (!accumulate) c.fill(0, 0, m * n);
        return;
      }
      product(blas, runtime(), a, b, c, m, n, k, transA, transB, accumulate);
    },
    conv2d: (x, w, out, g) => (packed === null ? conv2d(blas, runtime(), x, w, out, g) : packedConv2d(blas, packed, runtime(), x, w, out, g)),
    conv2dBackwardInput: (dy, w, dx, g, accumulate) =>
      packed === null ? conv2dBackwardInput(blas, runtime(), dy, w, dx, g, accumulate) : packedConv2dBackwardInput(blas, packed, runtime(), dy, w, dx, g, accumulate),
    conv2dBackwardWeight: (dy, x, dw, g, accumulate) =>
      (packed === null ? conv2dBackwardWeight : packedConv2dBackwardWeight)(blas, runtime(), dy, x, dw, g, accumulate),
  };
}
