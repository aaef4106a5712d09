import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Tensor } from '../tensor/tensor.js';
import { Random } from '../util/random.js';
import { initialize, type InitScheme } from './init.js';

function stats(scheme: InitScheme, fanIn: number, fanOut: number) {
  const w = Tensor.zeros([fanOut, fanIn]);
  const b = Tensor.full([fanOut], 9);
  initialize(scheme, w, b, { fanIn, fanOut }, new Random(1));
  const n = w.size;
  const mean = w.data.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(w.data.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  const max = w.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return { std, max, bias: b };
}

test('PyTorch default: weight and bias uniform in ±1/√fan_in', () => {
  const { std, max, bias } = stats('default', 400, 300);
  assert.ok(max <= 1 / 20 && max > 0.049);
  assert.ok(Math.abs(std - 1 / 20 / Math.sqrt(3)) < 0.001);
  assert.ok(bias.data.every((v) => Math.abs(v) <= 1 / 20) && bias.data.some((v) => v !== 0));
});

test('named schemes have their variance, and zero biases', () => {
  const expected: [InitScheme, number][] = [
    ['glorot_uniform', Math.sqrt(2 / 700)],
    ['glorot_normal', Math.sqrt(2 / 700)],
    ['he_uniform', Math.sqrt(2 / 400)],
    ['he_normal', Math.sqrt(2 / 400)],
    [{ normal: 0.05 }, 0.05],
  ];
  for (const [scheme, std] of expected) {
    const s = stats(scheme, 400, 300);
    assert.ok(Math.abs(s.std / std - 1) < 0.02, `${JSON.stringify(scheme)}: std ${s.std} vs ${std}`);
    assert.ok(s.bias.data.every((v) => v === 0));
  }
  assert.ok(stats('glorot_uniform', 400, 300).max <= Math.sqrt(6 / 700));
});
