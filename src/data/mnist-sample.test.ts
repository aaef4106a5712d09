import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadData } from './load.js';
import { loadMnistSample, pixelBytes } from './mnist-sample.js';

const ctx = { seed: 0, specDir: '/', specFile: 'spec.json' };

function fingerprint(bytes: Uint8Array): number {
  let hash = 0;
  for (const b of bytes) hash = (hash * 31 + b) % 1_000_000_007;
  return hash;
}

test('mnist-sample: 7,996 training and 2,004 test digits, 80% of each class for training', async (t) => {
  const start = performance.now();
  const { train, test, classes, images } = await loadMnistSample(true);
  t.diagnostic(`loaded in ${(performance.now() - start).toFixed(0)} ms`);
  assert.equal(classes, 10);
  assert.equal(images, true);
  assert.deepEqual(train.sampleShape, [1, 28, 28]);
  assert.equal(train.n, 7996);
  assert.equal(test?.n, 2004);
  assert.equal(train.x.length, 7996 * 784);
  const perClass = (y: Int32Array) => Array.from({ length: 10 }, (_, c) => y.filter((l) => l === c).length);
  assert.deepEqual(perClass(train.y), [800, 901, 792, 825, 784, 690, 811, 856, 755, 782]);
  assert.deepEqual(perClass(test?.y ?? new Int32Array()), [201, 226, 199, 207, 196, 173, 203, 214, 189, 196]);
});

test('mnist-sample: the same split, in the same order, on every load', async () => {
  const { train, test } = await loadMnistSample(true);
  // Recorded once; a change here means every mnist-sample result in the project changes.
  assert.deepEqual(Array.from(train.y.subarray(0, 20)), [6, 2, 9, 6, 7, 6, 3, 2, 7, 5, 3, 9, 6, 5, 4, 0, 3, 6, 8, 8]);
  assert.deepEqual(Array.from(test?.y.subarray(0, 10) ?? []), [5, 7, 0, 4, 1, 0, 3, 9, 8, 4]);
  assert.equal(fingerprint(train.x as Uint8Array), 32579123);
  assert.equal(fingerprint(test?.x as Uint8Array), 501468194);
});

test('mnist-sample: byte values 0..255 with normalize none, 0..1 by default', async () => {
  const raw = await loadData({ source: 'mnist-sample', normalize: 'none', validationSplit: 0 }, ctx);
  assert.ok(raw.train.x.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
  assert.equal(Math.max(...raw.train.x.subarray(0, 784 * 50)), 255);
  const scaled = await loadData({ source: 'mnist-sample' }, ctx);
  assert.ok(scaled.train.x.every((v) => v >= 0 && v <= 1));
  assert.equal(scaled.train.n + (scaled.validation?.n ?? 0), 7996);
  assert.equal(scaled.validation?.n, 800); // round(7996 * 0.1) = round(799.6)
  assert.deepEqual(scaled.sampleShape, [1, 28, 28]);
});

test('mnist-sample: trainLimit takes a prefix with every class in it', async () => {
  const d = await loadData({ source: 'mnist-sample', trainLimit: 100, validationSplit: 0 }, ctx);
  assert.equal(d.train.n, 100);
  assert.equal(new Set(d.train.y).size, 10);
});

test('mnist-sample: a run cannot change the cached digits', async () => {
  const first = await loadData({ source: 'mnist-sample', validationSplit: 0 }, ctx);
  first.train.x.fill(7);
  first.train.y.fill(7);
  const second = await loadData({ source: 'mnist-sample', validationSplit: 0 }, ctx);
  assert.equal(second.train.y[0], 6);
  assert.ok(second.train.x.every((v) => v <= 1));
});

test('mnist-sample: pixel bytes read straight from a file equal JSON.parse then round(v * 255), and odd values go to JSON.parse', () => {
  const bytes = (text: string) => Array.from(pixelBytes(Buffer.from(text)));
  const viaJson = (text: string) => Array.from(Uint8Array.from((JSON.parse(text) as { data: number[] }).data, (v) => Math.round(v * 255)));
  for (const text of ['{ "data": [0,0.2,0.624,1, 0.996 ,0.0020,0.5] }', '{"data":[1e-3,0.5]}', '{"data":[-0,0.1]}', '{"data":[]}']) {
    assert.deepEqual(bytes(text), viaJson(text), text);
  }
});
