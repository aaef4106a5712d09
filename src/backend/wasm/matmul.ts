import type { WasmRuntime } from './runtime.js';

/** Chunk boundaries fall on whole micro-tiles (4 rows × 8 columns in assembly/microkernel.ts). */
const ROW_ALIGN = 4;
const COLUMN_ALIGN = 8;

/**
 * C[m,n] (+)= op(A)·op(B). Large products are cut into chunks of C's columns, sharing op(A)
 * packed once, or of C's rows when there are few columns, and spread over the runtime's threads.
 */
export function matmul(
  rt: WasmRuntime,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  const { staging, team, kernels } = rt;
  try {
    const pa = staging.input(a, m * k);
    const pb = staging.input(b, k * n);
    const pc = staging.output(c, m * n, accumulate);
    const lda = transA ? m : k;
    const ldb = transB ? k : n;
    const ta = Number(transA);
    const tb = Number(transB);
    const acc = Number(accumulate);
    const byColumns = n >= 2 * COLUMN_ALIGN || n >= m;
    const total = byColumns ? n : m;
    const align = byColumns ? COLUMN_ALIGN : ROW_ALIGN;
    const chunks = team.chunksFor(Math.ceil(total / align), m * n * k);
    let packedA = 0;
    if (byColumns && chunks > 1) {
      packedA = staging.temporary(kernels.packedWholeABytes(m, k));
      kernels.packWholeA(ta, m, k, pa, lda, packedA);
    }
    const tasks: number[][] = [];
    for (let i = 0; i < chunks; i++) {
      const start = boundary(total, i, chunks, align);
      const size = boundary(total, i + 1, chunks, align) - start;
      if (byColumns) {
        const bStart = pb + 4 * (transB ? start * ldb : start);
        tasks.push([ta, tb, m, size, k, pa, lda, bStart, ldb, pc + 4 * start, n, acc, packedA]);
      } else {
        const aStart = pa + 4 * (transA ? start : start * lda);
        tasks.push([ta, tb, size, n, k, aStart, lda, pb, ldb, pc + 4 * start * n, n, acc, 0]);
      }
    }
    team.run('gemm', tasks, m * n * k);
  } finally {
    staging.finish();
  }
}

/** Where chunk `i` of `parts` starts: evenly spread, on a multiple of `align`, the last ending at total. */
export function boundary(total: number, i: number, parts: number, align: number): number {
  if (i === parts) return total;
  return Math.min(total, Math.round((total * i) / parts / align) * align);
}
