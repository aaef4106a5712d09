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
];

test('maxPool2d and its backward agree with the reference, ties and NaN included', () => {
  const rt = createWasmRuntime({ threads: 1 });
  const backend = createWasmBackend(() => rt);
  const { transient } = createWasmAllocators(rt);
  const rng = new Random(5);
  for (const g of GEOMETRIES) {
    for (const inside of [false, true]) {
      const inSize = g.planes * g.inHeight * g.inWidth;
      const outSize = g.planes * g.outHeight * g.outWidth;
      const x = randomArray(rng, inSize, inside ? transient.alloc(inSize) : new Float32Array(inSize));
      // Rounded values make ties; a NaN must win its window.
      for (let i = 0; i < inSize; i++) x[i] = Math.round(x[i] * 2);
      x[inSize >> 1] = NaN;
      const out = new Float32Array(outSize);
      const argmax = inside ? transient.allocInt32(outSize) : new Int32Array(outSize);
      const expectedOut = new Float32Array(outSize);
      const expectedArgmax = new Int32Array(outSize);
      referenceBackend.maxPool2d(x, expectedOut, expectedArgmax, g);
      backend.maxPool2d(x, out, argmax, g);
      assert.deepEqual(Array.from(argmax), Array.from(expectedArgmax));
      assert.deepEqual(Array.from(out), Array.from(expectedOut));
      for (const accumulate of [false, true]) {
        const dy = randomArray(rng, outSize);
        const dx = randomArray(rng, inSize, inside ? transient.alloc(inSize) : new Float32Array(inSize));
        const expectedDx = Float32Array.from(dx);
        referenceBackend.maxPool2dBackward(dy, expectedArgmax, expectedDx, accumulate);
        backend.maxPool2dBackward(dy, argmax, dx, accumulate);
        assertAgrees(dx, expectedDx, 1, `backward accumulate=${accumulate} ${JSON.stringify(g)}`);
      }
    }
  }
});
