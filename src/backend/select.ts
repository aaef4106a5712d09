import { InputError } from '../errors.js';
import { setPersistentAllocator, setScratchAllocator } from '../tensor/memory.js';
import { setBackend } from './backend.js';
import { createBlasBackend, loadBlas, type BlasLibrary } from './blas/index.js';
import { referenceBackend } from './reference/index.js';
import { WasmArena } from './wasm/arena.js';
import { wasmBackend, wasmRuntime } from './wasm/index.js';
import { RecyclingAllocator } from './wasm/recycling.js';

export const BACKENDS = ['blas', 'wasm', 'reference'] as const;
export type BackendName = (typeof BACKENDS)[number];

let active: BackendName | null = null;
/** Why the active backend is the one in use, for `remedy bench` and `train --verbose`. */
let reason = '';
let blas: BlasLibrary | { unavailable: string } | undefined;

/** The machine's BLAS (REMEDY_BLAS chooses or turns it off), loaded once, or why there is none. */
export function blasLibrary(): BlasLibrary | { unavailable: string } {
  return (blas ??= loadBlas());
}

/**
 * Chooses the kernels and where tensors live. `blas` runs matrix products in the machine's BLAS
 * and the rest as `wasm` does; `wasm` runs the SIMD kernels on two threads with parameters and
 * optimizer state in wasm memory and each training step's buffers in an arena reused from step
 * to step; `reference` runs the readable TypeScript kernels on ordinary arrays. Choose before
 * building a model: its parameters stay where they were made.
 */
export function useBackend(name: BackendName, why = `asked for ${name}`): void {
  if (name === 'reference') {
    setBackend(referenceBackend);
    setPersistentAllocator(null);
    setScratchAllocator(null);
  } else {
    const runtime = wasmRuntime();
    if (name === 'blas') {
      const library = blasLibrary();
      if ('unavailable' in library) throw new InputError(`no BLAS: ${library.unavailable}`, why);
      setBackend(createBlasBackend(library, wasmRuntime));
    } else setBackend(wasmBackend);
    setPersistentAllocator(new RecyclingAllocator(runtime.heap));
    setScratchAllocator(new WasmArena(runtime.heap));
  }
  active = name;
  reason = why;
}

/**
 * The backend in use, choosing the default on first call: REMEDY_BACKEND, else blas where a BLAS
 * loads, else wasm, else (a runtime without WebAssembly SIMD) reference.
 */
export function activeBackend(): BackendName {
  if (active === null) {
    const wanted = process.env.REMEDY_BACKEND;
    if (wanted !== undefined && !(BACKENDS as readonly string[]).includes(wanted)) {
      throw new InputError(`expected one of ${BACKENDS.join(', ')}`, `REMEDY_BACKEND=${wanted}`);
    }
    if (wanted !== undefined) useBackend(wanted as BackendName, `REMEDY_BACKEND=${wanted}`);
    else {
      const library = blasLibrary();
      const fallback = 'unavailable' in library ? `no BLAS: ${library.unavailable}` : null;
      try {
        useBackend(fallback === null ? 'blas' : 'wasm', fallback ?? `the BLAS loaded from ${(library as BlasLibrary).file}`);
      } catch (e) {
        // the same results from the readable kernels
        const why = `WebAssembly kernels unavailable (${(e as Error).message})`;
        process.emitWarning(`remedy: ${why}; using the reference backend`);
        useBackend('reference', why);
      }
    }
  }
  return active!;
}

/** Why the active backend was chosen, e.g. "no BLAS: REMEDY_BLAS=off". */
export function backendReason(): string {
  activeBackend();
  return reason;
}
