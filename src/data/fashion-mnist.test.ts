import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadData } from './load.js';
import { DEBIAN_FASHION_MNIST } from './sources.js';

const ctx = { seed: 0, specDir: '/', specFile: 'spec.json' };

/** Runs `fn` with REMEDY_DATA set to `value` (or unset), restoring it after. */
async function withRemedyData<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.REMEDY_DATA;
  if (value === undefined) delete process.env.REMEDY_DATA;
  else process.env.REMEDY_DATA = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.REMEDY_DATA;
    else process.env.REMEDY_DATA = saved;
  }
}

test(
  "fashion-mnist: Debian's dataset-fashion-mnist, 60,000 training and 10,000 test images",
  { skip: !fs.existsSync(DEBIAN_FASHION_MNIST) && `${DEBIAN_FASHION_MNIST} is not installed` },
  async (t) => {
    const start = performance.now();
    const d = await withRemedyData(undefined, () =>
      loadData({ source: 'fashion-mnist', validationSplit: 0 }, ctx),
    );
    t.diagnostic(`loaded in ${(performance.now() - start).toFixed(0)} ms`);
    assert.equal(d.train.n, 60000);
    assert.equal(d.test?.n, 10000);
    assert.equal(d.validation, null);
    assert.deepEqual(d.sampleShape, [1, 28, 28]);
    assert.equal(d.train.x.length, 60000 * 784);
    assert.equal(d.test?.x.length, 10000 * 784);
    assert.equal(d.classes, 10);
    const perClass = Array.from({ length: 10 }, (_, c) => d.train.y.filter((l) => l === c).length);
    assert.deepEqual(perClass, new Array(10).fill(6000));
    assert.ok(d.test?.x.every((v) => v >= 0 && v <= 1));
  },
);

test('fashion-mnist: a missing folder says how to get it', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-data-'));
  const folder = path.join(root, 'fashion-mnist');
  await withRemedyData(root, () =>
    assert.rejects(loadData({ source: 'fashion-mnist' }, ctx), {
      name: 'InputError',
      message:
        `${folder}: no such folder; install it with "apt-get install dataset-fashion-mnist", ` +
        'or set REMEDY_DATA to a folder that holds fashion-mnist/',
    }),
  );
});
