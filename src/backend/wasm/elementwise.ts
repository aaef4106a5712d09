import type { UnaryFn } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import { MIN_SHARED_LIGHT_ELEMENTS, runOverElements, runOverUnits } from './element-ranges.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Element-wise kernels run in wasm only on arrays that already live in wasm memory, as training's
 * do: for most of them, copying in and out would cost as much as the reference loop. Otherwise
 * they run the reference. Large ones are split between the threads (element-ranges.ts).
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
  const [px, pb, po] = [heap.addressOf(x), heap.addressOf(bias), heap.addressOf(out)];
  const row = 4 * channels * inner;
  runOverUnits(rt, 'addBias', rows, rows * channels * inner, (first, last) => [px + first * row, pb, po + first * row, last - first, channels, inner]);
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
  const [pdy, pdb, acc] = [heap.addressOf(dy), heap.addressOf(db), Number(accumulate)];
  // by channels, so that each sum stays whole; dense layers' rows of single floats stay together
  const units = inner === 1 ? 1 : channels;
  runOverUnits(rt, 'biasGrad', units, rows * channels * inner, (first, last) => {
    const [from, to] = units === 1 ? [0, channels] : [first, last];
    return [pdy, pdb, rows, channels, inner, from, to, acc];
  });
}

/** The functions with a wasm kernel; the others run the reference. */
const IN_WASM: ReadonlySet<UnaryFn> = new Set(['relu', 'sigmoid', 'tanh']);

export function unary(rt: WasmRuntime, fn: UnaryFn, x: Float32Array, y: Float32Array, alpha: number): void {
  if (!IN_WASM.has(fn) || !rt.heap.holdsAll(x, y)) return referenceBackend.unary(fn, x, y, alpha);
  const streams = [
    { buffers: [x], access: 'read' as const },
    { buffers: [y], access: 'write' as const },
  ];
  if (fn === 'relu') runOverElements(rt, 'relu', streams, [], MIN_SHARED_LIGHT_ELEMENTS);
  else runOverElements(rt, fn === 'sigmoid' ? 'sigmoid' : 'tanh', streams, []);
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
  // relu's derivative reads x; sigmoid's and tanh's read y
  const read = fn === 'relu' ? x : y;
  if (!IN_WASM.has(fn) || !rt.heap.holdsAll(read, dy, dx)) return referenceBackend.unaryBackward(fn, x, y, dy, dx, alpha, accumulate);
  const streams = [
    { buffers: [read], access: 'read' as const },
    { buffers: [dy], access: 'read' as const },
    { buffers: [dx], access: accumulate ? ('update' as const) : ('write' as const) },
  ];
  const acc = Number(accumulate);
  if (fn === 'relu') runOverElements(rt, 'reluBackward', streams, [acc], MIN_SHARED_LIGHT_ELEMENTS);
  else runOverElements(rt, 'squashingBackward', streams, [Number(fn === 'tanh'), acc]);
}
