import assert from 'node:assert/strict';
import { test } from 'node:test';
import { add, mul, sum } from './ops/index.js';
import { Tensor, noGrad } from './tensor.js';

test('a tensor used twice gets the sum of both gradients (micrograd example)', () => {
  const a = Tensor.from([2, -3]);
  a.requiresGrad = true;
  const b = Tensor.from([4, 5]);
  b.requiresGrad = true;
  const y = sum(add(mul(a, b), mul(a, a))); // dy/da = b + 2a, dy/db = a
  y.backward();
  assert.deepEqual(a.grad!.toArray(), [8, -1]);
  assert.deepEqual(b.grad!.toArray(), [2, -3]);
});

test('leaf gradients accumulate over backward calls until zeroed, then are overwritten in place', () => {
  const w = Tensor.parameter([2]);
  w.data.set([1, 2]);
  sum(mul(w, 3)).backward();
  sum(mul(w, 3)).backward();
  assert.deepEqual(w.grad!.toArray(), [6, 6]);
  const buffer = w.grad!.data;
  w.grad = null;
  assert.equal(w.grad, null);
  sum(mul(w, 2)).backward();
  assert.deepEqual(w.grad!.toArray(), [2, 2]);
  assert.equal(w.grad!.data, buffer, 'the same buffer is reused: no allocation per step');
});

test('backward releases the graph: intermediates drop their gradients and a second backward is refused', () => {
  const w = Tensor.parameter([3]);
  w.data.fill(1);
  const h = mul(w, 2);
  const loss = sum(h);
  loss.backward();
  assert.equal(h.grad, null);
  assert.throws(() => loss.backward(), /already released/);
});

test('noGrad records nothing', () => {
  const w = Tensor.parameter([2]);
  const y = noGrad(() => sum(mul(w, w)));
  assert.equal(y.requiresGrad, false);
  assert.throws(() => y.backward(), /does not depend/);
});

test('shapes are checked', () => {
  assert.throws(() => new Tensor(new Float32Array(5), [2, 3]), /5 elements/);
  assert.deepEqual(Tensor.from([[1, 2, 3], [4, 5, 6]]).shape, [2, 3]);
  assert.throws(() => add(Tensor.zeros([2, 3]), Tensor.zeros([4])), /cannot be broadcast/);
  assert.throws(() => sum(Tensor.zeros([2, 3])).backward(), /does not depend/);
  assert.throws(() => Tensor.zeros([2]).item(), /one element/);
});
