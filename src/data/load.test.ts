import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { DataSpec } from './dataset.js';
import { loadData, roundHalfEven } from './load.js';

const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-load-'));
const specFile = path.join(specDir, 'spec.json');
const ctx = { seed: 1, specDir, specFile };

/** Writes a CSV in the spec's folder; row r is [labels(r), ...features(r)]. */
function csv(name: string, n: number, row: (r: number) => number[]): string {
  const lines = Array.from({ length: n }, (_, r) => row(r).join(','));
  fs.writeFileSync(path.join(specDir, name), lines.join('\n') + '\n');
  return name;
}

const load = (data: DataSpec) => loadData(data, ctx);

test('roundHalfEven rounds as Python does', () => {
  const cases: [number, number][] = [[4.5, 4], [5.5, 6], [2.5, 2], [0.5, 0], [1.5, 2], [4.4, 4], [4.6, 5], [3, 3]];
  for (const [x, expected] of cases) assert.equal(roundHalfEven(x), expected, `round(${x})`);
  assert.equal(roundHalfEven(45 * 0.1), 4); // 4.5 exactly
  assert.equal(roundHalfEven(35 * 0.1), 4); // 3.5000000000000004
});

test('the validation set is taken from the end of the training set, rounded half to even', async () => {
  const file = csv('rows45.csv', 45, (r) => [r % 3, r]);
  const d = await load({ source: `csv:${file}` }); // 45 * 0.1 = 4.5 rounds to 4
  assert.equal(d.train.n, 41);
  assert.equal(d.validation?.n, 4);
  assert.deepEqual(Array.from(d.train.x.subarray(0, 3)), [0, 1, 2]);
  assert.deepEqual(Array.from(d.validation?.x ?? []), [41, 42, 43, 44]);
  assert.deepEqual(Array.from(d.validation?.y ?? []), [2, 0, 1, 2]);
  assert.equal(d.test, null);
  assert.equal(d.classes, 3);
  assert.deepEqual(d.sampleShape, [1]);
  assert.equal(d.source, 'csv:rows45.csv');

  const limited = await load({ source: `csv:${file}`, trainLimit: 25, validationSplit: 0.1 });
  assert.equal(limited.validation?.n, 2); // 2.5 rounds to 2
  assert.deepEqual(Array.from(limited.validation?.x ?? []), [23, 24]);
  assert.equal((await load({ source: `csv:${file}`, trainLimit: 35 })).validation?.n, 4); // 3.5000000000000004
  assert.equal((await load({ source: `csv:${file}`, validationSplit: 0 })).validation, null);
});

test('a trainLimit larger than the data keeps all of it', async () => {
  const d = await load({ source: `csv:${csv('rows10.csv', 10, (r) => [0, r])}`, trainLimit: 1000, validationSplit: 0 });
  assert.equal(d.train.n, 10);
});

test('standardize uses statistics of the limited training rows, before the validation split', async () => {
  // Features r and 2r + 1; rows beyond trainLimit are huge so that using them would show.
  const train = csv('std-train.csv', 12, (r) => [r % 2, r < 8 ? r : 1e6, r < 8 ? 2 * r + 1 : -1e6]);
  const test = csv('std-test.csv', 3, (r) => [1, 10 * r, 5]);
  const d = await load({
    source: `csv:${train}`,
    test: `csv:${test}`,
    trainLimit: 8,
    validationSplit: 0.25,
    normalize: 'standardize',
  });
  const mean = [3.5, 8];
  const std = [Math.sqrt(5.25), 2 * Math.sqrt(5.25)]; // population std of 0..7, and of 1, 3, .., 15
  const expected = (values: number[]) =>
    values.map((v, i) => Math.fround((v - mean[i % 2]) / (std[i % 2] + 1e-8)));
  const trainAndValidation = [...d.train.x, ...(d.validation?.x ?? [])];
  assert.deepEqual(trainAndValidation, expected(Array.from({ length: 8 }, (_, r) => [r, 2 * r + 1]).flat()));
  assert.equal(d.validation?.n, 2);
  assert.deepEqual(Array.from(d.test?.x ?? []), expected([0, 5, 10, 5, 20, 5]));
});

test('scale01 divides by 255; csv sources are not normalized unless asked', async () => {
  const file = csv('bytes.csv', 2, (r) => [r, 255 * r, 51]);
  const raw = await load({ source: `csv:${file}`, validationSplit: 0 });
  assert.deepEqual(Array.from(raw.train.x), [0, 51, 255, 51]);
  const scaled = await load({ source: `csv:${file}`, validationSplit: 0, normalize: 'scale01' });
  assert.deepEqual(Array.from(scaled.train.x), [0, 0.2, 1, 0.2].map(Math.fround));
});

