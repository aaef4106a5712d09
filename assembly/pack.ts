import { MR, NR } from './microkernel';

/** Stores the 4×4 block whose rows are r0..r3 transposed: its columns land `stride` bytes apart from `dst`. */
@inline
export function storeTransposed(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

/**
 * Copies the 4×4 block whose rows start at `src`, `src + ld`, … (ld in bytes) to `dst` transposed,
 * its columns landing `stride` bytes apart: packing a panel that runs across memory rows.
 */
@inline
function transpose4x4(src: usize, ld: usize, dst: usize, stride: usize): void {
  storeTransposed(v128.load(src), v128.load(src + ld), v128.load(src + 2 * ld), v128.load(src + 3 * ld), dst, stride);
}

/**
 * Packs the block op(A)[i0.., p0..] of mc rows × kc steps into MR-row panels, each laid out step
 * after step (MR values per step) as the micro-kernel reads it, rows past mc zero-filled.
 * `a` is the matrix base, `lda` its row stride in elements; op(A)(i,p) = transA ? a[p,i] : a[i,p].
 */
export function packA(a: usize, lda: i32, transA: bool, i0: i32, p0: i32, mc: i32, kc: i32, dst: usize): void {
  const ld = <usize>lda << 2;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const i = i0 + ir;
    if (transA) {
      let src = a + ((<usize>p0 * lda + i) << 2);
      if (rows == MR) {
        for (let p = 0; p < kc; p++, src += ld, dst += MR * 4) v128.store(dst, v128.load(src));
      } else {
        for (let p = 0; p < kc; p++, src += ld, dst += MR * 4) {
          for (let r = 0; r < MR; r++) store<f32>(dst + (<usize>r << 2), r < rows ? load<f32>(src + (<usize>r << 2)) : 0);
        }
      }
    } else {
      const src = a + ((<usize>i * lda + p0) << 2);
      let p = 0;
      if (rows == MR) {
        for (; p + 4 <= kc; p += 4) transpose4x4(src + (<usize>p << 2), ld, dst + <usize>p * MR * 4, MR * 4);
      }
      for (; p < kc; p++) {
        const out = dst + <usize>p * MR * 4;
        for (let r = 0; r < MR; r++) {
          store<f32>(out + (<usize>r << 2), r < rows ? load<f32>(src + <usize>r * ld + (<usize>p << 2)) : 0);
        }
      }
      dst += <usize>kc * MR * 4;
    }
  }
}

/**
 * Packs the block op(B)[p0.., j0..] of kc steps × nc columns into NR-column panels, each laid out
 * step after step (NR values per step), columns past nc zero-filled.
 * op(B)(p,j) = transB ? b[j,p] : b[p,j], `ldb` the row stride in elements.
 */
export function packB(b: usize, ldb: i32, transB: bool, p0: i32, j0: i32, kc: i32, nc: i32, dst: usize): void {
  const ld = <usize>ldb << 2;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const j = j0 + jr;
    if (!transB) {
      let src = b + ((<usize>p0 * ldb + j) << 2);
      if (cols == NR) {
        for (let p = 0; p < kc; p++, src += ld, dst += NR * 4) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
        }
      } else {
        for (let p = 0; p < kc; p++, src += ld, dst += NR * 4) {
          for (let c = 0; c < NR; c++) store<f32>(dst + (<usize>c << 2), c < cols ? load<f32>(src + (<usize>c << 2)) : 0);
        }
      }
    } else {
      const src = b + ((<usize>j * ldb + p0) << 2);
      let p = 0;
      if (cols == NR) {
        for (; p + 4 <= kc; p += 4) {
          const at = src + (<usize>p << 2);
          const out = dst + <usize>p * NR * 4;
          transpose4x4(at, ld, out, NR * 4);
          transpose4x4(at + 4 * ld, ld, out + 16, NR * 4);
        }
      }
      for (; p < kc; p++) {
        const out = dst + <usize>p * NR * 4;
        for (let c = 0; c < NR; c++) {
          store<f32>(out + (<usize>c << 2), c < cols ? load<f32>(src + <usize>c * ld + (<usize>p << 2)) : 0);
        }
      }
      dst += <usize>kc * NR * 4;
    }
  }
}
