import type { Backend } from '../backend.js';
import { boundary } from '../wasm/matmul.js';
import type { WasmRuntime } from '../wasm/runtime.js';
import type { BlasLibrary } from './library.js';
import { runOnTeam } from './on-team.js';

/**
 * C = op(A)·op(B) (+ C) in the BLAS, its rows split over the wasm runtime's threads, each slice
 * one product on one BLAS thread (thread-kernels.ts), as the convolutions are (conv.ts): so the
 * BLAS runs on one thread throughout, and no product switches its thread count. Products too
 * small to be worth handing out run whole on the calling thread. Each C element is one sum inside
 * one single-threaded product whose shape follows from the product's shape and the team's size:
 * the same shapes always sum alike.
 */

/** Products below this many multiply-adds (~100 µs on one thread) run whole. */
const SPLIT_MACS = 1 << 22;
/** Slices start on a multiple of this many rows, whole register tiles of the BLAS's kernels. */
const ROW_ALIGN = 16;

export function product(blas: BlasLibrary, rt: WasmRuntime, ...[a, b, c, m, n, k, transA, transB, accumulate]: Parameters<Backend['matmul']>): void {
  const { staging } = rt;
  const macs = m * n * k;
  try {
    const pa = staging.input(a, m * k);
    const pb = staging.input(b, k * n);
    const pc = staging.output(c, m * n, accumulate);
    const slices = macs < SPLIT_MACS ? 1 : Math.max(1, Math.min(rt.team.size, Math.floor(m / ROW_ALIGN)));
    const chunks = Array.from({ length: slices }, (_, i) => {
      const [r0, r1] = [boundary(m, i, slices, ROW_ALIGN), boundary(m, i + 1, slices, ROW_ALIGN)];
      const rowsOfA = pa + 4 * (transA ? r0 : r0 * k);
      return [Number(transA), Number(transB), r1 - r0, n, k, rowsOfA, transA ? m : k, pb, transB ? k : n, Number(accumulate), pc + 4 * r0 * n, n];
    });
    runOnTeam(blas, rt, 'blasProductRows', chunks, macs);
  } finally {
    staging.finish();
  }
}
