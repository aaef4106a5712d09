import { WorkerRunner } from '../doctor/runner.js';
import { originOf } from '../train/run.js';
import type { Experiment, RunResult, Verdict } from './experiment.js';

export interface ExperimentResult extends Verdict {
  name: string;
  claim: string;
  setup: string;
  runs: RunResult[];
  seconds: number;
}

/**
 * Runs an experiment's runs as users' runs are trained (createTrainer and fit, in worker
 * threads, two at a time) and judges the claim from the numbers.
 */
export async function runExperiment(experiment: Experiment, onRun: (label: string, result: RunResult) => void = () => {}): Promise<ExperimentResult> {
  const start = performance.now();
  const runner = new WorkerRunner(originOf('experiment.json'), 2, false);
  try {
    const runs = await Promise.all(
      experiment.runs.map(async ({ label, spec }, id) => {
        const state = await runner.train(id, spec, spec.epochs);
        const test = await runner.test(id);
        const record = state.history[state.epoch - 1];
        const result: RunResult = {
          label,
          spec,
          history: state.history,
          trainAcc: state.trainAcc,
          valAcc: state.valAcc,
          testAcc: test?.acc ?? null,
          trainLoss: record?.loss ?? NaN,
          epochsRun: state.history.length,
          seconds: state.history.reduce((s, r) => s + r.seconds, 0),
        };
        onRun(label, result);
        return result;
      }),
    );
    const verdict = experiment.judge(new Map(runs.map((r) => [r.label, r])));
    return { name: experiment.name, claim: experiment.claim, setup: experiment.setup, runs, ...verdict, seconds: (performance.now() - start) / 1000 };
  } finally {
    await runner.close();
  }
}
