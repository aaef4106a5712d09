import { MR, NR, microkernel } from './microkernel';
import { packA, packB } from './pack';

/**
 * Cache blocking (Goto/BLIS loop order). A kc×NR panel of packed B (8 KiB) stays in L1 while the
 * micro-kernel sweeps a packed MC×KC block of A (128 KiB, in L2); the KC×NC block of packed B
 * (1 MiB) is reused from L2/L3 across all row blocks.
 */
const MC = 128;
const KC = 256;
const NC = 1024;

const PACKED_A_BYTES: usize = MC * KC * 4;
const PACKED_B_BYTES: usize = KC * NC * 4;
const TILE_BYTES: usize = MR * NR * 4;

/** Bytes of per-thread scratch `gemm` needs: packed A block, packed B block, an edge tile. */
export function gemmWorkspaceBytes(): usize {
  return PACKED_A_BYTES + PACKED_B_BYTES + TILE_BYTES;
}

/** The workspace's regions, for kernels that drive the micro-kernel themselves. */
@inline
export function packedARegion(work: usize): usize {
  return work;
}

@inline
export function packedBRegion(work: usize): usize {
  return work + PACKED_A_BYTES;
}

@inline
export function edgeTile(work: usize): usize {
  return work + PACKED_A_BYTES + PACKED_B_BYTES;
}

/**
 * Splits `total` into equal blocks of at most `limit`, rounded up to `multiple`: 784 becomes
 * 4 blocks of 196 rather than 3 of 256 and a thin one of 16 that would waste a pass over C.
 */
@inline
function blockSize(total: i32, limit: i32, multiple: i32): i32 {
  const blocks = (total + limit - 1) / limit;
  const size = (total + blocks - 1) / blocks;
  return min(limit, ((size + multiple - 1) / multiple) * multiple);
}

/** Steps of k per block: `packWholeA` packs in blocks of this depth, and its users step alike. */
@inline
export function depthBlock(k: i32): i32 {
  return blockSize(k, KC, 4);
}

@inline
export function paddedRows(m: i32): i32 {
  return ((m + MR - 1) / MR) * MR;
}

/** Bytes `packWholeA` writes for an m×k op(A). */
export function packedWholeABytes(m: i32, k: i32): usize {
  return (<usize>paddedRows(m) * k) << 2;
}

/**
 * Packs all of op(A) once, in the layout `gemm` reads from `packedA`, so threads that each take
 * a slice of C's columns share it instead of each packing A again. Per kc block (rows padded to
 * MR), MR-row panels follow one another: block pc, rows i.. start at (pc·paddedRows + i·kc).
 */
export function packWholeA(transA: bool, m: i32, k: i32, a: usize, lda: i32, dst: usize): void {
  const kcMax = depthBlock(k);
  const rows = paddedRows(m);
  for (let pc = 0; pc < k; pc += kcMax) {
    packA(a, lda, transA, 0, pc, m, min(kcMax, k - pc), dst + ((<usize>pc * rows) << 2));
  }
}

/**
 * C[m,n] (+)= op(A)[m,k]·op(B)[k,n] on strided matrices (leading dimensions in elements), so
 * one thread can take a slice of a larger product. `work` is this thread's scratch. When
 * `packedA` is not 0 it holds op(A) packed by `packWholeA` with the same m and k.
 */
export function gemm(
  work: usize,
  transA: bool,
  transB: bool,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  accumulate: bool,
  packedA: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const ldcBytes = <usize>ldc << 2;
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) memory.fill(c + <usize>i * ldcBytes, 0, <usize>n << 2);
    return;
  }
  const packedB = packedBRegion(work);
  const tile = edgeTile(work);
  const mcMax = blockSize(m, MC, MR);
  const kcMax = depthBlock(k);
  const ncMax = blockSize(n, NC, NR);
  const rows = paddedRows(m);
  for (let jc = 0; jc < n; jc += ncMax) {
    const nc = min(ncMax, n - jc);
    for (let pc = 0; pc < k; pc += kcMax) {
      const kc = min(kcMax, k - pc);
      const overwrite = pc == 0 && !accumulate;
      packB(b, ldb, transB, pc, jc, kc, nc, packedB);
      for (let ic = 0; ic < m; ic += mcMax) {
        const mc = min(mcMax, m - ic);
        let blockA = packedARegion(work);
        if (packedA) blockA = packedA + ((<usize>pc * rows + <usize>ic * kc) << 2);
        else packA(a, lda, transA, ic, pc, mc, kc, blockA);
        for (let jr = 0; jr < nc; jr += NR) {
          const panelB = packedB + ((<usize>jr * kc) << 2);
          const cols = min(NR, nc - jr);
          let cTile = c + ((<usize>ic * ldc + jc + jr) << 2);
          for (let ir = 0; ir < mc; ir += MR, cTile += <usize>MR * ldcBytes) {
            const panelA = blockA + ((<usize>ir * kc) << 2);
            microkernel(kc, panelA, panelB, cTile, ldcBytes, min(MR, mc - ir), cols, overwrite, tile);
          }
        }
      }
    }
  }
}
