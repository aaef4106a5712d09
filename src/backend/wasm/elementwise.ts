import type { UnaryFn } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Memory-bound kernels: SIMD only pays when the arrays already live in wasm memory, since copying
 * them in and out costs as much as the reference loop. Otherwise they run the reference.
 */

export function addBias(
  rt: WasmRuntime,
  x: Float32Array,
  bias: Float32Array,
  out: Float32Array,
  rows: number,
  channels: number,
  inner: number,
): void {
  const { heap } = rt;
  if (!heap.holdsAll(x, bias, out)) return referenceBackend.addBias(x, bias, out, rows, channels, inner);
  rt.kernels.addBias(heap.addressOf(x), heap.addressOf(bias), heap.addressOf(out), rows, channels, inner);
}

export function biasGrad(
  rt: WasmRuntime,
  dy: Float32Array,
  db: Float32Array,
  rows: number,
  channels: number,
  inner: number,
  accumulate: boolean,
): void {
  const { heap } = rt;
  if (!heap.holdsAll(dy, db)) return referenceBackend.biasGrad(dy, db, rows, channels, inner, accumulate);
  rt.kernels.biasGrad(heap.addressOf(dy), heap.addressOf(db), rows, channels, inner, Number(accumulate));
}

export function unary(rt: WasmRuntime, fn: UnaryFn, x: Float32Array, y: Float32Array, alpha: number): void {
  const { heap } = rt;
  if (fn !== 'relu' || !heap.holdsAll(x, y)) return referenceBackend.unary(fn, x, y, alpha);
  rt.kernels.relu(heap.addressOf(x), heap.addressOf(y), x.length);
}

export function unaryBackward(
  rt: WasmRuntime,
  fn: UnaryFn,
  x: Float32Array,
  y: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  alpha: number,
  accumulate: boolean,
): void {
  const { heap } = rt;
  if (fn !== 'relu' || !heap.holdsAll(x, dy, dx)) return referenceBackend.unaryBackward(fn, x, y, dy, dx, alpha, accumulate);
  rt.kernels.reluBackward(heap.addressOf(x), heap.addressOf(dy), heap.addressOf(dx), dy.length, Number(accumulate));
}
