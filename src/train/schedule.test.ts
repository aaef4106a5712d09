import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import type { ScheduleSpec } from '../spec/schema.js';
import { repoPath } from '../testing/paths.js';
import { learningRateAt } from './schedule.js';

interface TorchSchedule {
  name: string;
  epochs: number;
  stepsPerEpoch: number;
  baseLr: number;
  lrs: number[];
}

const SPECS: Record<string, unknown> = {
  step: { type: 'step', stepSize: 2, gamma: 0.5 },
  exponential: { type: 'exponential', gamma: 0.9 },
  one_cycle: { type: 'one_cycle' },
  'one_cycle-custom': { type: 'one_cycle', maxLr: 0.3, pctStart: 0.25, divFactor: 10, finalDivFactor: 100 },
};

function schedule(raw: unknown): ScheduleSpec {
  const spec = parseSpec({ data: { source: 'mnist-sample' }, model: { layers: [{ type: 'dense', units: 10 }] }, optimizer: { type: 'sgd' }, schedule: raw });
  return spec.schedule!;
}

test('step, exponential and one-cycle rates equal PyTorch schedulers step for step (test/golden/schedules.json)', () => {
  const golden = JSON.parse(readFileSync(repoPath('test/golden/schedules.json'), 'utf8')) as { schedules: TorchSchedule[] };
  for (const g of golden.schedules) {
    const s = schedule(SPECS[g.name]);
    g.lrs.forEach((expected, k) => {
      const epoch = Math.floor(k / g.stepsPerEpoch);
      const lr = learningRateAt(s, g.baseLr, g.epochs, g.stepsPerEpoch, epoch, k % g.stepsPerEpoch);
      assert.ok(Math.abs(lr - expected) <= 1e-12 + 1e-9 * expected, `${g.name} step ${k}: ${lr} vs ${expected}`);
    });
  }
});

test('cosine with warm-up: linear to the base rate, then half a cosine down to minLr', () => {
  const s = schedule({ type: 'cosine', warmupEpochs: 1, minLr: 0.01 });
  const at = (epoch: number, step: number) => learningRateAt(s, 0.1, 5, 4, epoch, step);
  [0.025, 0.05, 0.075, 0.1].forEach((expected, k) => assert.ok(Math.abs(at(0, k) - expected) < 1e-12, `warm-up step ${k}`));
  assert.ok(Math.abs(at(1, 0) - 0.1) < 1e-12, 'cosine starts at the base rate');
  assert.ok(Math.abs(at(4, 3) - 0.01) < 1e-12, 'and ends at minLr');
  const middle = learningRateAt(s, 0.1, 5, 4, 2, 3); // step 11 of 4..19: t = 7/15
  assert.ok(Math.abs(middle - (0.01 + 0.045 * (1 + Math.cos((Math.PI * 7) / 15)))) < 1e-12);
  assert.equal(learningRateAt(undefined, 0.3, 5, 4, 3, 1), 0.3);
});
