import { setPersistentAllocator, setScratchAllocator } from '../tensor/memory.js';
import { setBackend } from './backend.js';
import { referenceBackend } from './reference/index.js';
import { WasmArena } from './wasm/arena.js';
import { wasmBackend, wasmRuntime } from './wasm/index.js';
import { RecyclingAllocator } from './wasm/recycling.js';

export const BACKENDS = ['wasm', 'reference'] as const;
export type BackendName = (typeof BACKENDS)[number];

let active: BackendName | null = null;

/**
 * Chooses the kernels and where tensors live. `wasm` (the default) runs the SIMD kernels on two
 * threads with parameters and optimizer state in wasm memory and each training step's buffers
 * in an arena reused from step to step; `reference` runs the readable TypeScript kernels on
 * ordinary arrays. Choose before building a model: its parameters stay where they were made.
 */
export function useBackend(name: BackendName): void {
  if (name === 'reference') {
    setBackend(referenceBackend);
    setPersistentAllocator(null);
    setScratchAllocator(null);
  } else {
    const runtime = wasmRuntime();
    setBackend(wasmBackend);
    setPersistentAllocator(new RecyclingAllocator(runtime.heap));
    setScratchAllocator(new WasmArena(runtime.heap));
  }
  active = name;
}

/** The backend in use, choosing the default on first call: REMEDY_BACKEND, else wasm. */
export function activeBackend(): BackendName {
  if (active === null) {
    const wanted = process.env.REMEDY_BACKEND;
    if (wanted !== undefined && !(BACKENDS as readonly string[]).includes(wanted)) {
      throw new Error(`REMEDY_BACKEND=${wanted}: expected one of ${BACKENDS.join(', ')}`);
    }
    try {
      useBackend((wanted as BackendName | undefined) ?? 'wasm');
    } catch (e) {
      if (wanted === 'wasm') throw e;
      // a runtime without WebAssembly SIMD: the reference kernels still give the same results
      process.emitWarning(`remedy: WebAssembly kernels unavailable (${(e as Error).message}); using the reference backend`);
      useBackend('reference');
    }
  }
  return active!;
}
