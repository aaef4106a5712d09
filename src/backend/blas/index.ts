/**
 * The `blas` backend: matrix products through the machine's BLAS (library.ts), everything else,
 * convolutions included, on the wasm kernels; tensors live in wasm memory as with the wasm
 * backend, and the BLAS reads and writes them in place.
 *
 * Threads: an op runs either in the BLAS or in the wasm kernels, never both at once, so each may
 * use the cores in turn. On the main thread the BLAS gets every core; in a worker thread (a
 * doctor trial, whose siblings use the other cores) one, as the wasm runtime does. The count is
 * fixed, not chosen by timing as the wasm threads' sharing is: OpenBLAS's sums differ between 1
 * and 2 threads, and a run must give the same weights every time (resumed runs included).
 * Convolutions stay on wasm for the same reason and for speed: the BLAS's im2col products were
 * no faster than the wasm kernels in the one (busy) measurement there was.
 */
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type { Backend } from '../backend.js';
import { createWasmBackend, type WasmRuntime } from '../wasm/index.js';
import type { BlasLibrary } from './library.js';

export { loadBlas, type BlasLibrary } from './library.js';

/** The BLAS threads products on this thread use: on the main thread every core, or OPENBLAS_NUM_THREADS if fewer. */
export function blasThreads(): number {
  if (!isMainThread) return 1;
  const asked = Number(process.env.OPENBLAS_NUM_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, availableParallelism()) : availableParallelism();
}

export function createBlasBackend(blas: BlasLibrary, runtime: () => WasmRuntime): Backend {
  const threads = blasThreads();
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
      // the count is the process's: a doctor trial may have changed it since the last product
      blas.useThreads(threads);
      blas.sgemm(transA, transB, m, n, k, a, transA ? m : k, b, transB ? k : n, accumulate ? 1 : 0, c, n);
    },
  };
}
