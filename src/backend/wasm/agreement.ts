/** Shared by this folder's tests: random operands and the tolerance for agreeing with the oracle. */
import assert from 'node:assert/strict';
import { Random } from '../../util/random.js';
import type { Backend, ConvGeometry } from '../backend.js';
import { referenceBackend } from '../reference/index.js';

/** float32 sums in a different order: allow 1e-5 relative to the value and to the terms' scale. */
const TOLERANCE = 1e-5;

export function randomArray(rng: Random, n: number, into: Float32Array = new Float32Array(n)): Float32Array {
  for (let i = 0; i < n; i++) into[i] = rng.range(-1, 1);
  return into;
}

/**
 * Asserts |actual − expected| ≤ 1e-5·(|expected| + scale) everywhere, `scale` being the terms'
 * magnitude; NaN must meet NaN.
 */
export function assertAgrees(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(actual[i]) && Number.isNaN(expected[i])) continue;
    const error = Math.abs(actual[i] - expected[i]);
    if (!(error <= TOLERANCE * (Math.abs(expected[i]) + scale))) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/**
 * `backend.matmul` against the reference on every shape [m, n, k], with and without transposes
 * and accumulation, on operands from `alloc` and on ordinary arrays. An output that is
 * overwritten starts as NaN: the kernel must not read it.
 */
export function assertMatmulAgrees(backend: Backend, alloc: (n: number) => Float32Array, shapes: readonly [number, number, number][], label: string): void {
  const rng = new Random(7);
  for (const [m, n, k] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          for (const inside of [false, true]) {
            const make = (len: number) => randomArray(rng, len, inside ? alloc(len) : new Float32Array(len));
            const [a, b, c] = [make(m * k), make(k * n), make(m * n)];
            const expected = Float32Array.from(c);
            if (!accumulate) c.fill(NaN);
            referenceBackend.matmul(a, b, expected, m, n, k, transA, transB, accumulate);
            backend.matmul(a, b, c, m, n, k, transA, transB, accumulate);
            const what = `${label} ${m}×${n}×${k} transA=${transA} transB=${transB} accumulate=${accumulate} inside=${inside}`;
            assertAgrees(c, expected, Math.sqrt(k) + 1, what);
          }
        }
      }
    }
  }
}

/** A geometry from the input's and kernel's sizes, the output's computed as conv2d does. */
export function convGeometry(
  batch: number,
  inChannels: number,
  inHeight: number,
  inWidth: number,
  outChannels: number,
  kernelHeight: number,
  kernelWidth: number,
  stride: number,
  padding: number,
): ConvGeometry {
  const outHeight = Math.floor((inHeight + 2 * padding - kernelHeight) / stride) + 1;
  const outWidth = Math.floor((inWidth + 2 * padding - kernelWidth) / stride) + 1;
  return { batch, inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, stride, padding, outHeight, outWidth };
}

/** Geometries every backend's convolutions are checked on: the CNN workload's, odd sizes, strides and paddings. */
export const CONV_GEOMETRIES: ConvGeometry[] = [
  convGeometry(3, 1, 28, 28, 16, 5, 5, 1, 2), // the CNN workload's first layer
  convGeometry(4, 16, 14, 14, 32, 5, 5, 1, 2), // its second, big enough to split over threads
  convGeometry(2, 3, 7, 9, 5, 3, 2, 2, 1),
  convGeometry(1, 2, 1, 1, 3, 1, 1, 1, 0),
  convGeometry(2, 2, 2, 3, 3, 3, 3, 1, 2), // padding wider than the image
  convGeometry(2, 3, 10, 11, 4, 2, 3, 3, 0), // stride leaves the last columns unread
  convGeometry(0, 2, 4, 4, 3, 3, 3, 1, 1),
  // stride 1, 'same' padding: patches packed straight from the image (same-conv.ts)
  convGeometry(2, 3, 7, 9, 5, 3, 3, 1, 1), // pixels not a multiple of 8, channels of neither 4 nor 8
  convGeometry(1, 12, 5, 3, 10, 5, 5, 1, 2), // kernel wider than the image; 300 patch rows, two depth blocks
  convGeometry(2, 2, 19, 17, 9, 7, 7, 1, 3), // 323 pixels: backward weight takes them in two blocks
  convGeometry(3, 4, 6, 1, 6, 3, 3, 1, 1), // one column: every read off-centre wraps a row
  convGeometry(1, 3, 4, 4, 2, 1, 1, 1, 0),
];

/**
 * The backend's conv2d and both gradients against the reference on every geometry, overwriting
 * and accumulating, on operands from `alloc` (freed by `reset` after each) and on ordinary arrays.
 */
export function assertConvAgrees(
  backend: Backend,
  alloc: (n: number) => Float32Array,
  reset: () => void,
  geometries: readonly ConvGeometry[],
  label: string,
): void {
  const rng = new Random(11);
  for (const g of geometries) {
    const xSize = g.batch * g.inChannels * g.inHeight * g.inWidth;
    const wSize = g.outChannels * g.inChannels * g.kernelHeight * g.kernelWidth;
    const ySize = g.batch * g.outChannels * g.outHeight * g.outWidth;
    const scale = Math.sqrt(g.inChannels * g.kernelHeight * g.kernelWidth) + Math.sqrt(g.batch * g.outHeight * g.outWidth) + 1;
    for (const inside of [false, true]) {
      const make = (n: number) => randomArray(rng, n, inside ? alloc(n) : new Float32Array(n));
      const x = make(xSize);
      const w = make(wSize);
      const dy = make(ySize);
      const what = `${label} ${JSON.stringify(g)} inside=${inside}`;

      const out = make(ySize);
      const expectedOut = new Float32Array(ySize);
      referenceBackend.conv2d(x, w, expectedOut, g);
      backend.conv2d(x, w, out, g);
      assertAgrees(out, expectedOut, scale, `conv2d ${what}`);

      for (const accumulate of [false, true]) {
        const dx = make(xSize);
        const expectedDx = Float32Array.from(dx);
        referenceBackend.conv2dBackwardInput(dy, w, expectedDx, g, accumulate);
        backend.conv2dBackwardInput(dy, w, dx, g, accumulate);
        assertAgrees(dx, expectedDx, scale, `backward input accumulate=${accumulate} ${what}`);

        const dw = make(wSize);
        const expectedDw = Float32Array.from(dw);
        referenceBackend.conv2dBackwardWeight(dy, x, expectedDw, g, accumulate);
        backend.conv2dBackwardWeight(dy, x, dw, g, accumulate);
        assertAgrees(dw, expectedDw, scale, `backward weight accumulate=${accumulate} ${what}`);
      }
      reset();
    }
  }
}
