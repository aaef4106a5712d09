/**
 * The `blas` backend: matrix products and convolutions (conv.ts: patch matrices laid out by the
 * wasm kernels, one product per group of images) through the machine's BLAS (library.ts),
 * everything else on the wasm kernels; tensors live in wasm memory as with the wasm backend, and
 * the BLAS reads and writes them in place.
 *
 * Threads: an op runs either in the BLAS or in the wasm kernels, never both at once, so each may
 * use the cores in turn. On the main thread the BLAS gets every core; in a worker thread (a
 * doctor trial, whose siblings use the other cores) one, as the wasm runtime does. The count is
 * fixed, and no op chooses between the BLAS and the wasm kernels by timing: OpenBLAS's sums
 * differ between 1 and 2 threads and from the wasm kernels', and a run must give the same
 * weights every time (resumed runs included). Where convolutions go is fixed by the thread too:
 * in a worker thread (one BLAS thread) every convolution goes to the BLAS, which took half the
 * CPU time of one wasm thread on the CNN workload's second layer and a little less on its first;
 * on the main thread they stay on the wasm kernels, whose two threads split the batch: on a quiet
 * machine the CNN epoch took 19.6 s there against 26.8 s with the BLAS's two threads, whose
 * split of these long, thin products (32 × 400 over 12,544 patch columns) does not pay.
 */
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type { Backend } from '../backend.js';
import { createWasmBackend, type WasmRuntime } from '../wasm/index.js';
import { conv2d, conv2dBackwardInput, conv2dBackwardWeight, type Sgemm } from './conv.js';
import type { BlasLibrary } from './library.js';

export { loadBlas, type BlasLibrary } from './library.js';

/** The BLAS threads products on this thread use: on the main thread every core, or OPENBLAS_NUM_THREADS if fewer. */
export function blasThreads(): number {
  if (!isMainThread) return 1;
  const asked = Number(process.env.OPENBLAS_NUM_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, availableParallelism()) : availableParallelism();
}

export function createBlasBackend(
  blas: BlasLibrary,
  runtime: () => WasmRuntime,
  convolutions: 'blas' | 'wasm' = isMainThread ? 'wasm' : 'blas',
): Backend {
  const threads = blasThreads();
  const sgemm: Sgemm = (...args) => {
    // the count is the process's: a doctor trial may have changed it since the last product
    blas.useThreads(threads);
    blas.sgemm(...args);
  };
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
      sgemm(transA, transB, m, n, k, a, transA ? m : k, b, transB ? k : n, accumulate ? 1 : 0, c, n);
    },
    ...(convolutions === 'blas' && {
      conv2d: (x, w, out, g) => conv2d(sgemm, runtime(), x, w, out, g),
      conv2dBackwardInput: (dy, w, dx, g, accumulate) => conv2dBackwardInput(sgemm, runtime(), dy, w, dx, g, accumulate),
      conv2dBackwardWeight: (dy, x, dw, g, accumulate) => conv2dBackwardWeight(sgemm, runtime(), dy, x, dw, g, accumulate),
    }),
  };
}
