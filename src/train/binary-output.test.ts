/**
 * A one-unit output for two classes (Keras' Dense(1)): it trains, predicts by threshold, fills a
 * 2×2 confusion matrix and records training signals; what cannot work is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../errors.js';
import type { LossName } from '../spec/schema.js';
import { parseSpec } from '../spec/load.js';
import { createTrainer, originOf } from './run.js';

const circles = (activation: string, loss: LossName, source = 'synthetic:circles') =>
  parseSpec(
    {
      data: { source, samples: 400 },
      model: { layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 1, activation }] },
      loss,
      optimizer: { type: 'adam', lr: 0.02 },
      epochs: 12,
    },
    'circles.json',
  );

const origin = originOf('circles.json');

for (const [activation, loss] of [
  ['sigmoid', 'binary_cross_entropy'],
  ['linear', 'binary_cross_entropy'],
  ['sigmoid', 'mse'],
  ['linear', 'hinge'],
] as const) {
  test(`a one-unit ${activation} output with ${loss} learns the circles`, async () => {
    const trainer = await createTrainer(circles(activation, loss), origin);
    const result = await trainer.fit();
    assert.ok(result.test!.acc > 0.9, `test accuracy ${result.test!.acc}`);
    const counts = trainer.confusionMatrix(trainer.data.test!);
    assert.equal(counts.length, 2);
    assert.equal(counts[0][0] + counts[1][1], Math.round(result.test!.acc * trainer.data.test!.n));
    const output = result.history.at(-1)!.signals!.layers.find((l) => l.layer === 1)!;
    assert.ok(Number.isFinite(output.gradNorm));
    // saturation is measured on a sigmoid output, except where the loss computes the sigmoid
    // itself: the layer then hands over logits, and the fused gradient σ − t does not fade
    const measured = activation === 'sigmoid' && loss !== 'binary_cross_entropy';
    assert.equal(typeof output.saturation, measured ? 'number' : 'object', `saturation ${output.saturation}`);
  });
}

test('a one-unit softmax is legal (its output is constantly 1) and learns nothing', async () => {
  const trainer = await createTrainer(circles('softmax', 'binary_cross_entropy'), origin);
  const result = await trainer.fit(2);
  assert.equal(result.test!.acc, 0.5);
});

test('cross-entropy on one unit, and one unit for three classes, are refused', async () => {
  await assert.rejects(createTrainer(circles('sigmoid', 'cross_entropy'), origin), (e: InputError) => {
    assert.equal(e.field, 'loss');
    assert.match(e.message, /binary_cross_entropy/);
    return true;
  });
  await assert.rejects(createTrainer(circles('sigmoid', 'binary_cross_entropy', 'synthetic:spirals'), origin), (e: InputError) => {
    assert.equal(e.field, 'model.layers[1].units');
    assert.match(e.message, /needs 3 units/);
    return true;
  });
});
