import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from './random.js';

test('the same seed gives the same stream; the state round-trips', () => {
  const a = new Random(42);
  const b = new Random(42);
  const first = Array.from({ length: 5 }, () => a.nextUint32());
  assert.deepEqual(first, Array.from({ length: 5 }, () => b.nextUint32()));
  const saved = a.state();
  const next = a.uniform();
  a.setState(saved);
  assert.equal(a.uniform(), next);
  assert.notDeepEqual(first, Array.from({ length: 5 }, () => new Random(43).nextUint32()));
});

test('known values, shared with tools/golden/rng.py', () => {
  const r = Random.stream(7, 'dropout');
  assert.deepEqual([r.nextUint32(), r.nextUint32(), r.uniform()], [1667931820, 480588590, 0.27990901470184326]);
});

test('named streams are independent; uniform, normal and shuffle behave', () => {
  assert.notEqual(Random.stream(1, 'shuffle').nextUint32(), Random.stream(1, 'dropout').nextUint32());
  const r = new Random(3);
  let mean = 0;
  let sq = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    const z = r.normal();
    mean += z / n;
    sq += (z * z) / n;
  }
  assert.ok(Math.abs(mean) < 0.03 && Math.abs(sq - 1) < 0.05, `normal mean ${mean} var ${sq}`);
  const perm = r.shuffle(Int32Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual([...perm].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
});
