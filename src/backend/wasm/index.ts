/**
 * The WebAssembly backend: SIMD kernels compiled from assembly/ with AssemblyScript, run on up to
 * two threads sharing one memory, while splitting jobs between them pays (sharing.ts). It accepts
 * any Float32Array (copying those outside wasm memory) and falls back to the reference kernels
 * where it has nothing faster (see elementwise.ts).
 *
 * Start-up is synchronous: the first kernel call compiles the module (about 2 ms); the first
 * large one starts the worker threads, which join in once booted. To let kernels skip copies,
 * give the ops buffers inside wasm memory:
 *
 *   const { transient, persistent } = createWasmAllocators();
 *   setPersistentAllocator(persistent);
 *   for (each step) { withAllocator(transient, step); transient.reset(); }
 *
 * `reset()` recycles every transient buffer: nothing from the previous step may be read after it.
 */
import type { Backend } from '../backend.js';
import { WasmArena } from './arena.js';
import { conv2d, conv2dBackwardInput, conv2dBackwardWeight } from './conv.js';
import { addBias, biasGrad, unary, unaryBackward } from './elementwise.js';
import { matmul } from './matmul.js';
import { addInPlace, adamStep, rmspropStep, sgdStep } from './optimizer-steps.js';
import { maxPool2d, maxPool2dBackward } from './pool.js';
import { createWasmRuntime, type WasmRuntime } from './runtime.js';
import { squaresAndZeros } from './squares.js';

export { createWasmRuntime, type SimdVariant, type WasmRuntime, type WasmRuntimeOptions } from './runtime.js';
export type { WasmArena } from './arena.js';

let sharedRuntime: WasmRuntime | undefined;

/** The runtime behind `wasmBackend`, created on first use. */
export function wasmRuntime(): WasmRuntime {
  return (sharedRuntime ??= createWasmRuntime());
}

/** A backend running on `runtime()`, looked up at every call so it can be created lazily. */
export function createWasmBackend(runtime: () => WasmRuntime): Backend {
  return {
    name: 'wasm',
    matmul: (a, b, c, m, n, k, transA, transB, accumulate) =>
      matmul(runtime(), a, b, c, m, n, k, transA, transB, accumulate),
    addBias: (x, bias, out, rows, channels, inner) => addBias(runtime(), x, bias, out, rows, channels, inner),
    biasGrad: (dy, db, rows, channels, inner, accumulate) => biasGrad(runtime(), dy, db, rows, channels, inner, accumulate),
    unary: (fn, x, y, alpha) => unary(runtime(), fn, x, y, alpha),
    unaryBackward: (fn, x, y, dy, dx, alpha, accumulate) => unaryBackward(runtime(), fn, x, y, dy, dx, alpha, accumulate),
    conv2d: (x, w, out, g) => conv2d(runtime(), x, w, out, g),
    conv2dBackwardInput: (dy, w, dx, g, accumulate) => conv2dBackwardInput(runtime(), dy, w, dx, g, accumulate),
    conv2dBackwardWeight: (dy, x, dw, g, accumulate) => conv2dBackwardWeight(runtime(), dy, x, dw, g, accumulate),
    maxPool2d: (x, out, argmax, g) => maxPool2d(runtime(), x, out, argmax, g),
    maxPool2dBackward: (dy, argmax, dx, accumulate, g) => maxPool2dBackward(runtime(), dy, argmax, dx, accumulate, g),
    sgdStep: (params, grads, momentumBuffers, updates, c) => sgdStep(runtime(), params, grads, momentumBuffers, updates, c),
    adamStep: (params, grads, m, v, updates, c) => adamStep(runtime(), params, grads, m, v, updates, c),
    rmspropStep: (params, grads, squares, means, momentumBuffers, updates, c) =>
      rmspropStep(runtime(), params, grads, squares, means, momentumBuffers, updates, c),
    addInPlace: (target, addend) => addInPlace(runtime(), target, addend),
    squaresAndZeros: (x) => squaresAndZeros(runtime(), x),
  };
}

export const wasmBackend: Backend = createWasmBackend(wasmRuntime);

/**
 * Allocators whose Float32Arrays live in the runtime's memory: `transient` for per-step buffers
 * (call `reset()` between steps), `persistent` for parameters and optimizer state.
 */
export function createWasmAllocators(runtime: WasmRuntime = wasmRuntime()): {
  transient: WasmArena;
  persistent: WasmArena;
} {
  return { transient: new WasmArena(runtime.heap), persistent: new WasmArena(runtime.heap) };
}
