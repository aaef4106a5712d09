import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import type { Spec, SpecInput } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';
import { runDoctor } from './doctor.js';
import type { TrialRunner, TrialState } from './runner.js';

/**
 * A runner whose runs level off at a validation accuracy set by the learning rate alone: best
 * at 3e-3, a little worse at the usual 1e-3, poor far from it. The doctor's loop is what is
 * tested, not training.
 */
function fakeRunner(): TrialRunner {
  const ceiling = (spec: Spec) => {
    const decades = Math.abs(Math.log10(spec.optimizer.lr / 3e-3));
    return decades < 0.25 ? 0.96 : decades < 0.75 ? 0.9 : 0.4;
  };
  const states = new Map<number, TrialState>();
  return {
    parallel: 1,
    async train(id, spec, epochs) {
      const q = ceiling(spec);
      const history: EpochRecord[] = Array.from({ length: epochs }, (_, i) => {
        const valAcc = q - 0.02 / (i + 1);
        return { epoch: i + 1, loss: 1.03 - valAcc, acc: valAcc + 0.03, valLoss: 1 - valAcc, valAcc, lr: spec.optimizer.lr, seconds: 0 };
      });
      const last = history[epochs - 1];
      const state = { history, epoch: epochs, diverged: false, trainAcc: last.acc, valAcc: last.valAcc, valLoss: last.valLoss };
      states.set(id, state);
      return state;
    },
    async test(id) {
      return { acc: states.get(id)!.valAcc!, loss: 0 };
    },
    release() {},
    async close() {},
  };
}

const spec = (lr: number): SpecInput => ({
  data: { source: 'synthetic:blobs', samples: 400, classes: 4 },
  model: { layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 4, activation: 'softmax' }] },
  optimizer: { type: 'adam', lr },
  epochs: 6,
});
const origin = { file: 'doctor.test', dir: process.cwd() };

test('a repaired run is refined with the budget left: the learning rate half a decade up wins', async () => {
  const result = await runDoctor(parseSpec(spec(1)), origin, fakeRunner(), { budget: 60, target: 0.85 });
  assert.equal(result.verdict, 'repaired');
  assert.equal(result.best.spec.optimizer.lr, 0.00316, 'the usual rate (1e-3) reached the target; the refinement ×3.16 beat it');
  assert.ok(result.rounds.length >= 2 && result.rounds[1].improved);
});

test('a run left alone is not refined: a healthy spec comes back unchanged', async () => {
  const healthy = parseSpec(spec(1e-3));
  const result = await runDoctor(healthy, origin, fakeRunner(), { budget: 60 });
  assert.equal(result.verdict, 'healthy');
  assert.deepEqual(result.best.spec, healthy);
  assert.equal(result.trials.length, 1, 'only the baseline was trained');
});
