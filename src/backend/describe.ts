import { activeBackend, backendReason, blasLibrary, type BackendName } from './select.js';
import { wasmRuntime } from './wasm/index.js';

export interface BackendDescription {
  name: BackendName;
  /** e.g. "blas (OpenBLAS 0.3.21, Haswell kernels, 1 thread per wasm thread) + wasm (relaxed SIMD, 2 threads)" */
  label: string;
  /** Why this backend, e.g. "no BLAS: REMEDY_BLAS=off". */
  reason: string;
  /** The BLAS behind the blas backend: its name, kernels, own description and file, and the threads that call it (one BLAS thread each). */
  blas?: { name: string; kernel: string | null; config: string | null; file: string; threads: number };
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
  return {
    name,
    label: `blas (${library.name}${kernel}, 1 thread per wasm thread) + ${wasm}`,
    reason,
    blas: { name: library.name, kernel: library.kernel, config: library.config, file: library.file, threads },
  };
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
