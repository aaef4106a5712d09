import { referenceBackend } from '../reference/index.js';
import type { WasmRuntime } from './runtime.js';

/** Σx² and the zeros of an array in wasm memory on one thread (the signals take a few a batch); the reference for any other. */
export function squaresAndZeros(rt: WasmRuntime, x: Float32Array): [number, number] {
  const { heap, staging, kernels } = rt;
  if (!heap.holdsAll(x)) return referenceBackend.squaresAndZeros(x);
  try {
    const out = staging.temporary(16);
    kernels.squaresAndZeros(heap.addressOf(x), x.length, out);
    return [new Float64Array(heap.memory.buffer, out, 1)[0], heap.i32(out + 8, 1)[0]];
  } finally {
    staging.finish();
  }
}
