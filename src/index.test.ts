import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTrainer, originOf, parseSpec } from './index.js';

test('the library trains a spec object end to end (the default example, above 0.9 test accuracy)', async () => {
  const spec = parseSpec({
    seed: 0,
    data: { source: 'mnist-sample' },
    model: { layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] },
    loss: 'cross_entropy',
    optimizer: { type: 'adam', lr: 0.001 },
    batchSize: 64,
    epochs: 3,
  });
  const trainer = await createTrainer(spec, originOf('inline-spec.json'));
  const result = await trainer.fit();
  assert.equal(result.epochsRun, 3);
  assert.ok(result.history[2].loss < result.history[0].loss);
  assert.ok(result.test!.acc > 0.9, `test accuracy ${result.test!.acc}`);
});
