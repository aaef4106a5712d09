import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../util/random.js';
import { Tensor } from '../tensor.js';
import { dropout } from './dropout.js';

const ones = () => Tensor.full([200, 50], 1);

test('inverted dropout keeps the mean in training and is the identity at test time', () => {
  const y = dropout(ones(), 0.4, 'inverted', true, new Random(1));
  const dropped = y.data.filter((v) => v === 0).length / y.size;
  assert.ok(Math.abs(dropped - 0.4) < 0.02, `dropped ${dropped}`);
  assert.ok(y.data.every((v) => v === 0 || Math.abs(v - 1 / 0.6) < 1e-6));
  const x = ones();
  assert.equal(dropout(x, 0.4, 'inverted', false, new Random(1)), x);
});

test('classic dropout (the training tips): unscaled in training, outputs × (1 − p) at test time', () => {
  const y = dropout(ones(), 0.25, 'classic', true, new Random(1));
  assert.ok(y.data.every((v) => v === 0 || v === 1));
  assert.ok(dropout(ones(), 0.25, 'classic', false, new Random(1)).data.every((v) => v === 0.75));
});

test('the same generator state draws the same mask', () => {
  const a = dropout(ones(), 0.5, 'inverted', true, new Random(9));
  const b = dropout(ones(), 0.5, 'inverted', true, new Random(9));
  assert.deepEqual(a.data, b.data);
});
