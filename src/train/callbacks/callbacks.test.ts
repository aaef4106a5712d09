import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readSafetensors } from '../../io/safetensors.js';
import { parseSpec } from '../../spec/load.js';
import { runCli } from '../../testing/cli.js';
import type { EpochRecord } from '../history.js';
import type { Trainer } from '../trainer.js';
import { ReduceLROnPlateau } from './reduce-on-plateau.js';

const overfitting = {
  seed: 2,
  data: { source: 'synthetic:spirals', samples: 300, noise: 0.3, validationSplit: 0.3 },
  model: { layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 3 }] },
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 16,
  epochs: 60,
};

test('early stopping stops when val_loss stalls and restores the weights of the best epoch (compared through --save)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'remedy-es-'));
  const withEs = path.join(dir, 'es.json');
  writeFileSync(withEs, JSON.stringify({ ...overfitting, earlyStopping: { monitor: 'val_loss', patience: 3, restoreBestWeights: true } }));
  const run = runCli(['train', withEs, '--save', path.join(dir, 'es.safetensors'), '--json', path.join(dir, 'es-run.json'), '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(readFileSync(path.join(dir, 'es-run.json'), 'utf8')) as { history: EpochRecord[]; stoppedEarly: boolean; epochsRun: number };
  assert.equal(result.stoppedEarly, true);
  assert.ok(result.epochsRun < 60);
  const losses = result.history.map((r) => r.valLoss!);
  const best = losses.indexOf(Math.min(...losses)) + 1;
  assert.equal(result.epochsRun, best + 3, 'stopped after patience epochs without improvement');

  // the same run without early stopping, cut at the best epoch: bit-identical weights
  const plain = path.join(dir, 'plain.json');
  writeFileSync(plain, JSON.stringify(overfitting));
  assert.equal(runCli(['train', plain, '--epochs', String(best), '--save', path.join(dir, 'best.safetensors'), '--quiet']).code, 0);
  const restored = readSafetensors(path.join(dir, 'es.safetensors'));
  const expected = readSafetensors(path.join(dir, 'best.safetensors'));
  for (const [name, t] of expected) assert.deepEqual(restored.get(name)!.data, t.data, name);
});

test('reduce-on-plateau: the rate falls by factor after patience flat epochs, then waits out the cooldown', () => {
  const spec = parseSpec({
    data: { source: 'mnist-sample' },
    model: { layers: [{ type: 'dense', units: 10 }] },
    optimizer: { type: 'sgd', lr: 0.1 },
    schedule: { type: 'plateau', patience: 2, factor: 0.5, cooldown: 1, minLr: 0.02 },
  }).schedule as Extract<ReturnType<typeof parseSpec>['schedule'], { type: 'plateau' }>;
  const history: EpochRecord[] = [];
  const trainer = { history, lrScale: 1, baseLr: 0.1 } as unknown as Trainer;
  const cb = new ReduceLROnPlateau(spec);
  const rates: number[] = [];
  for (const valLoss of [1, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95]) {
    history.push({ epoch: history.length + 1, loss: 0, acc: 0, valLoss, valAcc: 0, lr: 0, seconds: 0 });
    cb.onEpochEnd(trainer);
    rates.push(Math.round(trainer.lrScale * trainer.baseLr * 1e6) / 1e6);
  }
  // flat from epoch 3: reduce at 4 (2 flat epochs); as in Keras, the cooldown epoch 5 still
  // counts once its counter runs out, so the next reductions come at 6 and 8 (floored at 0.02)
  assert.deepEqual(rates, [0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02]);
});
