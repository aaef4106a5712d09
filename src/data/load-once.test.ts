import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadDataOnce } from './load-once.js';

const ctx = { seed: 1, specDir: '.', specFile: 'spec.json' };

test('loadDataOnce: the same data section gives the same splits, whatever the seed; another section loads anew', async () => {
  const spec = { source: 'mnist-sample', trainLimit: 200 };
  const first = await loadDataOnce(spec, ctx);
  assert.equal(await loadDataOnce({ ...spec }, { ...ctx, seed: 2 }), first);
  const other = await loadDataOnce({ ...spec, trainLimit: 100 }, ctx);
  assert.notEqual(other, first);
  assert.equal(other.train.n + (other.validation?.n ?? 0), 100);
  assert.equal(await loadDataOnce(spec, ctx), first);
  // six are kept, the least recently used dropped first
  for (const trainLimit of [10, 20, 30, 40, 50, 60]) await loadDataOnce({ ...spec, trainLimit }, ctx);
  assert.notEqual(await loadDataOnce(spec, ctx), first);
});

test('loadDataOnce: synthetic data is drawn from the seed, so another seed loads anew', async () => {
  const spec = { source: 'synthetic:spirals', samples: 100 };
  const one = await loadDataOnce(spec, ctx);
  assert.equal(await loadDataOnce(spec, ctx), one);
  const two = await loadDataOnce(spec, { ...ctx, seed: 2 });
  assert.notDeepEqual(Array.from(two.train.x), Array.from(one.train.x));
});

test('loadDataOnce: a failed load is not kept; the next call tries again', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-once-'));
  const spec = { source: 'csv:data.csv' };
  const here = { ...ctx, specDir: dir };
  await assert.rejects(loadDataOnce(spec, here));
  fs.writeFileSync(path.join(dir, 'data.csv'), 'label,x\n0,0.5\n1,0.25\n');
  const data = await loadDataOnce(spec, here);
  assert.equal(data.train.n + (data.validation?.n ?? 0), 2);
  fs.rmSync(dir, { recursive: true });
});

test('loadDataOnce: the same data in another spec file of the folder is not loaded again, and its errors name its own file', async () => {
  const spec = { source: 'mnist-sample', trainLimit: 300 };
  const first = await loadDataOnce(spec, ctx);
  assert.equal(await loadDataOnce(spec, { ...ctx, specFile: 'other.json' }), first);
  const bad = { source: 'mnist-sample', trainLimit: 0 };
  const [one, two] = await Promise.allSettled([loadDataOnce(bad, ctx), loadDataOnce(bad, { ...ctx, specFile: 'other.json' })]);
  assert.match(String((one as PromiseRejectedResult).reason.file), /spec\.json$/);
  assert.match(String((two as PromiseRejectedResult).reason.file), /other\.json$/);
});
