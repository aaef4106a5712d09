import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DoctorResult, TrialRecord } from '../doctor/doctor.js';
import type { Diagnosis } from '../doctor/diagnosis.js';
import { parseSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';
import { doctorReportHtml } from './doctor-report.js';
import { evidenceValue } from './evidence.js';
import { chartsIn, textOf } from './inspect.js';

const NASTY = `</script><script>alert("x")</script>`;

const original = parseSpec({
  name: NASTY,
  seed: 1,
  data: { source: 'synthetic:blobs', samples: 60, classes: 3 },
  model: { layers: [{ type: 'dense', units: 16, activation: 'sigmoid' }, { type: 'dense', units: 16, activation: 'sigmoid' }, { type: 'dense', units: 3 }] },
  optimizer: { type: 'sgd', lr: 0.1 },
  epochs: 8,
});
const relu: Spec = { ...original, model: { ...original.model, layers: original.model.layers.map((l, i) => (i < 2 ? { ...l, activation: 'relu' } : l)) as Spec['model']['layers'] } };

function history(accs: number[]): EpochRecord[] {
  return accs.map((acc, i) => ({
    epoch: i + 1,
    loss: 2 * (1 - acc),
    acc,
    valLoss: 2.2 * (1 - acc),
    valAcc: acc - 0.1,
    lr: 0.1,
    seconds: 0.1,
    signals: {
      layers: [0, 1, 2].map((layer) => ({ layer, type: 'dense', activation: null, gradNorm: 10 ** (layer - 5), weightNorm: 1, zeroGradFraction: 0, updateRatio: 1e-3, saturation: null, zeroActivationFraction: null, deadUnitFraction: null })),
      gradNorm: 0.01,
      nonFinite: false,
      sampledBatches: 4,
    },
  }));
}

const vanishing: Diagnosis = {
  symptom: 'vanishing_gradient',
  phase: 'train',
  evidence: { firstLayerGradNorm: 2e-5, lastLayerGradNorm: 0.01, ratio: 0.002, ratioThreshold: 0.01, depth: 3 },
  explanation: "the first layer's gradient is 0.002 of the last layer's: the early layers barely learn",
};
const overfitting: Diagnosis = {
  symptom: 'overfitting',
  phase: 'test',
  evidence: { trainAcc: 0.98, valAcc: 0.8, gap: 0.18, gapThreshold: 0.05, valLossRising: true, bestValLossEpoch: 3 },
  explanation: 'training accuracy 0.98 but validation 0.8: the network learns the training set by heart',
};
const toRelu = 'hidden activations → relu (layers 0, 1)';

function trial(round: number, change: string, epochs: number, valAcc: number, phase: TrialRecord['phase'] = 'train'): TrialRecord {
  return { change, edits: [], spec: change === toRelu ? relu : original, epochs, trainAcc: valAcc + 0.05, valAcc, valLoss: 1 - valAcc, diverged: false, round, phase };
}

/** A run the doctor improved but did not repair: ReLU fixed the optimisation, nothing fixed the overfitting. */
function improved(): DoctorResult {
  const before = history([0.34, 0.35, 0.35, 0.36]);
  const after = history([0.5, 0.8, 0.9, 0.98]);
  return {
    verdict: 'improved',
    preflight: {
      checks: [
        { name: 'loss_output_pairing', ok: true, detail: 'cross_entropy with a softmax output', evidence: {} },
        { name: 'one_batch_overfit', ok: false, detail: 'the network cannot even memorise one batch', evidence: {} },
      ],
      epochs: 0.5,
    },
    diagnoses: [vanishing],
    trials: [
      trial(0, 'no change', 4, 0.25),
      trial(1, toRelu, 2, 0.6),
      trial(1, 'optimizer sgd (lr 0.1) → adam (lr 0.001)', 2, 0.4),
      trial(1, toRelu, 4, 0.88),
      trial(2, 'dropout 0.2 after each hidden layer', 4, 0.85, 'test'),
    ],
    best: { spec: relu, change: 'relu', trainAcc: 0.98, valAcc: 0.88, testAcc: 0.87, history: after },
    baseline: { trainAcc: 0.36, valAcc: 0.26, testAcc: 0.25, history: before },
    remaining: [overfitting],
    epochsSpent: 30.5,
    seconds: 12.5,
    rounds: [
      { phase: 'train', diagnoses: [vanishing], winner: toRelu, improved: true },
      { phase: 'test', diagnoses: [overfitting], winner: 'no change', improved: false },
    ],
  };
}

function healthy(): DoctorResult {
  const run = history([0.8, 0.95, 0.97]);
  return {
    ...improved(),
    verdict: 'healthy',
    diagnoses: [],
    trials: [trial(0, 'no change', 3, 0.96)],
    best: { spec: original, change: 'no change', trainAcc: 0.97, valAcc: 0.96, testAcc: 0.95, history: run },
    baseline: { trainAcc: 0.97, valAcc: 0.96, testAcc: 0.95, history: run },
    remaining: [],
    rounds: [],
  };
}

test('the verdict comes first, in its colour, with the repair kept, what remains and accuracy before → after', () => {
  const html = doctorReportHtml(original, improved(), { budget: 40, generated: new Date('2024-05-06T07:08:09Z') });
  const text = textOf(html);
  assert.match(html, /<section class="verdict wide warn"><p class="statement">improved, not repaired: hidden activations → relu \(layers 0, 1\)<\/p>/);
  assert.ok(text.includes('Validation accuracy 26.00% → 88.00%, test accuracy 25.00% → 87.00%.'));
  assert.ok(text.includes('Still diagnosed in the final run: overfitting.'));
  assert.match(html, /Validation accuracy<\/div><div class="value">88\.00%<\/div><div class="detail">before repair: 26\.00%/);
  assert.match(html, /<div class="value">30\.5 of 40<\/div>/);
  assert.ok(text.includes('remedy doctor · synthetic:blobs · 2024-05-06 07:08:09 UTC'));
  assert.match(html, /<title>Doctor: &lt;\/script&gt;/, 'the spec name is text');
  assert.equal(html.match(/<script>alert/g), null);
});

test('pre-flight checks and diagnoses: ok or flagged, the phase in the training tips’ words, evidence with its threshold marked', () => {
  const html = doctorReportHtml(original, improved());
  assert.match(html, /<td>loss and output<\/td><td><span class="pill good">ok<\/span><\/td>/);
  assert.match(html, /<td>overfit one batch<\/td><td><span class="pill bad">flagged<\/span><\/td>/);
  assert.match(html, /<code>vanishing_gradient<\/code><span class="pill warn">fix the optimisation<\/span>/);
  assert.match(html, /<code>overfitting<\/code><span class="pill muted">fix overfitting<\/span>/, 'what remains after repair');
  assert.match(html, /<td>first layer grad norm<\/td><td class="num">2\.00e-5<\/td><td><\/td>/);
  assert.match(html, /<td>ratio threshold<\/td><td class="num">0\.01<\/td><td><span class="pill muted">threshold<\/span><\/td>/);
  assert.match(html, /<td>gap threshold<\/td><td class="num">0\.05<\/td><td><span class="pill muted">threshold<\/span>/);
});

test('every trial is a row, the kept one is the winner’s longest rung, and each round says what it kept', () => {
  const result = improved();
  const html = doctorReportHtml(original, result);
  const trials = html.slice(html.indexOf('<h2>Trials</h2>'), html.indexOf('<h2>Changes to the spec</h2>'));
  assert.equal(trials.match(/<tbody>(.*?)<\/tbody>/s)![1].match(/<tr/g)!.length, result.trials.length);
  const kept = [...trials.matchAll(/<tr class="kept[^"]*">(.*?)<\/tr>/g)];
  assert.equal(kept.length, 1);
  assert.match(kept[0][1], /^<td class="num">4<\/td><td class="num">1<\/td>.*<td class="num">4<\/td>.*<span class="pill good">kept<\/span>/);
  const text = textOf(trials);
  assert.ok(text.includes('Round 1 (fix the optimisation): vanishing_gradient; raced 2 repairs; kept “hidden activations → relu (layers 0, 1)”.'));
  assert.ok(text.includes('Round 2 (fix overfitting): overfitting; raced 1 repair; no repair beat the run as it was, so nothing was kept.'));
  const [bars] = chartsIn(trials);
  assert.equal(bars.kind, 'bar');
  assert.deepEqual(bars.series.map((s) => s.label), ['round 0: the spec as written', 'round 1: fix the optimisation', 'round 2: fix overfitting']);
  assert.deepEqual(bars.series[1].data, [null, 60, 40, 88, null]);
  assert.equal(bars.horizontal, true);
  assert.equal(bars.labels[3], `#4 ${toRelu}, 4 epochs`);
});

test('curves and gradient norms before and after sit side by side; the final spec shows as a diff and in full', () => {
  const html = doctorReportHtml(original, improved());
  assert.deepEqual(
    chartsIn(html).map((c) => c.title),
    ['Loss', 'Accuracy', 'Loss', 'Accuracy', 'Weight-gradient norm per layer', 'Weight-gradient norm per layer', 'Validation accuracy of each trial, by round'],
  );
  assert.match(html, /<section class="card"><h2>Before: the spec as written<\/h2>/, 'one column each, not wide');
  assert.match(html, /<section class="card"><h2>After: hidden activations → relu \(layers 0, 1\)<\/h2>/);
  assert.match(html, /<h2>Gradient norms before<\/h2>[^]*<h2>Gradient norms after<\/h2>/);
  const text = textOf(html);
  assert.ok(text.includes('model.layers[0].activation: "sigmoid" → "relu"'));
  assert.ok(text.includes('model.layers[1].activation: "sigmoid" → "relu"'));
  assert.match(html, /2 changes from the spec as written/);
  assert.match(html, /<h2>Final spec<\/h2>/);
});

test('a healthy run says so up front and shows one run, its spec unchanged', () => {
  const html = doctorReportHtml(original, healthy(), { budget: 40 });
  assert.match(html, /<section class="verdict wide good"><p class="statement">healthy: nothing to fix, spec unchanged<\/p>/);
  assert.match(html, /<div class="value good">healthy<\/div>/);
  assert.match(html, /None: the run as written shows no symptom/);
  assert.match(html, /None: the spec is unchanged/);
  assert.match(html, /<h2>Learning curves of the spec as written<\/h2>/);
  assert.doesNotMatch(html, /Before:|After:|Still diagnosed/);
  assert.match(html, /<h2>Spec \(unchanged\)<\/h2>/);
  assert.match(html, /<div class="detail">the run as written<\/div>/);
  assert.match(html, /healthy<\/div><div class="detail">no symptom found<\/div>/);
  assert.match(html, /No repair was raced/);
  assert.deepEqual(chartsIn(html).map((c) => c.title), ['Loss', 'Accuracy', 'Weight-gradient norm per layer'], 'no chart of a single trial');
  assert.match(html, /<section class="card wide"><h2>Gradient norms<\/h2>/);
});

test('an unresolved run where nothing helped says plainly that no repair beat it', () => {
  const html = doctorReportHtml(original, { ...healthy(), verdict: 'unresolved', diagnoses: [vanishing], remaining: [vanishing] });
  assert.match(html, /<section class="verdict wide bad"><p class="statement">unresolved: no repair beat the run as written, spec unchanged<\/p>/);
  assert.ok(textOf(html).includes('Still diagnosed in the final run: vanishing_gradient.'));
});

test('evidence values: four significant digits, powers of ten for tiny norms, words for the rest', () => {
  assert.equal(evidenceValue(0.0035812), '0.003581');
  assert.equal(evidenceValue(2.5e-7), '2.50e-7');
  assert.equal(evidenceValue(3), '3');
  assert.equal(evidenceValue(Infinity), 'Infinity');
  assert.equal(evidenceValue(true), 'true');
  assert.equal(evidenceValue(null), '—');
  assert.equal(evidenceValue('relu'), 'relu');
});
