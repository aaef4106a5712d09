import { activeBackend, useBackend, type BackendName } from '../backend/select.js';
import { wasmRuntime } from '../backend/wasm/index.js';

/**
 * Activates the backend (the one asked for, else the default that `remedy train` would use) and,
 * for wasm, waits until its worker threads have booted, so the first timed kernels do not run on
 * the main thread alone. Returns how the results should name it, e.g. "wasm (relaxed SIMD, 2 threads)".
 */
export function prepareBackend(name?: BackendName): { name: BackendName; label: string } {
  if (name !== undefined) useBackend(name);
  const active = activeBackend();
  if (active !== 'wasm') return { name: active, label: active };
  const runtime = wasmRuntime();
  const threads = runtime.team.waitUntilReady();
  return { name: active, label: `wasm (${runtime.simd} SIMD, ${threads} thread${threads === 1 ? '' : 's'})` };
}
