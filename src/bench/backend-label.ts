import { describeBackend, type BackendDescription } from '../backend/describe.js';
import { useBackend, type BackendName } from '../backend/select.js';
import { wasmRuntime } from '../backend/wasm/index.js';

/**
 * Activates the backend (the one asked for, else the default that `remedy train` would use) and,
 * for wasm and blas, waits until the wasm worker threads have booted, so the first timed kernels
 * do not run on the main thread alone. Returns how the results should name it.
 */
export function prepareBackend(name?: BackendName): BackendDescription {
  if (name !== undefined) useBackend(name, `--backend ${name}`);
  const description = describeBackend();
  if (description.name !== 'reference') wasmRuntime().team.waitUntilReady();
  return description;
}
