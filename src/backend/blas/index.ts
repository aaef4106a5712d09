/**
 * The `blas` backend: matrix products through the machine's BLAS (library.ts), convolutions as
 * products in it (conv.ts) where that is faster than the wasm kernels, everything else on the
 * wasm kernels; tensors live in wasm memory as with the wasm backend, and the BLAS reads and
 * writes them in place.
 *
 * Threads: an op runs either in the BLAS or in the wasm kernels, never both at once, so each may
 * use the cores in turn. On the main thread the BLAS gets every core while that is faster (timed
 * as the wasm threads time sharing, wasm/sharing.ts), else one; in a worker thread (a doctor
 * trial, whose siblings use the other cores) one, as the wasm runtime does.
 */
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type { Backend, ConvGeometry } from '../backend.js';
import { convSizes } from '../wasm/conv-jobs.js';
import { createWasmBackend, type WasmRuntime } from '../wasm/index.js';
import { SharingPolicy, TimedChoice } from '../wasm/sharing.js';
import { conv2d, conv2dBackwardInput, conv2dBackwardWeight, type BlasConv } from './conv.js';
import type { BlasLibrary } from './library.js';

export { loadBlas, type BlasLibrary } from './library.js';

/** The BLAS threads products on this thread may use. */
export function blasThreads(): number {
  return isMainThread ? availableParallelism() : 1;
}

export function createBlasBackend(blas: BlasLibrary, runtime: () => WasmRuntime): Backend {
  const threads = blasThreads();
  const wasm = createWasmBackend(runtime);
  // per product shape: every core, or, while the other cores are busy (handing work to a
  // descheduled BLAS thread made a 128² product 20 times slower at load 20), this thread alone
  const sharing = new SharingPolicy();
  const inBlas = (key: string, units: number, run: () => void) => {
    if (threads === 1) {
      blas.useThreads(1);
      return run();
    }
    const start = performance.now();
    // the count is the process's: a doctor trial may have changed it since the last product
    blas.useThreads(sharing.mode(key) === 'shared' ? threads : 1);
    run();
    sharing.record(key, units, performance.now() - start);
  };
  // per layer geometry and pass, whichever of the BLAS and the wasm kernels is faster here now
  const choice = new TimedChoice<'blas' | 'wasm'>('blas', 'wasm');
  const conv = (pass: string, g: ConvGeometry, viaBlas: (c: BlasConv) => void, viaWasm: () => void) => {
    const key = `${pass} ${g.inChannels}x${g.inHeight}x${g.inWidth}>${g.outChannels} ${g.kernelHeight}x${g.kernelWidth}/${g.stride}+${g.padding}`;
    const { macs } = convSizes(g);
    const start = performance.now();
    if (choice.mode(key) === 'blas') inBlas(key, macs, () => viaBlas({ blas, runtime: runtime() }));
    else viaWasm();
    choice.record(key, macs, performance.now() - start);
  };
  return {
    ...wasm,
    name: 'blas',
    matmul(a, b, c, m, n, k, transA, transB, accumulate) {
      if (m === 0 || n === 0) return;
      if (k === 0) {
        // an empty sum; the BLAS would reject the zero leading dimension of A
        if (!accumulate) c.fill(0, 0, m * n);
        return;
      }
      inBlas(`matmul ${m}x${n}x${k}${transA ? ' transA' : ''}${transB ? ' transB' : ''}`, m * n * k, () =>
        blas.sgemm(transA, transB, m, n, k, a, transA ? m : k, b, transB ? k : n, accumulate ? 1 : 0, c, n),
      );
    },
    conv2d: (x, w, out, g) =>
      conv('forward', g, (c) => conv2d(c, x, w, out, g), () => wasm.conv2d(x, w, out, g)),
    conv2dBackwardInput: (dy, w, dx, g, accumulate) =>
      conv('input', g, (c) => conv2dBackwardInput(c, dy, w, dx, g, accumulate), () => wasm.conv2dBackwardInput(dy, w, dx, g, accumulate)),
    conv2dBackwardWeight: (dy, x, dw, g, accumulate) =>
      conv('weight', g, (c) => conv2dBackwardWeight(c, dy, x, dw, g, accumulate), () => wasm.conv2dBackwardWeight(dy, x, dw, g, accumulate)),
  };
}
