/** Every op's backward against central finite differences (float32 forward, so eps is large). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOSS_BY_NAME } from '../../losses/index.js';
import { gradCheck, randomTensor } from '../../testing/gradcheck.js';
import { Random } from '../../util/random.js';
import type { Tensor } from '../tensor.js';
import * as ops from './index.js';

const TOLERANCE = 2e-2;

function check(name: string, f: (x: Tensor[]) => Tensor, inputs: Tensor[], eps?: number) {
  test(`gradient of ${name}`, () => {
    const err = gradCheck(f, inputs, eps);
    assert.ok(err < TOLERANCE, `${name}: relative error ${err.toExponential(2)}`);
  });
}

const r = (shape: number[], seed: number, lo?: number, hi?: number) => randomTensor(shape, seed, lo, hi);

check('add with broadcasting', ([a, b]) => ops.add(a, b), [r([3, 4], 1), r([4], 2)]);
check('sub with broadcasting', ([a, b]) => ops.sub(a, b), [r([2, 1, 3], 3), r([4, 1], 4)]);
check('mul', ([a, b]) => ops.mul(a, b), [r([3, 4], 5), r([3, 4], 6)]);
check('div', ([a, b]) => ops.div(a, b), [r([3, 4], 7), r([3, 1], 8, 1, 2)]);
check('pow', ([a]) => ops.pow(a, 3), [r([5], 9, 0.5, 1.5)]);
check('maximum', ([a, b]) => ops.maximum(a, b), [r([6], 10), r([6], 11)]);
check('scale', ([a]) => ops.scale(a, -2.5), [r([4], 12)]);
for (const fn of ['exp', 'neg', 'abs', 'square', 'sigmoid', 'tanh', 'relu', 'selu', 'softplus'] as const) {
  check(fn, ([a]) => ops[fn](a), [r([3, 5], 13, -2, 2)]);
}
check('log', ([a]) => ops.log(a), [r([7], 14, 0.5, 3)]);
check('sqrt', ([a]) => ops.sqrt(a), [r([7], 15, 0.5, 3)]);
check('leaky_relu', ([a]) => ops.leakyRelu(a, 0.1), [r([9], 16)]);
check('elu', ([a]) => ops.elu(a, 0.7), [r([9], 17, -2, 2)]);
check('sum', ([a]) => ops.sum(a), [r([3, 4], 18)]);
check('sum over an axis', ([a]) => ops.sum(a, 1), [r([2, 3, 4], 19)]);
check('mean over the last axis', ([a]) => ops.mean(a, -1), [r([2, 3, 4], 20)]);
check('reshape', ([a]) => ops.reshape(a, [4, -1]), [r([2, 3, 4], 21)]);
check('matmul', ([a, b]) => ops.matmul(a, b), [r([3, 5], 22), r([5, 2], 23)]);
check('linear', ([x, w, b]) => ops.linear(x, w, b), [r([4, 5], 24), r([3, 5], 25), r([3], 26)]);
check('conv2d valid', ([x, w, b]) => ops.conv2d(x, w, b, 1, 0), [r([2, 2, 5, 5], 27), r([3, 2, 3, 3], 28), r([3], 29)]);
check('conv2d padded stride 2', ([x, w, b]) => ops.conv2d(x, w, b, 2, 1), [r([2, 1, 6, 6], 30), r([2, 1, 3, 3], 31), r([2], 32)]);
check('maxPool2d', ([x]) => ops.maxPool2d(x, 2), [r([2, 2, 4, 5], 33)]);
check('softmax', ([x]) => ops.softmax(x), [r([3, 4], 34, -2, 2)]);
check('logSoftmax', ([x]) => ops.logSoftmax(x), [r([3, 4], 35, -2, 2)]);
check('groupMax (maxout)', ([x]) => ops.groupMax(x, 3), [r([2, 6], 36)]);
check(
  'batchNorm in training',
  ([x, g, b]) => ops.batchNorm(x, g, b, { runningMean: new Float32Array(3), runningVar: new Float32Array(3).fill(1), momentum: 0.1, eps: 1e-5 }, true),
  [r([4, 3, 2, 2], 37), r([3], 38, 0.5, 1.5), r([3], 39)],
);
check(
  'batchNorm in evaluation',
  ([x, g, b]) => ops.batchNorm(x, g, b, { runningMean: Float32Array.of(0.1, -0.2), runningVar: Float32Array.of(0.5, 2), momentum: 0.1, eps: 1e-5 }, false),
  [r([3, 2], 40), r([2], 41), r([2], 42)],
);
for (const mode of ['inverted', 'classic'] as const) {
  check(`dropout (${mode})`, ([x]) => ops.dropout(x, 0.3, mode, true, new Random(5)), [r([4, 5], 43)]);
}

const labels = Int32Array.of(0, 2, 1, 2);
for (const [name, loss] of Object.entries(LOSS_BY_NAME)) {
  for (const fused of [true, false]) {
    // probabilities for the unfused binary cross-entropy, raw scores otherwise
    const input = name === 'binary_cross_entropy' && !fused ? r([4, 3], 44, 0.1, 0.9) : r([4, 3], 44, -2, 2);
    check(`${name} loss${fused ? ' (fused)' : ''}`, ([x]) => loss.compute(x, labels, fused), [input], 1e-3);
  }
}
