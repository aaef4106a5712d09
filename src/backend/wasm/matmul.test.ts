import { test } from 'node:test';
import { Random } from '../../util/random.js';
import { referenceBackend } from '../reference/index.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime, type WasmRuntime } from './index.js';
import { assertAgrees, assertMatmulAgrees, randomArray } from './agreement.js';

/** Edges of the 4×8 tile and the 4-step transposes, single elements, and products big enough to be split over threads. */
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 3],
  [5, 1, 9],
  [3, 5, 2],
  [4, 8, 4],
  [7, 9, 13],
  [13, 17, 31],
  [33, 65, 5],
  [64, 10, 300],
  [10, 64, 300],
  [97, 130, 260],
  [130, 200, 97],
  [300, 12, 520],
  [6, 300, 900],
];

function checkShapes(rt: WasmRuntime, shapes: [number, number, number][], label: string): void {
  const { persistent } = createWasmAllocators(rt);
  assertMatmulAgrees(createWasmBackend(() => rt), (n) => persistent.alloc(n), shapes, label);
}

test('matmul agrees with the reference on two threads, relaxed SIMD when available', () => {
  const rt = createWasmRuntime({ threads: 2, shareAlways: true });
  rt.team.waitUntilReady();
  checkShapes(rt, SHAPES, rt.simd);
});

test('matmul agrees with the reference on the baseline SIMD module, one thread', () => {
  checkShapes(createWasmRuntime({ simd: 'baseline', threads: 1 }), SHAPES, 'baseline');
});

test('matmul reads and writes views that start mid-buffer, inside and outside wasm memory', () => {
  const rt = createWasmRuntime({ threads: 1 });
  const backend = createWasmBackend(() => rt);
  const { transient } = createWasmAllocators(rt);
  const rng = new Random(3);
  const [m, n, k] = [9, 11, 6];
  for (const outer of [new Float32Array(500), transient.alloc(500)]) {
    randomArray(rng, outer.length, outer);
    const a = outer.subarray(1, 1 + m * k);
    const b = outer.subarray(101, 101 + k * n + 5);
    const c = outer.subarray(301, 301 + m * n);
    const before = Float32Array.from(outer);
    const expected = Float32Array.from(c);
    referenceBackend.matmul(a, b, expected, m, n, k, false, false, false);
    backend.matmul(a, b, c, m, n, k, false, false, false);
    assertAgrees(c, expected, Math.sqrt(k) + 1, 'c');
    // Nothing outside c changed: b's extra elements and the gaps are untouched.
    for (let i = 0; i < outer.length; i++) if (i < 301 || i >= 301 + m * n) assertAgrees([outer[i]], [before[i]], 0, `element ${i}`);
  }
});

test('matmul with k = 0 zeroes C, or leaves it when accumulating', () => {
  const rt = createWasmRuntime({ threads: 1 });
  const backend = createWasmBackend(() => rt);
  const c = Float32Array.from([1, 2, 3, 4, 5, 6]);
  backend.matmul(new Float32Array(0), new Float32Array(0), c, 2, 3, 0, false, false, true);
  assertAgrees(c, [1, 2, 3, 4, 5, 6], 0, 'accumulate');
  backend.matmul(new Float32Array(0), new Float32Array(0), c, 2, 3, 0, false, false, false);
  assertAgrees(c, [0, 0, 0, 0, 0, 0], 0, 'overwrite');
});
