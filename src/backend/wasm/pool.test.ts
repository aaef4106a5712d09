import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PoolGeometry } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import { Random } from '../../util/random.js';
import { assertAgrees, randomArray } from './agreement.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime } from './index.js';

const GEOMETRIES: PoolGeometry[] = [
  { planes: 6, inHeight: 6, inWidth: 6, size: 2, outHeight: 3, outWidth: 3 },
  { planes: 3, inHeight: 7, inWidth: 5, size: 3, outHeight: 2, outWidth: 1 },
  { planes: 1, inHeight: 1, inWidth: 1, size: 1, outHeight: 1, outWidth: 1 },
  // 2×2 windows four at a time, then the rest of the row one by one; odd sizes leave an edge unread
  { planes: 5, inHeight: 28, inWidth: 28, size: 2, outHeight: 14, outWidth: 14 },
  { planes: 4, inHeight: 9, inWidth: 19, size: 2, outHeight: 4, outWidth: 9 },
  { planes: 2, inHeight: 2, inWidth: 8, size: 2, outHeight: 1, outWidth: 4 },
  // over 2^18 inputs: the planes are split between the threads
  { planes: 347, inHeight: 28, inWidth: 27, size: 2, outHeight: 14, outWidth: 13 },
];

test('maxPool2d and its backward agree with the reference, ties and NaN included', () => {
  const rt = createWasmRuntime({ threads: 2, shareAlways: true });
  rt.team.waitUntilReady();
  const backend = createWasmBackend(() => rt);
  const { transient } = createWasmAllocators(rt);
  const rng = new Random(5);
  for (const g of GEOMETRIES) {
    for (const inside of [false, true]) {
      const inSize = g.planes * g.inHeight * g.inWidth;
      const outSize = g.planes * g.outHeight * g.outWidth;
      const x = randomArray(rng, inSize, inside ? transient.alloc(inSize) : new Float32Array(inSize));
      // Rounded values make ties; a NaN must win its window, wherever it sits in it.
      for (let i = 0; i < inSize; i++) x[i] = Math.round(x[i] * 2);
      for (let i = inSize >> 1; i < inSize; i += 13) x[i] = NaN;
      for (let i = 5; i < inSize; i += 17) x[i] = -Infinity;
      const out = new Float32Array(outSize);
      const argmax = inside ? transient.allocInt32(outSize) : new Int32Array(outSize);
      const expectedOut = new Float32Array(outSize);
      const expectedArgmax = new Int32Array(outSize);
      referenceBackend.maxPool2d(x, expectedOut, expectedArgmax, g);
      backend.maxPool2d(x, out, argmax, g);
      assert.deepEqual(Array.from(argmax), Array.from(expectedArgmax));
      assert.deepEqual(Array.from(out), Array.from(expectedOut));
      for (const accumulate of [false, true]) {
        // the reference scatters; the wasm kernel writes window by window
        const dy = randomArray(rng, outSize);
        const dx = randomArray(rng, inSize, inside ? transient.alloc(inSize) : new Float32Array(inSize));
        const expectedDx = Float32Array.from(dx);
        referenceBackend.maxPool2dBackward(dy, expectedArgmax, expectedDx, accumulate, g);
        backend.maxPool2dBackward(dy, argmax, dx, accumulate, g);
        assertAgrees(dx, expectedDx, 1, `backward accumulate=${accumulate} ${JSON.stringify(g)}`);
      }
    }
  }
});
