import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RawDataset } from './dataset.js';
import { generateSynthetic, SYNTHETIC_NAMES } from './synthetic.js';

function classCounts(ds: RawDataset, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of ds.y) counts[label]++;
  return counts;
}

for (const name of SYNTHETIC_NAMES) {
  test(`synthetic:${name}: shapes, balance, determinism`, () => {
    const a = generateSynthetic(name, { source: '', samples: 301 }, 7, true, 'spec.json');
    const b = generateSynthetic(name, { source: '', samples: 301 }, 7, true, 'spec.json');
    const other = generateSynthetic(name, { source: '', samples: 301 }, 8, true, 'spec.json');
    const classes = name === 'circles' || name === 'xor' ? 2 : 3;
    assert.equal(a.classes, classes);
    assert.equal(a.images, false);
    assert.equal(a.train.n, 301);
    assert.equal(a.train.x.length, 602);
    assert.deepEqual(a.train.sampleShape, [2]);
    assert.equal(a.test?.n, 150);
    assert.equal(a.test?.x.length, 300);
    for (const split of [a.train, a.test as RawDataset]) {
      const counts = classCounts(split, classes);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `unbalanced: ${counts}`);
      assert.ok(split.x.every(Number.isFinite));
    }
    assert.deepEqual(a.train.x, b.train.x);
    assert.deepEqual(a.test?.y, b.test?.y);
    assert.notDeepEqual(a.train.x, other.train.x);
    // Shuffled, not in the order the labels are laid out before shuffling.
    assert.notDeepEqual(a.train.y, Int32Array.from({ length: 301 }, (_, i) => i % classes));
    // Skipping the test points leaves the training points as they were.
    assert.deepEqual(generateSynthetic(name, { source: '', samples: 301 }, 7, false, 'spec.json').train.x, a.train.x);
  });
}

function noiseless(name: string, classes?: number): RawDataset {
  return generateSynthetic(name, { source: '', samples: 200, noise: 0, classes }, 3, false, 's.json').train;
}

test('circles: class 0 on radius 1, class 1 on radius 0.5', () => {
  const ds = noiseless('circles');
  for (let i = 0; i < ds.n; i++) {
    const radius = Math.hypot(ds.x[2 * i], ds.x[2 * i + 1]);
    assert.ok(Math.abs(radius - (ds.y[i] === 0 ? 1 : 0.5)) < 1e-12);
  }
});

test('xor: label is (x > 0) xor (y > 0), points in [-1, 1]^2', () => {
  const ds = noiseless('xor');
  for (let i = 0; i < ds.n; i++) {
    const [x, y] = [ds.x[2 * i], ds.x[2 * i + 1]];
    assert.equal(ds.y[i], Number((x > 0) !== (y > 0)));
    assert.ok(Math.abs(x) <= 1 && Math.abs(y) <= 1);
  }
});

test('blobs: `classes` blobs, nearest to their own centre on the circle of radius 2', () => {
  const ds = noiseless('blobs', 4);
  let nearest = 0;
  for (let i = 0; i < ds.n; i++) {
    const angle = (2 * Math.PI * ds.y[i]) / 4;
    const distance = Math.hypot(ds.x[2 * i] - 2 * Math.cos(angle), ds.x[2 * i + 1] - 2 * Math.sin(angle));
    if (distance < Math.SQRT2) nearest++; // half the distance between neighbouring centres
  }
  assert.ok(nearest / ds.n > 0.9);
  assert.equal(classCounts(ds, 4).length, 4);
});

test('spirals: radius in [0, 1), angle 4c + 4r without noise', () => {
  const ds = noiseless('spirals', 5);
  for (let i = 0; i < ds.n; i++) {
    const [x, y] = [ds.x[2 * i], ds.x[2 * i + 1]];
    const r = Math.hypot(x, y);
    assert.ok(r < 1);
    const theta = 4 * ds.y[i] + 4 * r;
    assert.ok(Math.abs(x - r * Math.sin(theta)) < 1e-12 && Math.abs(y - r * Math.cos(theta)) < 1e-12);
  }
});

test('synthetic option errors name the spec field', () => {
  assert.throws(() => generateSynthetic('moons', { source: '' }, 0, true, 's.json'), {
    name: 'InputError',
    message: 's.json: data.source: unknown synthetic data set "moons"; expected one of circles, blobs, spirals, xor',
  });
  assert.throws(() => generateSynthetic('xor', { source: '', classes: 3 }, 0, true, 's.json'), {
    message: 's.json: data.classes: synthetic:xor has 2 classes, found 3; only blobs and spirals take a class count',
  });
  assert.throws(() => generateSynthetic('blobs', { source: '', classes: 1 }, 0, true, 's.json'), {
    message: 's.json: data.classes: expected an integer of at least 2, found 1',
  });
});
