import { test } from 'node:test';
import type { ConvGeometry } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import { Random } from '../../util/random.js';
import { assertAgrees, randomArray } from './agreement.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime } from './index.js';

function geometry(
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

const GEOMETRIES: ConvGeometry[] = [
  geometry(3, 1, 28, 28, 16, 5, 5, 1, 2), // the CNN workload's first layer
  geometry(4, 16, 14, 14, 32, 5, 5, 1, 2), // its second, big enough to split over threads
  geometry(2, 3, 7, 9, 5, 3, 2, 2, 1),
  geometry(1, 2, 1, 1, 3, 1, 1, 1, 0),
  geometry(2, 2, 2, 3, 3, 3, 3, 1, 2), // padding wider than the image
  geometry(2, 3, 10, 11, 4, 2, 3, 3, 0), // stride leaves the last columns unread
  geometry(0, 2, 4, 4, 3, 3, 3, 1, 1),
  // stride 1, 'same' padding: patches packed straight from the image (same-conv.ts)
  geometry(2, 3, 7, 9, 5, 3, 3, 1, 1), // pixels not a multiple of 8, channels of neither 4 nor 8
  geometry(1, 12, 5, 3, 10, 5, 5, 1, 2), // kernel wider than the image; 300 patch rows, two depth blocks
  geometry(2, 2, 19, 17, 9, 7, 7, 1, 3), // 323 pixels: backward weight takes them in two blocks
  geometry(3, 4, 6, 1, 6, 3, 3, 1, 1), // one column: every read off-centre wraps a row
  geometry(1, 3, 4, 4, 2, 1, 1, 1, 0),
];

test('conv2d and its gradients agree with the reference', () => {
  const rt = createWasmRuntime({ threads: 2, shareAlways: true });
  rt.team.waitUntilReady();
  const backend = createWasmBackend(() => rt);
  const { transient } = createWasmAllocators(rt);
  const rng = new Random(11);
  for (const g of GEOMETRIES) {
    const xSize = g.batch * g.inChannels * g.inHeight * g.inWidth;
    const wSize = g.outChannels * g.inChannels * g.kernelHeight * g.kernelWidth;
    const ySize = g.batch * g.outChannels * g.outHeight * g.outWidth;
    const scale = Math.sqrt(g.inChannels * g.kernelHeight * g.kernelWidth) + Math.sqrt(g.batch * g.outHeight * g.outWidth) + 1;
    for (const inside of [false, true]) {
      const make = (n: number) => randomArray(rng, n, inside ? transient.alloc(n) : new Float32Array(n));
      const x = make(xSize);
      const w = make(wSize);
      const dy = make(ySize);
      const label = `${JSON.stringify(g)} inside=${inside}`;

      const out = make(ySize);
      const expectedOut = new Float32Array(ySize);
      referenceBackend.conv2d(x, w, expectedOut, g);
      backend.conv2d(x, w, out, g);
      assertAgrees(out, expectedOut, scale, `conv2d ${label}`);

      for (const accumulate of [false, true]) {
        const dx = make(xSize);
        const expectedDx = Float32Array.from(dx);
        referenceBackend.conv2dBackwardInput(dy, w, expectedDx, g, accumulate);
        backend.conv2dBackwardInput(dy, w, dx, g, accumulate);
        assertAgrees(dx, expectedDx, scale, `backward input accumulate=${accumulate} ${label}`);

        const dw = make(wSize);
        const expectedDw = Float32Array.from(dw);
        referenceBackend.conv2dBackwardWeight(dy, x, expectedDw, g, accumulate);
        backend.conv2dBackwardWeight(dy, x, dw, g, accumulate);
        assertAgrees(dw, expectedDw, scale, `backward weight accumulate=${accumulate} ${label}`);
      }
      transient.reset();
    }
  }
});
