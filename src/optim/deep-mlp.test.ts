/**
 * The note's kind of network: a deep tanh MLP on the embedded MNIST sample. vSGD and AdaSecant,
 * with their defaults and no learning rate chosen, train it to a sensible accuracy, as Adam does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import { createTrainer, originOf } from '../train/run.js';

for (const type of ['vsgd', 'adasecant']) {
  test(`${type} trains a deep tanh MLP on mnist-sample without a tuned learning rate`, async (t) => {
    const dense = { type: 'dense', units: 128, activation: 'tanh' };
    const spec = parseSpec({
      seed: 1,
      data: { source: 'mnist-sample', trainLimit: 3000 },
      model: { layers: [dense, dense, dense, { type: 'dense', units: 10, activation: 'softmax' }] },
      optimizer: { type },
      batchSize: 50,
      epochs: 3,
    });
    const result = await (await createTrainer(spec, originOf('deep-mlp.json'))).fit();
    t.diagnostic(`test accuracy ${result.test!.acc.toFixed(3)} (Adam with its default rate: about 0.87)`);
    assert.ok(result.test!.acc > 0.8, `test accuracy ${result.test!.acc}`);
  });
}
