import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import type { SpecInput } from '../spec/schema.js';
import { fanInInit, reluForLinear, sigmoidOneUnit, softmaxOutput, usualLearningRate } from './edits.js';
import type { RunFacts } from './facts.js';
import { specMistakes } from './spec-mistakes.js';

const facts = { inputMaxAbs: 1, images: true, hasValidation: true, inputShape: [1, 28, 28], classes: 10 } as Partial<RunFacts> as RunFacts;
const healthy: SpecInput = {
  data: { source: 'mnist-sample' },
  model: { layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] },
  optimizer: { type: 'adam', lr: 1e-3 },
};
const mistakes = (change: Partial<SpecInput>, f: RunFacts = facts) => specMistakes(parseSpec({ ...healthy, ...change }), f).map((d) => d.symptom);

test('a healthy spec has no mistake; a batchnormed linear dense layer is not one', () => {
  assert.deepEqual(mistakes({}), []);
  const layers = [{ type: 'dense', units: 64 }, { type: 'batchnorm' }, { type: 'activation', fn: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] as const;
  assert.deepEqual(mistakes({ model: { layers: [...layers] } }), []);
});

test('each mistake is flagged and its repair undoes it', () => {
  const reluOut = parseSpec({ ...healthy, model: { layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 10, activation: 'relu' }] } });
  assert.deepEqual(specMistakes(reluOut, facts).map((d) => d.symptom), ['output_activation']);
  assert.deepEqual(specMistakes(softmaxOutput.apply(reluOut, facts)!, facts), []);

  const linear = parseSpec({ ...healthy, model: { layers: [{ type: 'dense', units: 64 }, { type: 'dense', units: 64 }, { type: 'dense', units: 10, activation: 'softmax' }] } });
  assert.deepEqual(specMistakes(linear, facts).map((d) => d.symptom), ['linear_hidden']);
  assert.deepEqual(specMistakes(reluForLinear.apply(linear, facts)!, facts), []);

  const lr = parseSpec({ ...healthy, optimizer: { type: 'adam', lr: 1 } });
  assert.deepEqual(specMistakes(lr, facts).map((d) => d.symptom), ['learning_rate_range']);
  assert.equal(usualLearningRate.apply(lr, facts)!.optimizer.lr, 1e-3);
  assert.deepEqual(mistakes({ optimizer: { type: 'sgd', lr: 1e-5 } }), ['learning_rate_range']);

  assert.deepEqual(mistakes({ data: { source: 'mnist-sample', normalize: 'none' } }, { ...facts, inputMaxAbs: 255 }), ['input_range']);
  assert.deepEqual(mistakes({ data: { source: 'mnist-sample', normalize: 'scale01' } }, { ...facts, inputMaxAbs: 255 }), [], 'already the repair');
});

test('a softmax over one unit is flagged, and repaired to a sigmoid with binary cross-entropy', () => {
  const oneUnit = parseSpec({
    data: { source: 'synthetic:circles' },
    model: { layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 1, activation: 'softmax' }] },
    loss: 'binary_cross_entropy',
    optimizer: { type: 'adam', lr: 1e-2 },
  });
  assert.deepEqual(specMistakes(oneUnit, facts).map((d) => d.symptom), ['output_activation']);
  assert.equal(softmaxOutput.apply(oneUnit, facts), null, 'the softmax repair is for cross-entropy outputs');
  const repaired = sigmoidOneUnit.apply(oneUnit, facts)!;
  assert.equal(repaired.model.layers[1].type === 'dense' && repaired.model.layers[1].activation, 'sigmoid');
  assert.equal(repaired.loss, 'binary_cross_entropy');
  assert.deepEqual(specMistakes(repaired, facts), []);
  assert.equal(sigmoidOneUnit.apply(parseSpec(healthy), facts), null, 'ten softmax units are fine');
});

test('initial weights far from the fan-in scale are flagged with the layer, and the fan-in initialisation repairs them', () => {
  // fan-in 784 before ReLU units: He's scale is √(2/784) ≈ 0.05
  const big = parseSpec({ ...healthy, model: { ...healthy.model, init: { normal: 1 } } });
  const [found] = specMistakes(big, facts);
  assert.equal(found.symptom, 'init_scale');
  assert.equal(found.evidence.layer, 0);
  assert.ok((found.evidence.ratio as number) > 19 && (found.evidence.ratio as number) < 21);
  assert.deepEqual(specMistakes(fanInInit.apply(big, facts)!, facts), []);
  assert.deepEqual(mistakes({ model: { ...healthy.model, init: { normal: 1e-4 } } }), ['init_scale'], 'too small as well');
  assert.deepEqual(mistakes({ model: { ...healthy.model, init: { normal: 0.05 } } }), [], 'at the fan-in scale');
});
