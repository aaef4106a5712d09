/** C[m,n] (+)= op(A)·op(B) with plain loops, ordered so the innermost loop walks memory in order. */
export function matmul(
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
  if (!accumulate) c.fill(0, 0, m * n);
  if (!transB) {
    // C[i,:] += A(i,p) * B[p,:]
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[p * m + i] : a[i * k + p];
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  } else {
    // C[i,j] += dot(A(i,:), B[j,:])
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let s = 0;
        if (transA) for (let p = 0; p < k; p++) s += a[p * m + i] * b[bj + p];
        else for (let p = 0, ai = i * k; p < k; p++) s += a[ai + p] * b[bj + p];
        c[i * n + j] += s;
      }
    }
  }
}
