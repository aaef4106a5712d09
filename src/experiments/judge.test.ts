import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEST_ACC, TRAIN_LOSS, type Comparison, type RunResult } from './experiment.js';
import { judge, ruleOf } from './judge.js';
import { byLabel } from './run.js';

/** A run that carries only what the judge reads. */
const run = (label: string, seed: number, testAcc: number | null, trainLoss = 1): RunResult =>
  ({ label, seed, testAcc, trainLoss, trainAcc: 0, valAcc: null, history: [], epochsRun: 1, seconds: 0 }) as unknown as RunResult;

const higherTest: Comparison = { a: 'new', b: 'old', metric: TEST_ACC, claim: 'higher' };

test('seeds are paired by seed, not by position, and each difference is a − b', () => {
  const runs = byLabel([run('old', 1, 0.8), run('old', 2, 0.7), run('old', 3, 0.9), run('new', 3, 0.922), run('new', 1, 0.82), run('new', 2, 0.725)]);
  const { comparisons, verdict } = judge({ comparisons: [higherTest], combine: 'all' }, runs);
  assert.deepEqual(comparisons[0].seeds, [3, 1, 2]);
  assert.deepEqual(comparisons[0].differences.map((d) => Number(d.toFixed(6))), [0.022, 0.02, 0.025]);
  assert.equal(verdict, 'holds');
});

test('a pair without a value (a diverged run has no test accuracy) is left out and the count says so', () => {
  const runs = byLabel([run('old', 1, 0.8), run('new', 1, null), run('old', 2, 0.8), run('new', 2, 0.9)]);
  const j = judge({ comparisons: [higherTest], combine: 'all' }, runs);
  assert.deepEqual(j.comparisons[0].seeds, [2]);
  assert.equal(j.verdict, 'not shown', 'one pair gives no interval');
  assert.match(j.because, /over 1 seeds: not shown/);
});

test('all: one comparison on the wrong side decides "does not hold"; majority needs more than half', () => {
  const runs = byLabel([1, 2, 3].flatMap((s) => [run('old', s, 0.8, 2), run('new', s, 0.81 + 0.001 * s, 2.5 + 0.01 * s), run('other', s, 0.7, 1.5 - 0.01 * s)]));
  const lowerLoss: Comparison = { a: 'new', b: 'old', metric: TRAIN_LOSS, claim: 'lower' };
  assert.equal(judge({ comparisons: [higherTest, lowerLoss], combine: 'all' }, runs).verdict, 'does not hold');
  const otherLower: Comparison = { a: 'other', b: 'old', metric: TRAIN_LOSS, claim: 'lower' };
  assert.equal(judge({ comparisons: [higherTest, lowerLoss, otherLower], combine: 'majority' }, runs).verdict, 'holds');
  assert.equal(judge({ comparisons: [lowerLoss, otherLower], combine: 'majority' }, runs).verdict, 'not shown');
});

test('the rule is written out with every comparison and its margin', () => {
  const rule = ruleOf({ comparisons: [higherTest, { ...higherTest, metric: TRAIN_LOSS, claim: 'lower', margin: -0.005 }], combine: 'all' });
  assert.match(rule, /95% t-interval/);
  assert.match(rule, /Comparisons: test accuracy of new − old above 0; training loss of new − old below -0\.005\./);
});
