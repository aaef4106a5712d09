import { roundHalfEven } from '../data/index.js';
import { parseSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';

/** One run of an experiment with one seed, in the shape of `--json` (issue contract). */
export interface RunResult {
  label: string;
  /** The spec's seed: initialisation, data order, dropout masks and augmentation draw from it. */
  seed: number;
  spec: Spec;
  history: EpochRecord[];
  trainAcc: number;
  valAcc: number | null;
  testAcc: number | null;
  /** Training loss of the last epoch (some claims are about the loss). */
  trainLoss: number;
  epochsRun: number;
  seconds: number;
}

/** A number read off a run, which a claim compares between two of an experiment's runs. */
export interface Metric {
  name: string;
  of(run: RunResult): number | null;
}

export const TRAIN_ACC: Metric = { name: 'training accuracy', of: (r) => r.trainAcc };
export const VAL_ACC: Metric = { name: 'validation accuracy', of: (r) => r.valAcc };
export const TEST_ACC: Metric = { name: 'test accuracy', of: (r) => r.testAcc };
export const TRAIN_LOSS: Metric = { name: 'training loss', of: (r) => (Number.isFinite(r.trainLoss) ? r.trainLoss : null) };
export const EPOCHS_RUN: Metric = { name: 'epochs run', of: (r) => r.epochsRun };

/**
 * One part of a claim: run `a`'s metric minus run `b`'s, seed by seed, is claimed `higher` (or
 * `lower`) than `margin` (0 unless the claim itself names a tolerance).
 */
export interface Comparison {
  a: string;
  b: string;
  metric: Metric;
  claim: 'higher' | 'lower';
  margin?: number;
}

/**
 * A claim of the training tips and the controlled comparison that tests it: runs that differ in
 * one thing, on real data, each repeated over the same seeds. The claim is written as paired
 * comparisons (its rule, see judge.ts): it holds when all of them do (`all`), or when more than
 * half do (`majority`, for a claim about a family such as "adaptive learning rates").
 */
export interface Experiment {
  name: string;
  /** The claim, in our words. */
  claim: string;
  /** What is compared, for the report. */
  setup: string;
  runs: { label: string; spec: Spec }[];
  comparisons: Comparison[];
  combine: 'all' | 'majority';
}

/**
 * The data an experiment runs on: the embedded MNIST sample or Fashion-MNIST, each either in the
 * quick setting (a few thousand examples, minutes) or `full` (the whole training set).
 */
export interface ExperimentData {
  source: 'mnist-sample' | 'fashion-mnist';
  full: boolean;
}

export const QUICK_SAMPLE: ExperimentData = { source: 'mnist-sample', full: false };

/** Training examples each source has (mnist-sample.ts; Fashion-MNIST's 60,000). */
export const TRAINING_EXAMPLES = { 'mnist-sample': 7996, 'fashion-mnist': 60000 } as const;

/** Examples kept in the quick setting, before the validation split. */
const QUICK_EXAMPLES = 4000;

const NAMES = { 'mnist-sample': 'MNIST digits of the embedded sample', 'fashion-mnist': 'Fashion-MNIST images' };

/** The `data` section of the experiments' runs. */
export function dataSection(data: ExperimentData) {
  return data.full ? { source: data.source } : { source: data.source, trainLimit: QUICK_EXAMPLES };
}

/** Training and validation examples a data section keeps (load.ts), or null for a source of unknown size. */
function splitOf(data: { source: string; trainLimit?: number; validationSplit?: number }): { train: number; validation: number } | null {
  const total = TRAINING_EXAMPLES[data.source as ExperimentData['source']] as number | undefined;
  if (total === undefined) return null;
  const kept = Math.min(data.trainLimit ?? total, total);
  const validation = roundHalfEven(kept * (data.validationSplit ?? 0.1));
  return { train: kept - validation, validation };
}

/** Examples the runs of `dataSection(data)` train on: those kept, less the 10% validation split. */
export function trainingCount(data: ExperimentData): number {
  return splitOf(dataSection(data))!.train;
}

/** What a run's data section keeps, e.g. "3,600 training and 400 validation MNIST digits of the embedded sample". */
export function describeData(data: Spec['data']): string {
  const split = splitOf(data);
  if (split === null) return `the data of ${data.source}`;
  return `${count(split.train)} training and ${count(split.validation)} validation ${NAMES[data.source as ExperimentData['source']]}`;
}

export const count = (n: number) => n.toLocaleString('en-US');

/**
 * A spec from the shared base of the experiments (seed 1, cross-entropy, batches of 64, the
 * data of `data`), validated as any spec file is. Runs replace the seed with theirs.
 */
export function experimentSpec(data: ExperimentData, overrides: Record<string, unknown>): Spec {
  return parseSpec({
    seed: 1,
    data: dataSection(data),
    loss: 'cross_entropy',
    batchSize: 64,
    epochs: 8,
    ...overrides,
  });
}

export const mlp = (widths: number[], activation: string, out = 'softmax') => ({
  layers: [...widths.map((units) => ({ type: 'dense', units, activation })), { type: 'dense', units: 10, activation: out }],
});

export const fmt = (v: number | null, digits = 3) => (v === null ? '-' : v.toFixed(digits));
