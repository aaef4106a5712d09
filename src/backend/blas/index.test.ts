import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { Random } from '../../util/random.js';
import { referenceBackend } from '../reference/index.js';
import { assertAgrees, assertConvAgrees, assertMatmulAgrees, CONV_GEOMETRIES, convGeometry, randomArray } from '../wasm/agreement.js';
import { createWasmAllocators, createWasmRuntime } from '../wasm/index.js';
import { imagesPerGroup } from './conv.js';
import { createBlasBackend, loadBlas, type BlasLibrary } from './index.js';

/** CI installs libopenblas0-pthread; without a BLAS these tests fail rather than pass unseen. */
function machineBlas(): BlasLibrary {
  const library = loadBlas(undefined);
  assert.ok(!('unavailable' in library), `no BLAS on this machine: ${'unavailable' in library ? library.unavailable : ''}`);
  return library;
}

const runtime = createWasmRuntime({ threads: 1 });
// convolutions on the BLAS here too, as in a worker thread (the main thread keeps them on wasm)
const backend = createBlasBackend(machineBlas(), () => runtime, 'blas');

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 2],
  [7, 9, 13],
  [64, 10, 300],
  [10, 64, 300],
  [130, 200, 97],
  [128, 512, 784],
];

test('matmul through the BLAS agrees with the reference: transposes, accumulation, inside and outside wasm memory', () => {
  const { persistent } = createWasmAllocators(runtime);
  assertMatmulAgrees(backend, (n) => persistent.alloc(n), SHAPES, 'blas');
});

test('matmul writes C in place in a view that starts mid-buffer, and nothing around it', () => {
  const outer = randomArray(new Random(3), 500, createWasmAllocators(runtime).transient.alloc(500));
  const [m, n, k] = [9, 11, 6];
  const a = outer.subarray(1, 1 + m * k);
  const b = outer.subarray(101, 101 + k * n);
  const c = outer.subarray(301, 301 + m * n);
  const before = Float32Array.from(outer);
  const expected = Float32Array.from(c);
  referenceBackend.matmul(a, b, expected, m, n, k, false, true, false);
  backend.matmul(a, b, c, m, n, k, false, true, false);
  assertAgrees(c, expected, Math.sqrt(k) + 1, 'c');
  for (let i = 0; i < outer.length; i++) if (i < 301 || i >= 301 + m * n) assert.equal(outer[i], before[i], `element ${i}`);
});

test('matmul with k = 0 zeroes C, or leaves it when accumulating', () => {
  const c = Float32Array.from([1, 2, 3, 4, 5, 6]);
  backend.matmul(new Float32Array(0), new Float32Array(0), c, 2, 3, 0, false, false, true);
  assert.deepEqual([...c], [1, 2, 3, 4, 5, 6]);
  backend.matmul(new Float32Array(0), new Float32Array(0), c, 2, 3, 0, false, false, false);
  assert.deepEqual([...c], [0, 0, 0, 0, 0, 0]);
});

test("a worker thread's products use one BLAS thread; the main thread's next product takes every core back", async () => {
  const library = machineBlas();
  const product = () => backend.matmul(new Float32Array(4), new Float32Array(4), new Float32Array(4), 2, 2, 2, false, false, false);
  product();
  if (library.threads() === null) return; // a library without thread control (Accelerate): nothing to see
  assert.equal(library.threads(), availableParallelism());
  const source = `
    const { createBlasBackend, loadBlas } = await import(${JSON.stringify(new URL('./index.js', import.meta.url).href)});
    const { createWasmRuntime } = await import(${JSON.stringify(new URL('../wasm/index.js', import.meta.url).href)});
    const runtime = createWasmRuntime({ threads: 1 });
    const library = loadBlas(undefined);
    createBlasBackend(library, () => runtime).matmul(new Float32Array(4), new Float32Array(4), new Float32Array(4), 2, 2, 2, false, false, false);
    (await import('node:worker_threads')).parentPort.postMessage(library.threads());`;
  const worker = new Worker(`import(${JSON.stringify('data:text/javascript,' + encodeURIComponent(source))})`, { eval: true });
  const inWorker = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await worker.terminate();
  assert.equal(inWorker, 1);
  product();
  assert.equal(library.threads(), availableParallelism());
});

test('convolutions as BLAS products agree with the reference: same, valid, strided, one group or several', () => {
  const geometries = [
    ...CONV_GEOMETRIES,
    // the CNN workload's second layer on a whole batch: patches of 313 KB an image, several groups
    convGeometry(20, 16, 14, 14, 32, 5, 5, 1, 2),
    convGeometry(70, 2, 7, 9, 3, 3, 2, 2, 1),
  ];
  assert.ok(imagesPerGroup(geometries.at(-2)!) < 20, 'the batch is laid out in several groups');
  const { transient } = createWasmAllocators(runtime);
  assertConvAgrees(backend, (n) => transient.alloc(n), () => transient.reset(), geometries, 'blas');
});

test('a BLAS convolution gives the same bits every time: its groups and thread count follow from the shape', () => {
  const g = convGeometry(20, 16, 14, 14, 32, 5, 5, 1, 2);
  const rng = new Random(9);
  const x = randomArray(rng, g.batch * g.inChannels * g.inHeight * g.inWidth);
  const dy = randomArray(rng, g.batch * g.outChannels * g.outHeight * g.outWidth);
  const weightGradient = () => {
    const dw = new Float32Array(g.outChannels * g.inChannels * g.kernelHeight * g.kernelWidth);
    backend.conv2dBackwardWeight(dy, x, dw, g, false);
    return dw;
  };
  const first = weightGradient();
  for (let i = 0; i < 3; i++) assert.deepEqual(weightGradient(), first);
});
