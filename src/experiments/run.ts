import { localRunners, type Runners } from '../doctor/runner.js';
import type { Spec } from '../spec/schema.js';
import { originOf } from '../train/run.js';
import { describeData, EPOCHS_RUN, TEST_ACC, TRAIN_ACC, TRAIN_LOSS, VAL_ACC, type Experiment, type Metric, type RunResult } from './experiment.js';
import { judge, type Judgement } from './judge.js';
import type { Published } from './published.js';
import { interval95, type Interval } from './statistics.js';

/** A metric of one of an experiment's runs over the seeds: each seed's value, mean and interval. */
export interface SeedSummary extends Interval {
  /** Seed by seed, in the order of `seeds`; null where the run gave none (diverged). */
  values: (number | null)[];
}

/** One run of an experiment (one label) summarised over its seeds. */
export interface ArmSummary {
  label: string;
  trainAcc: SeedSummary;
  valAcc: SeedSummary;
  testAcc: SeedSummary;
  trainLoss: SeedSummary;
  epochsRun: SeedSummary;
}

export interface ExperimentResult extends Judgement {
  name: string;
  claim: string;
  setup: string;
  /** The data the runs trained on, in words. */
  data: string;
  seeds: number[];
  /** Every run, seed by seed (the first seed's runs first). */
  runs: RunResult[];
  arms: ArmSummary[];
  seconds: number;
}

/** Seeds 1..n: seed 1 is the experiments' single seed of before, so its runs are unchanged. */
export const seedList = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * Trains `specs` as users' runs are trained (createTrainer and fit, in worker threads or on
 * workers, as many at a time as the runner runs at once), each judged by its last epoch, and
 * frees each run once tested, so that many seeds of full-data runs do not all hold their data at
 * once.
 */
export async function trainAll(
  jobs: readonly { label: string; spec: Spec }[],
  onRun: (result: RunResult) => void = () => {},
  runners: Runners = localRunners,
): Promise<RunResult[]> {
  const runner = runners(originOf('experiment.json'), false);
  const results: RunResult[] = new Array(jobs.length);
  let next = 0;
  const work = async () => {
    while (next < jobs.length) {
      const id = next++;
      const { label, spec } = jobs[id];
      const state = await runner.train(id, spec, spec.epochs);
      const test = await runner.test(id);
      runner.release(id);
      const record = state.history[state.epoch - 1];
      results[id] = {
        label,
        seed: spec.seed,
        spec,
        history: state.history,
        trainAcc: state.trainAcc,
        valAcc: state.valAcc,
        testAcc: test?.acc ?? null,
        trainLoss: record?.loss ?? NaN,
        epochsRun: state.history.length,
        seconds: state.history.reduce((s, r) => s + r.seconds, 0),
      };
      onRun(results[id]);
    }
  };
  try {
    await Promise.all(Array.from({ length: runner.parallel }, work));
  } finally {
    await runner.close();
  }
  return results;
}

/** The runs of `runs` with each seed of `seeds`, seed by seed. */
export function seededJobs(runs: readonly { label: string; spec: Spec }[], seeds: readonly number[]) {
  return seeds.flatMap((seed) => runs.map(({ label, spec }) => ({ label, spec: { ...spec, seed } })));
}

/** Each label's runs, in seed order. */
export function byLabel(runs: readonly RunResult[]): Map<string, RunResult[]> {
  const map = new Map<string, RunResult[]>();
  for (const r of runs) map.set(r.label, [...(map.get(r.label) ?? []), r]);
  return map;
}

function summarise(runs: readonly RunResult[], metric: Metric): SeedSummary {
  const values = runs.map((r) => metric.of(r));
  return { ...interval95(values.filter((v): v is number => v !== null)), values };
}

export function armSummary(label: string, runs: readonly RunResult[]): ArmSummary {
  return {
    label,
    trainAcc: summarise(runs, TRAIN_ACC),
    valAcc: summarise(runs, VAL_ACC),
    testAcc: summarise(runs, TEST_ACC),
    trainLoss: summarise(runs, TRAIN_LOSS),
    epochsRun: summarise(runs, EPOCHS_RUN),
  };
}

/** Runs every run of an experiment with every seed, then judges the claim from the numbers. */
export async function runExperiment(
  experiment: Experiment,
  seeds: readonly number[],
  onRun: (result: RunResult) => void = () => {},
  runners: Runners = localRunners,
): Promise<ExperimentResult> {
  const start = performance.now();
  const runs = await trainAll(seededJobs(experiment.runs, seeds), onRun, runners);
  return experimentResult(experiment, describeData(experiment.runs[0].spec.data), seeds, runs, (performance.now() - start) / 1000);
}

/** The verdict and the summaries of an experiment's finished runs. */
export function experimentResult(
  experiment: Pick<Experiment, 'name' | 'claim' | 'setup' | 'comparisons' | 'combine'> & { runs: readonly { label: string }[] },
  data: string,
  seeds: readonly number[],
  runs: RunResult[],
  seconds: number,
): ExperimentResult {
  const labels = byLabel(runs);
  return {
    name: experiment.name,
    claim: experiment.claim,
    setup: experiment.setup,
    data,
    seeds: [...seeds],
    runs,
    arms: experiment.runs.map(({ label }) => armSummary(label, labels.get(label) ?? [])),
    ...judge(experiment, labels),
    seconds,
  };
}

export interface PublishedResult extends Omit<Published, 'rows'> {
  seeds: number[];
  /** Each published figure with ours: test accuracy seed by seed, mean and 95% interval. */
  rows: { label: string; theirs: number; stated: string; ours: SeedSummary }[];
  runs: RunResult[];
  seconds: number;
}

/** Runs each row of a published table with every seed and sets our test accuracy beside theirs. */
export async function runPublished(
  published: Published,
  seeds: readonly number[],
  onRun: (result: RunResult) => void = () => {},
  runners: Runners = localRunners,
): Promise<PublishedResult> {
  const start = performance.now();
  const runs = await trainAll(seededJobs(published.rows, seeds), onRun, runners);
  const labels = byLabel(runs);
  const { rows, ...about } = published;
  return {
    ...about,
    seeds: [...seeds],
    rows: rows.map(({ label, theirs, stated }) => ({ label, theirs, stated, ours: summarise(labels.get(label) ?? [], TEST_ACC) })),
    runs,
    seconds: (performance.now() - start) / 1000,
  };
}
