import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import { addBatchnorm, ALL_EDITS, deepen, dropout, fanInInit, moreSteps, normalizeInputs, shallower, useRelu, widen, widenBottleneck } from './edits.js';
import type { RunFacts } from './facts.js';

const spec = parseSpec({
  data: { source: 'mnist-sample', normalize: 'none' },
  model: { layers: [{ type: 'dense', units: 64, activation: 'sigmoid' }, { type: 'dense', units: 32, activation: 'tanh' }, { type: 'dense', units: 10, activation: 'softmax' }] },
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 0.1 },
});
const facts = { inputMaxAbs: 255, images: true, hasValidation: true, trainExamples: 3000 } as RunFacts;

test('every edit yields a valid spec, or declines', () => {
  for (const edit of ALL_EDITS) {
    const edited = edit.apply(spec, facts);
    if (edited === null) continue;
    assert.notDeepEqual(edited, spec, edit.id);
    parseSpec(edited); // still valid
    assert.equal(typeof edit.describe(spec), 'string');
  }
});

test('edits change what they say and nothing else', () => {
  const relu = useRelu.apply(spec, facts)!;
  assert.deepEqual(relu.model.layers.map((L) => ('activation' in L ? L.activation : L.type)), ['relu', 'relu', 'softmax']);
  assert.equal(useRelu.describe(spec), 'hidden activations → relu (layers 0, 1)');
  assert.deepEqual(widen(4).apply(spec, facts)!.model.layers.map((L) => ('units' in L ? L.units : 0)), [256, 128, 10]);
  assert.deepEqual(widen(16).apply(spec, facts)!.model.layers.map((L) => ('units' in L ? L.units : 0)), [1024, 512, 10], 'capped');
  assert.equal(normalizeInputs.apply(spec, facts)!.data.normalize, 'scale01');
  assert.deepEqual(addBatchnorm.apply(spec, facts)!.model.layers.map((L) => L.type), ['dense', 'batchnorm', 'activation', 'dense', 'batchnorm', 'activation', 'dense']);
  assert.deepEqual(dropout(0.5).apply(spec, facts)!.model.layers.map((L) => L.type), ['dense', 'dropout', 'dense', 'dropout', 'dense']);
  assert.equal(spec.model.layers[0].type === 'dense' && spec.model.layers[0].activation, 'sigmoid', 'the original is untouched');
});

test('widen_bottleneck gives a hidden layer narrower than the classes the width of the widest, and leaves a small net that has no wider layer to widen', () => {
  const squeezed = parseSpec({ data: { source: 'mnist-sample' }, optimizer: { type: 'adam', lr: 0.001 }, model: { layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 2, activation: 'relu' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10 }] } });
  const units = (s: typeof squeezed) => s.model.layers.map((L) => ('units' in L ? L.units : 0));
  assert.deepEqual(units(widenBottleneck.apply(squeezed, { ...facts, classes: 10 })!), [128, 128, 32, 10]);
  assert.equal(widenBottleneck.apply(squeezed, { ...facts, classes: 2 }), null, 'two units for two classes is no bottleneck');
  const small = parseSpec({ data: { source: 'mnist-sample' }, optimizer: { type: 'adam', lr: 0.001 }, model: { layers: [{ type: 'dense', units: 3, activation: 'relu' }, { type: 'dense', units: 10 }] } });
  assert.equal(widenBottleneck.apply(small, { ...facts, classes: 10 }), null, 'a small net, not a squeeze: widen is for that');
});

test('deepen repeats the last hidden layer, or gives a linear classifier its first hidden layer', () => {
  const units = (s: typeof spec) => s.model.layers.map((L) => ('units' in L ? L.units : L.type));
  assert.deepEqual(units(deepen.apply(spec, facts)!), [64, 32, 32, 10]);
  const linear = parseSpec({ ...spec, model: { layers: [{ type: 'dense', units: 10, activation: 'softmax' }] } });
  assert.equal(widen(4).apply(linear, facts), null, 'nothing to widen');
  const deeper = deepen.apply(linear, facts)!;
  assert.deepEqual(deeper.model.layers, [{ type: 'dense', units: 64, activation: 'relu' }, linear.model.layers[0]]);
  parseSpec(deeper);
  assert.equal(deepen.describe(linear), 'a hidden layer (dense 64, relu) before the output');
});

test('shallower cuts a deep narrow stack to two wider layers, with what belonged to the removed ones', () => {
  const dense = (units: number) => ({ type: 'dense', units, activation: 'relu' }) as const;
  const deep = parseSpec({
    data: { source: 'mnist-sample' },
    model: { layers: [...Array.from({ length: 6 }, () => [dense(16), { type: 'dropout', rate: 0.1 } as const]).flat(), { type: 'dense', units: 10, activation: 'softmax' }] },
    optimizer: { type: 'adam', lr: 1e-3 },
  });
  const cut = shallower.apply(deep, facts)!;
  assert.deepEqual(cut.model.layers.map((L) => L.type + ('units' in L ? L.units : '')), ['dense64', 'dropout', 'dense64', 'dropout', 'dense10']);
  assert.equal(shallower.apply(spec, facts), null, 'two hidden layers are not deep');
});

test('the fan-in initialisation replaces a hand-set scale: He for ReLU units, Glorot for squashing ones', () => {
  const relu = parseSpec({ ...structuredClone(spec), model: { ...spec.model, layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }], init: { normal: 1 } } });
  assert.equal(fanInInit.apply(relu, facts)!.model.init, 'he_uniform');
  assert.equal(fanInInit.apply({ ...spec, model: { ...spec.model, init: { normal: 1 } } }, facts)!.model.init, 'glorot_uniform');
  assert.equal(fanInInit.apply(spec, facts), null, 'a named scheme is left alone');
});

test('a small training set gets batches small enough for 30 updates an epoch, at least 8 examples each', () => {
  const small = { ...facts, trainExamples: 300 };
  assert.equal(moreSteps.apply(spec, small)!.batchSize, 8);
  assert.equal(moreSteps.apply({ ...spec, batchSize: 64 }, { ...facts, trainExamples: 1000 })!.batchSize, 32);
  assert.equal(moreSteps.apply(spec, { ...facts, trainExamples: 3000 }), null, '94 updates an epoch are enough');
  assert.equal(moreSteps.apply({ ...spec, batchSize: 3000 }, small), null, 'whole-set batches are smallerBatches\' to cut');
});
