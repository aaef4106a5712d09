import { activeBackend, backendReason, blasLibrary, type BackendName } from './select.js';
import { wasmRuntime } from './wasm/index.js';

export interface BackendDescription {
  name: BackendName;
  /** e.g. "blas (OpenBLAS 0.3.21, Cooperlake kernels, convolutions in 16×4 panels, 1 thread per wasm thread) + wasm (relaxed SIMD, 2 threads)" */
  label: string;
  /** Why this backend, e.g. "no BLAS: REMEDY_BLAS=off". */
  reason: string;
  /**
   * The BLAS behind the blas backend: its name, kernels, own description and file, the threads
   * that call it (one BLAS thread each), and the panels its own kernel takes where convolutions
   * feed it directly (null: they go through cblas_sgemm).
   */
  blas?: { name: string; kernel: string | null; config: string | null; file: string; threads: number; panels: { a: number; b: number } | null };
}

/** The backend in use (choosing the default first), as `remedy bench` and `train --verbose` report it. */
export function describeBackend(): BackendDescription {
  const name = activeBackend();
  const reason = backendReason();
  if (name === 'reference') return { name, label: 'reference (TypeScript)', reason };
  const runtime = wasmRuntime();
  const wasm = `wasm (${runtime.simd} SIMD, ${plural(runtime.team.size, 'thread')})`;
  const library = blasLibrary();
  if (name === 'wasm' || 'unavailable' in library) return { name, label: wasm, reason };
  const threads = runtime.team.size;
  const kernel = library.kernel === null ? '' : `, ${library.kernel} kernels`;
  const { packed } = library;
  const panels = packed === null ? null : { a: packed.unrollA, b: packed.unrollB };
  const convolutions = panels === null ? '' : `, convolutions in ${panels.a}×${panels.b} panels`;
  return {
    name,
    label: `blas (${library.name}${kernel}${convolutions}, 1 thread per wasm thread) + ${wasm}`,
    reason,
    blas: { name: library.name, kernel: library.kernel, config: library.config, file: library.file, threads, panels },
  };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
