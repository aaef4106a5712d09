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
const backend = createBlasBackend(machineBlas(), () => runtime);
// two threads that split every convolution, as on the main thread of a machine with two cores
const pairRuntime = createWasmRuntime({ threads: 2, shareAlways: true });
const pair = createBlasBackend(machineBlas(), () => pairRuntime);
// convolutions as whole products through cblas_sgemm, as where the BLAS's own kernel is not known (MKL, Accelerate)
const products = createBlasBackend({ ...machineBlas(), packed: null }, () => runtime);
const pairProducts = createBlasBackend({ ...machineBlas(), packed: null }, () => pairRuntime);

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

test('matmul split by rows over two threads agrees with the reference, and gives the same bits every time', () => {
  const { persistent } = createWasmAllocators(pairRuntime);
  assert.ok(pairRuntime.team.waitUntilReady() === 2, 'the second thread boots');
  assertMatmulAgrees(pair, (n) => persistent.alloc(n), [...SHAPES, [200, 300, 90], [40, 1000, 200], [47, 333, 301]], 'blas, two threads');
  const [m, n, k] = [47, 333, 301];
  const rng = new Random(5);
  const a = randomArray(rng, m * k, persistent.alloc(m * k));
  const b = randomArray(rng, k * n, persistent.alloc(k * n));
  const product = () => {
    const c = persistent.alloc(m * n);
    pair.matmul(a, b, c, m, n, k, false, true, false);
    return Float32Array.from(c);
  };
  const first = product();
  for (let i = 0; i < 4; i++) assert.deepEqual(product(), first);
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

test('every product runs on one BLAS thread, in a worker thread as on the main thread, also after OpenBLAS was set to more', async () => {
  const library = machineBlas();
  if (library.threads() === null) return; // a library without thread control (Accelerate): nothing to see
  const product = () => pair.matmul(new Float32Array(64 * 64), new Float32Array(64 * 64), new Float32Array(64 * 64), 64, 64, 64, false, false, false);
  library.useThreads(availableParallelism());
  product();
  assert.equal(library.threads(), 1);
  const source = `
    const { createBlasBackend, loadBlas } = await import(${JSON.stringify(new URL('./index.js', import.meta.url).href)});
    const { createWasmRuntime } = await import(${JSON.stringify(new URL('../wasm/index.js', import.meta.url).href)});
    const runtime = createWasmRuntime();
    const library = loadBlas(undefined);
    library.useThreads(2);
    createBlasBackend(library, () => runtime).matmul(new Float32Array(4), new Float32Array(4), new Float32Array(4), 2, 2, 2, false, false, false);
    (await import('node:worker_threads')).parentPort.postMessage([runtime.team.size, library.threads()]);`;
  const worker = new Worker(`import(${JSON.stringify('data:text/javascript,' + encodeURIComponent(source))})`, { eval: true });
  const inWorker = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await worker.terminate();
  assert.deepEqual(inWorker, [1, 1], 'one wasm thread, one BLAS thread');
});

test("convolutions on the BLAS's own kernel, and as BLAS products, agree with the reference: same, valid, strided, one group or several", () => {
  const geometries = [
    ...CONV_GEOMETRIES,
    // the CNN workload's second layer on a whole batch: patches of 313 KB an image, several groups
    convGeometry(20, 16, 14, 14, 32, 5, 5, 1, 2),
    convGeometry(70, 2, 7, 9, 3, 3, 2, 2, 1),
  ];
  assert.ok(imagesPerGroup(geometries.at(-2)!, 1) < 20, 'the batch is laid out in several groups');
  const { transient } = createWasmAllocators(runtime);
  assertConvAgrees(backend, (n) => transient.alloc(n), () => transient.reset(), geometries, 'blas');
  assertConvAgrees(products, (n) => transient.alloc(n), () => transient.reset(), geometries, 'blas products');
});

test('convolutions split over two threads agree with the reference: odd batches, strides, padding, channels', () => {
  const geometries = [
    ...CONV_GEOMETRIES,
    convGeometry(27, 16, 14, 14, 32, 5, 5, 1, 2),
    convGeometry(1, 3, 8, 8, 4, 3, 3, 1, 1),
    convGeometry(9, 2, 7, 9, 3, 3, 2, 2, 1),
    convGeometry(5, 3, 11, 6, 7, 4, 2, 3, 0),
  ];
  assert.ok(pairRuntime.team.waitUntilReady() === 2, 'the second thread boots');
  const { transient } = createWasmAllocators(pairRuntime);
  assertConvAgrees(pair, (n) => transient.alloc(n), () => transient.reset(), geometries, 'blas, two threads');
  assertConvAgrees(pairProducts, (n) => transient.alloc(n), () => transient.reset(), geometries, 'blas products, two threads');
});

test('a BLAS convolution gives the same bits every time, split over threads or not: its slices and groups follow from the shape', () => {
  const g = convGeometry(45, 16, 14, 14, 32, 5, 5, 1, 2);
  const rng = new Random(9);
  const x = randomArray(rng, g.batch * g.inChannels * g.inHeight * g.inWidth);
  const dy = randomArray(rng, g.batch * g.outChannels * g.outHeight * g.outWidth);
  const w = randomArray(rng, g.outChannels * g.inChannels * g.kernelHeight * g.kernelWidth);
  const all = (b: typeof backend) => {
    const out = new Float32Array(dy.length);
    const dx = new Float32Array(x.length);
    const dw = new Float32Array(w.length);
    b.conv2d(x, w, out, g);
    b.conv2dBackwardInput(dy, w, dx, g, false);
    b.conv2dBackwardWeight(dy, x, dw, g, false);
    return [out, dx, dw];
  };
  assert.ok(imagesPerGroup(g, 2) < 23, 'each thread lays out several groups');
  for (const b of [backend, pair, products, pairProducts]) {
    const first = all(b);
    for (let i = 0; i < 4; i++) assert.deepEqual(all(b), first);
  }
});
