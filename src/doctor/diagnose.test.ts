import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import type { EpochRecord } from '../train/history.js';
import type { LayerSignals } from '../train/signals.js';
import { diagnose } from './diagnose.js';
import type { RunFacts } from './facts.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

const spec = parseSpec({
  data: { source: 'mnist-sample' },
  model: { layers: [{ type: 'dense', units: 128, activation: 'sigmoid' }, { type: 'dense', units: 128, activation: 'sigmoid' }, { type: 'dense', units: 10, activation: 'softmax' }] },
  optimizer: { type: 'sgd', lr: 0.1 },
  epochs: 20,
});

const facts: RunFacts = {
  classes: 10,
  trainExamples: 4500,
  hasValidation: true,
  inputMaxAbs: 1,
  inputMean: 0.13,
  inputStd: 0.3,
  images: true,
  inputShape: [1, 28, 28],
  narrowestHidden: 128,
  weightLayers: 3,
  finalActivation: 'softmax',
};

function layer(i: number, gradNorm: number, extra: Partial<LayerSignals> = {}): LayerSignals {
  return { layer: i, type: 'dense', activation: 'sigmoid', gradNorm, weightNorm: 5, zeroGradFraction: 0, updateRatio: 1e-3, saturation: 0, zeroActivationFraction: null, deadUnitFraction: null, ...extra };
}

function history(accs: number[], valAccs: number[] | null = null, layers: LayerSignals[] = [layer(0, 0.1), layer(1, 0.1), layer(2, 0.1)], loss = 0.5): EpochRecord[] {
  return accs.map((acc, i) => ({
    epoch: i + 1,
    loss,
    acc,
    valLoss: valAccs ? 1 - valAccs[i] + (i > 3 ? (i - 3) * 0.05 : 0) : null,
    valAcc: valAccs ? valAccs[i] : null,
    lr: 0.1,
    seconds: 1,
    signals: { layers, gradNorm: 1, nonFinite: false, sampledBatches: 10 },
  }));
}

const symptoms = (h: EpochRecord[], diverged = false, f: RunFacts = facts, s = spec) =>
  diagnose({ spec: s, history: h, diverged, facts: f, trainTarget: 0.9, thresholds: DEFAULT_THRESHOLDS }).map((d) => d.symptom);

test('a healthy run has no diagnosis', () => {
  assert.deepEqual(symptoms(history([0.85, 0.93, 0.96, 0.97], [0.88, 0.92, 0.94, 0.945])), []);
});

test('a flat run at chance with a vanishing first-layer gradient', () => {
  const found = symptoms(history([0.11, 0.1, 0.11, 0.1], [0.1, 0.1, 0.1, 0.1], [layer(0, 1e-6), layer(1, 1e-4), layer(2, 0.05)]));
  assert.ok(found.includes('vanishing_gradient'));
  assert.ok(found.includes('slow_convergence'));
  assert.ok(!found.includes('overfitting'));
});

test('NaN is divergence; dead ReLUs are dying_relu; saturated units are saturation', () => {
  assert.ok(symptoms(history([0.1]), true).includes('divergence'));
  const dead = history([0.1, 0.1, 0.1], null, [layer(0, 0.1, { activation: 'relu', deadUnitFraction: 0.8, zeroGradFraction: 0.8 }), layer(1, 0.1)]);
  assert.ok(symptoms(dead).includes('dying_relu'));
  const saturated = history([0.3, 0.32, 0.33], null, [layer(0, 0.1, { saturation: 0.9 }), layer(1, 0.1)]);
  assert.ok(symptoms(saturated).includes('saturation'));
});

test('unscaled inputs and squared error on classes are flagged when training is poor', () => {
  const found = symptoms(history([0.3, 0.35, 0.4]), false, { ...facts, inputMaxAbs: 255 }, { ...spec, loss: 'mse' });
  assert.ok(found.includes('input_range'));
  assert.ok(found.includes('loss_output_pairing'));
});

test('a plateau below target in a narrow network is underfitting_capacity', () => {
  const found = symptoms(history([0.55, 0.58, 0.59, 0.59, 0.59]), false, { ...facts, classes: 3, narrowestHidden: 3 });
  assert.deepEqual(found, ['underfitting_capacity']);
});

test('one epoch has no slope: a run short of the target after it is slow, not levelled off', () => {
  const relu = parseSpec({ ...spec, model: { layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 10 }] }, loss: 'cross_entropy', epochs: 1 });
  const layers = [layer(0, 0.1, { activation: 'relu' }), layer(1, 0.1, { activation: 'linear' })];
  const found = diagnose({ spec: relu, history: history([0.81], null, layers), diverged: false, facts: { ...facts, hasValidation: false }, trainTarget: 0.9, thresholds: DEFAULT_THRESHOLDS });
  assert.deepEqual(found.map((d) => d.symptom), ['slow_convergence']);
  assert.match(found[0].explanation, /0\.81 after 1 epoch, short of 0\.9/);
});

test('a linear model at chance may lack capacity as much as optimisation: both are diagnosed', () => {
  const linear = parseSpec({ ...spec, model: { layers: [{ type: 'dense', units: 2, activation: 'softmax' }] } });
  const oneLayer = { ...facts, classes: 2, narrowestHidden: null, weightLayers: 1 };
  const oneLayerSignals = [layer(0, 0.1)];
  assert.deepEqual(symptoms(history([0.49, 0.5, 0.51, 0.5], null, oneLayerSignals), false, oneLayer, linear).sort(), ['slow_convergence', 'underfitting_capacity']);
  assert.deepEqual(symptoms(history([0.49, 0.5, 0.51, 0.5], null, oneLayerSignals), false, { ...oneLayer, weightLayers: 2 }, linear), ['slow_convergence'], 'a hidden layer: an optimisation problem');
  assert.deepEqual(symptoms(history([0.7, 0.75, 0.76, 0.76, 0.76], null, oneLayerSignals), false, oneLayer, linear), ['underfitting_capacity'], 'a plateau above chance');
});

test('train good, validation far behind and falling back: overfitting (phase test)', () => {
  const found = diagnose({
    spec,
    history: history([0.9, 0.97, 0.99, 1, 1, 1], [0.85, 0.86, 0.86, 0.85, 0.85, 0.84]),
    diverged: false,
    facts,
    trainTarget: 0.9,
    thresholds: DEFAULT_THRESHOLDS,
  });
  assert.deepEqual(found.map((d) => [d.symptom, d.phase]), [['overfitting', 'test']]);
  assert.equal(found[0].evidence.gap, 0.16);
});

test('accuracy swinging up and down is oscillation', () => {
  assert.ok(symptoms(history([0.5, 0.7, 0.45, 0.72, 0.4, 0.7])).includes('oscillation'));
});

test('noisy data: training and validation levelling off together below the target is not a fault', () => {
  const relu = parseSpec({ ...spec, model: { layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] } });
  const accs = [0.78, 0.8, 0.805, 0.808, 0.81];
  const vals = [0.77, 0.79, 0.8, 0.8, 0.805];
  const read = (oneBatchFits: boolean) =>
    diagnose({ spec: relu, history: history(accs, vals, [layer(0, 0.1, { activation: 'relu' }), layer(1, 0.1, { activation: 'softmax' })]), diverged: false, facts, trainTarget: 0.9, thresholds: DEFAULT_THRESHOLDS, oneBatchFits }).map((d) => d.symptom);
  assert.deepEqual(read(true), []);
  // the same curve from a network that cannot learn one batch by heart is a fault
  assert.notDeepEqual(read(false), []);
});
