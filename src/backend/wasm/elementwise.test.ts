import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UnaryFn } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import { Random } from '../../util/random.js';
import { assertAgrees, randomArray } from './agreement.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime } from './index.js';

const rt = createWasmRuntime({ threads: 1 });
const backend = createWasmBackend(() => rt);
const { transient } = createWasmAllocators(rt);
const rng = new Random(9);

/** Random values with the awkward ones sprinkled in: zeros of both signs and NaN. */
function operand(n: number, inside: boolean): Float32Array {
  const a = randomArray(rng, n, inside ? transient.alloc(n) : new Float32Array(n));
  if (n > 3) a.set([0, -0, NaN], n - 3);
  return a;
}

test('addBias and biasGrad agree with the reference', () => {
  for (const [rows, channels, inner] of [[1, 1, 1], [3, 5, 7], [2, 16, 196], [64, 10, 1], [9, 37, 1]]) {
    for (const inside of [false, true]) {
      const n = rows * channels * inner;
      const x = operand(n, inside);
      const bias = operand(channels, inside);
      const out = operand(n, inside);
      const expected = new Float32Array(n);
      referenceBackend.addBias(x, bias, expected, rows, channels, inner);
      backend.addBias(x, bias, out, rows, channels, inner);
      assertAgrees(out, expected, 1, `addBias ${rows}×${channels}×${inner}`);
      for (const accumulate of [false, true]) {
        const db = randomArray(rng, channels, inside ? transient.alloc(channels) : new Float32Array(channels));
        const expectedDb = Float32Array.from(db);
        const dy = randomArray(rng, n);
        const dyInside = inside ? transient.alloc(n) : dy;
        dyInside.set(dy);
        referenceBackend.biasGrad(dy, expectedDb, rows, channels, inner, accumulate);
        backend.biasGrad(dyInside, db, rows, channels, inner, accumulate);
        assertAgrees(db, expectedDb, Math.sqrt(rows * inner), `biasGrad ${rows}×${channels}×${inner} accumulate=${accumulate}`);
      }
      transient.reset();
    }
  }
});

test('unary and unaryBackward agree with the reference: relu, sigmoid and tanh in wasm, the rest delegated', () => {
  const fns: UnaryFn[] = ['relu', 'sigmoid', 'tanh', 'leaky_relu'];
  for (const fn of fns) {
    for (const n of [1, 3, 4, 17, 1000]) {
      for (const inside of [false, true]) {
        const x = operand(n, inside);
        const y = operand(n, inside);
        const expectedY = new Float32Array(n);
        referenceBackend.unary(fn, x, expectedY, 0.1);
        backend.unary(fn, x, y, 0.1);
        assertAgrees(y, expectedY, 0, `${fn} n=${n}`);
        for (const accumulate of [false, true]) {
          const dy = operand(n, inside);
          const dx = operand(n, inside);
          const expectedDx = Float32Array.from(dx);
          referenceBackend.unaryBackward(fn, x, y, dy, expectedDx, 0.1, accumulate);
          backend.unaryBackward(fn, x, y, dy, dx, 0.1, accumulate);
          // float32 products f'·dy: errors relative to the terms (of size 1), which dx + f'·dy may cancel
          assertAgrees(dx, expectedDx, 1, `${fn} backward n=${n} accumulate=${accumulate}`);
        }
        transient.reset();
      }
    }
  }
});

test('sigmoid and tanh keep their relative accuracy over the whole range, infinities and tiny values included', () => {
  const special = [0, -0, 1e-30, -1e-30, 1e-6, -1e-6, 0.6249, 0.625, -0.6251, 9, -9, 20, -20, 87, -87, 100, -100, Infinity, -Infinity, NaN];
  const n = special.length + 401;
  const x = transient.alloc(n);
  x.set(special);
  for (let i = special.length; i < n; i++) x[i] = rng.range(-30, 30);
  for (const fn of ['sigmoid', 'tanh'] as const) {
    const y = transient.alloc(n);
    const expected = new Float32Array(n);
    referenceBackend.unary(fn, x, expected, 0);
    backend.unary(fn, x, y, 0);
    // sigmoid's exponential saturates at 1.2e-38 far below zero (see assembly/exp.ts), where the reference is subnormal
    assertAgrees(y, expected, 2e-33, fn);
  }
  transient.reset();
});

test('large element-wise jobs split between two threads agree with the reference', () => {
  const shared = createWasmRuntime({ threads: 2, shareAlways: true });
  shared.team.waitUntilReady();
  const split = createWasmBackend(() => shared);
  const arena = createWasmAllocators(shared).transient;
  // above the 2^18 elements below which a light job stays on one thread (element-ranges.ts)
  const [rows, channels, inner] = [5, 7, 7501];
  const n = rows * channels * inner;
  const make = (size: number) => {
    const a = randomArray(rng, size, arena.alloc(size));
    a[size >> 1] = NaN;
    return a;
  };
  const x = make(n);
  const bias = make(channels);
  const out = make(n);
  const expected = new Float32Array(n);
  referenceBackend.addBias(x, bias, expected, rows, channels, inner);
  split.addBias(x, bias, out, rows, channels, inner);
  assertAgrees(out, expected, 1, 'addBias');
  for (const accumulate of [false, true]) {
    const db = make(channels);
    const expectedDb = Float32Array.from(db);
    referenceBackend.biasGrad(x, expectedDb, rows, channels, inner, accumulate);
    split.biasGrad(x, db, rows, channels, inner, accumulate);
    assertAgrees(db, expectedDb, Math.sqrt(rows * inner), `biasGrad accumulate=${accumulate}`);
  }
  for (const fn of ['relu', 'sigmoid', 'tanh'] as const) {
    const y = make(n);
    const expectedY = new Float32Array(n);
    referenceBackend.unary(fn, x, expectedY, 0);
    split.unary(fn, x, y, 0);
    assertAgrees(y, expectedY, 0, fn);
    for (const accumulate of [false, true]) {
      const dy = make(n);
      const dx = make(n);
      const expectedDx = Float32Array.from(dx);
      referenceBackend.unaryBackward(fn, x, y, dy, expectedDx, 0, accumulate);
      split.unaryBackward(fn, x, y, dy, dx, 0, accumulate);
      assertAgrees(dx, expectedDx, 1, `${fn} backward accumulate=${accumulate}`);
    }
  }
});

test('squaresAndZeros agrees with the reference: the sum to float64 rounding, the zeros exactly', () => {
  for (const n of [0, 1, 3, 4, 7, 1000, 400_689]) {
    const x = randomArray(rng, n, transient.alloc(n));
    for (let i = 0; i < n; i += 5) x[i] = i % 2 === 0 ? 0 : -0;
    const [squares, zeros] = backend.squaresAndZeros(x);
    const [expectedSquares, expectedZeros] = referenceBackend.squaresAndZeros(x);
    assert.equal(zeros, expectedZeros, `zeros of ${n}`);
    assert.ok(Math.abs(squares - expectedSquares) <= 1e-12 * expectedSquares, `Σx² of ${n}: ${squares}, expected ${expectedSquares}`);
    transient.reset();
  }
});
