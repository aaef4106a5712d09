import type { UnaryFn } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Element-wise kernels run in wasm only on arrays that already live in wasm memory, as training's
 * do: for most of them, copying in and out would cost as much as the reference loop. Otherwise
 * they run the reference.
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

/** The functions with a wasm kernel; the others run the reference. */
const IN_WASM: ReadonlySet<UnaryFn> = new Set(['relu', 'sigmoid', 'tanh']);

export function unary(rt: WasmRuntime, fn: UnaryFn, x: Float32Array, y: Float32Array, alpha: number): void {
  const { heap, kernels } = rt;
  if (!IN_WASM.has(fn) || !heap.holdsAll(x, y)) return referenceBackend.unary(fn, x, y, alpha);
  const kernel = fn === 'relu' ? kernels.relu : fn === 'sigmoid' ? kernels.sigmoid : kernels.tanh;
  kernel(heap.addressOf(x), heap.addressOf(y), x.length);
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
  const { heap, kernels } = rt;
  // relu's derivative reads x; sigmoid's and tanh's read y
  const read = fn === 'relu' ? x : y;
  if (!IN_WASM.has(fn) || !heap.holdsAll(read, dy, dx)) return referenceBackend.unaryBackward(fn, x, y, dy, dx, alpha, accumulate);
  const [pRead, pdy, pdx, n, acc] = [heap.addressOf(read), heap.addressOf(dy), heap.addressOf(dx), dy.length, Number(accumulate)];
  if (fn === 'relu') kernels.reluBackward(pRead, pdy, pdx, n, acc);
  else kernels.squashingBackward(Number(fn === 'tanh'), pRead, pdy, pdx, n, acc);
}
