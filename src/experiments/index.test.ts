import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roundHalfEven } from '../data/index.js';
import { TRAINING_EXAMPLES, type ExperimentData } from './experiment.js';
import { EXPERIMENTS } from './index.js';
import { PUBLISHED } from './published.js';

/** Validation examples a spec's data section keeps (load.ts: the last share of the kept rows). */
function validationOf(data: { source: string; trainLimit?: number; validationSplit: number }): number {
  const kept = Math.min(data.trainLimit ?? Infinity, TRAINING_EXAMPLES[data.source as ExperimentData['source']]);
  return roundHalfEven(kept * data.validationSplit);
}

test('--data fashion-mnist --full: every claim runs on Fashion-MNIST with at least 5,000 validation images', () => {
  for (const [name, make] of Object.entries(EXPERIMENTS)) {
    for (const { label, spec } of make({ source: 'fashion-mnist', full: true }).runs) {
      assert.equal(spec.data.source, 'fashion-mnist', `${name} ${label}`);
      assert.ok(validationOf(spec.data) >= 5000, `${name} ${label}: ${validationOf(spec.data)} validation images`);
    }
  }
});

test('the quick sample setting is the one of before: 4,000 digits, and 500 (100 for validation) for the overfitting claims', () => {
  const quick: ExperimentData = { source: 'mnist-sample', full: false };
  assert.deepEqual(EXPERIMENTS.momentum(quick).runs[0].spec.data, { source: 'mnist-sample', trainLimit: 4000, validationSplit: 0.1, shuffle: true });
  const overfit = EXPERIMENTS.dropout(quick).runs[0].spec.data;
  assert.deepEqual([overfit.trainLimit, validationOf(overfit)], [500, 100]);
  assert.equal(EXPERIMENTS['batch-size'](quick).runs.find((r) => r.label === 'full')!.spec.batchSize, 3600, 'the full batch is the whole training set');
  assert.equal(EXPERIMENTS['batch-size']({ source: 'fashion-mnist', full: true }).runs.find((r) => r.label === 'full')!.spec.batchSize, 54000);
});

test('every claim compares runs it has, and the published tables keep their sources’ data', () => {
  for (const [name, make] of Object.entries(EXPERIMENTS)) {
    const e = make({ source: 'mnist-sample', full: false });
    const labels = new Set(e.runs.map((r) => r.label));
    for (const c of e.comparisons) assert.ok(labels.has(c.a) && labels.has(c.b), `${name}: ${c.a} − ${c.b}`);
  }
  assert.ok(PUBLISHED['fashion-benchmark']().rows.every((r) => r.spec.data.source === 'fashion-mnist' && r.spec.data.validationSplit === 0));
  assert.ok(PUBLISHED['lecture-demo']().rows.every((r) => r.spec.data.source === 'mnist-sample' && r.spec.epochs === 20 && r.spec.batchSize === 100));
});
