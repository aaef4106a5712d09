import { loadSpec } from '../spec/load.js';
import type { Callback } from '../train/callback.js';
import { createTrainer, originOf } from '../train/run.js';
import { median } from './timing.js';

/** One epoch of remedy's own training path, timed. */
export interface EpochRun {
  /** history[0].seconds: the epoch's training steps (data loading and the test pass excluded). */
  seconds: number;
  trainLoss: number;
  testAcc: number | null;
}

export interface RemedyEpochs {
  name: string;
  steps: number;
  runs: EpochRun[];
  /** The median over runs: the machine is shared, and one slow run should not decide. */
  seconds: number;
  testAcc: number | null;
}

/**
 * Trains the spec's model for one epoch, `repeat` times, each from a fresh trainer exactly as
 * `remedy train` does (createTrainer, then fit(1)). Run r uses seed spec.seed + r, as the PyTorch
 * twin does: one epoch's test accuracy moves by a point from seed to seed, so one seed cannot
 * say whether two frameworks learn alike.
 */
export async function timeRemedyEpochs(
  specFile: string,
  repeat: number,
  callbacksFor: (run: number) => Callback[] = () => [],
): Promise<RemedyEpochs> {
  const spec = loadSpec(specFile);
  const runs: EpochRun[] = [];
  let steps = 0;
  for (let run = 0; run < repeat; run++) {
    const trainer = await createTrainer({ ...spec, seed: spec.seed + run }, originOf(specFile));
    steps = trainer.stepsPerEpoch;
    const result = await trainer.fit(1, callbacksFor(run));
    const epoch = result.history[0];
    runs.push({ seconds: epoch.seconds, trainLoss: epoch.loss, testAcc: result.test?.acc ?? null });
  }
  const accuracies = runs.flatMap((r) => (r.testAcc === null ? [] : [r.testAcc]));
  return {
    name: spec.name ?? specFile,
    steps,
    runs,
    seconds: median(runs.map((r) => r.seconds)),
    testAcc: accuracies.length > 0 ? median(accuracies) : null,
  };
}