test('a separate test source replaces the source own test split and can raise the class count', async () => {
  const test = csv('xor-test.csv', 4, (r) => [r === 3 ? 5 : 0, r, -r]);
  const d = await load({ source: 'synthetic:xor', test: `csv:${test}`, samples: 40, testLimit: 3 });
  assert.equal(d.test?.n, 3);
  assert.deepEqual(Array.from(d.test?.x ?? []), [0, 0, 1, -1, 2, -2]);
  assert.equal(d.classes, 6);
  assert.equal(d.train.n + (d.validation?.n ?? 0), 40);
});

test('synthetic sources bring their own test split and follow the seed', async () => {
  const d = await load({ source: 'synthetic:spirals', samples: 100, classes: 4 });
  assert.equal(d.train.n, 90);
  assert.equal(d.validation?.n, 10);
  assert.equal(d.test?.n, 50);
  assert.equal(d.classes, 4);
  assert.deepEqual(d.sampleShape, [2]);
  const again = await load({ source: 'synthetic:spirals', samples: 100, classes: 4 });
  assert.deepEqual(again.train.x, d.train.x);
  const otherSeed = await loadData({ source: 'synthetic:spirals', samples: 100, classes: 4 }, { ...ctx, seed: 2 });
  assert.notDeepEqual(otherSeed.train.x, d.train.x);
});

test('inputShape replaces the sample shape when the element counts agree', async () => {
  const file = csv('pixels.csv', 3, (r) => [r, ...Array.from({ length: 6 }, (_, k) => k)]);
  const d = await load({ source: `csv:${file}`, inputShape: [1, 2, 3], validationSplit: 0.34 });
  assert.deepEqual(d.sampleShape, [1, 2, 3]);
  assert.deepEqual(d.train.sampleShape, [1, 2, 3]);
  assert.deepEqual(d.validation?.sampleShape, [1, 2, 3]);
  await assert.rejects(load({ source: `csv:${file}`, inputShape: [1, 28, 28] }), {
    name: 'InputError',
    message: `${specFile}: data.inputShape: [1, 28, 28] has 784 elements, but a sample has 6 features`,
  });
});

test('at least one training example must remain', async () => {
  const file = csv('one.csv', 1, () => [0, 1]);
  await assert.rejects(load({ source: `csv:${file}`, validationSplit: 0.9 }), {
    name: 'InputError',
    message: `${specFile}: data.validationSplit: 0.9 of 1 training examples is 1 for validation, leaving none to train on`,
  });
  await assert.rejects(load({ source: 'synthetic:xor', trainLimit: 2, validationSplit: 0.75 }), {
    message:
      `${specFile}: data.validationSplit: 0.75 of 2 training examples (trainLimit keeps 2) is 2 for ` +
      'validation, leaving none to train on',
  });
  await assert.rejects(load({ source: 'synthetic:xor', trainLimit: 0 }), {
    message: `${specFile}: data.trainLimit: keeps no training examples; expected at least 1`,
  });
});

test('relative paths are resolved from the spec folder; missing files are named', async () => {
  await assert.rejects(load({ source: 'csv:missing.csv' }), {
    name: 'InputError',
    message: `${path.join(specDir, 'missing.csv')}: no such file`,
  });
  await assert.rejects(load({ source: 'idx:no-folder' }), {
    message: `${path.join(specDir, 'no-folder')}: no such folder`,
  });
});

test('bad source strings name the spec field', async () => {
  await assert.rejects(load({ source: 'mnist' }), {
    message:
      `${specFile}: data.source: unknown source "mnist"; ` +
      'expected mnist-sample, fashion-mnist, idx:DIR, csv:FILE, images:DIR or synthetic:NAME',
  });
  await assert.rejects(load({ source: 'csv:' }), { message: `${specFile}: data.source: "csv:" needs a path after it` });
  await assert.rejects(load({ source: 'synthetic:xor', test: 'synthetic:xor' }), {
    message: `${specFile}: data.test: expected "csv:FILE", "idx:DIR" or "images:DIR", found "synthetic:xor"`,
  });
  const wide = csv('wide.csv', 2, (r) => [r, 1, 2, 3]);
  await assert.rejects(load({ source: 'synthetic:circles', test: `csv:${wide}` }), {
    message: `${specFile}: data.test: the test set has 3 features a sample, the training set 2`,
  });
  await assert.rejects(load({ source: 'synthetic:circles', imageSize: [8, 8] }), {
    message: `${specFile}: data.imageSize: applies to image folders (images:DIR) only`,
  });
});

test('standardizing that overflows float32 is refused', async () => {
  const train = csv('flat.csv', 4, (r) => [r % 2, 1]);
  const test = csv('far.csv', 1, () => [0, 1e36]);
  await assert.rejects(load({ source: `csv:${train}`, test: `csv:${test}`, normalize: 'standardize' }), {
    message:
      `${specFile}: data.normalize: standardizing gives a non-finite value in feature 1 of test example 1; ` +
      'its training values barely vary',
  });
});
