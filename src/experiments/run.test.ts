import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blobsSpec } from '../testing/blobs.js';
import { TRAIN_LOSS, type Experiment } from './experiment.js';
import { runExperiment, seedList } from './run.js';

/** Two tiny runs on generated points: one with a learning rate too small to move. */
const tiny = (lr: number) => blobsSpec({ optimizer: { type: 'sgd', lr }, epochs: 2 });

test('a claim is run once a seed, both runs with the same seed, and judged on the paired differences', async () => {
  const experiment: Experiment = {
    name: 'tiny',
    claim: 'a usable learning rate lowers the loss',
    setup: 'blobs',
    runs: [
      { label: 'still', spec: tiny(1e-6) },
      { label: 'moving', spec: tiny(0.5) },
    ],
    comparisons: [{ a: 'moving', b: 'still', metric: TRAIN_LOSS, claim: 'lower' }],
    combine: 'all',
  };
  const result = await runExperiment(experiment, seedList(3));
  assert.deepEqual(result.runs.map((r) => `${r.label} ${r.seed}`), ['still 1', 'moving 1', 'still 2', 'moving 2', 'still 3', 'moving 3']);
  assert.deepEqual(result.runs.map((r) => r.spec.seed), [1, 1, 2, 2, 3, 3]);
  assert.notEqual(result.runs[0].trainLoss, result.runs[2].trainLoss, 'another seed, another initialisation');
  assert.deepEqual(result.arms.map((a) => [a.label, a.trainLoss.values.length]), [['still', 3], ['moving', 3]]);
  assert.equal(result.comparisons[0].differences.length, 3);
  assert.equal(result.verdict, 'holds');
  assert.equal(result.holds, true);
});
