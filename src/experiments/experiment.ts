import { parseSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';

/** One run of an experiment, in the shape of `--json` (issue contract). */
export interface RunResult {
  label: string;
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

export interface Verdict {
  holds: boolean;
  /** The numbers behind `holds`, in a sentence. */
  because: string;
}

/**
 * A claim of the note and the controlled comparison that tests it: runs that differ in one
 * thing, on real data, with fixed seeds. `judge` computes `holds` from the numbers only.
 */
export interface Experiment {
  name: string;
  /** The note's claim, in our words. */
  claim: string;
  /** What is compared, for the report. */
  setup: string;
  runs: { label: string; spec: Spec }[];
  judge(results: ReadonlyMap<string, RunResult>): Verdict;
}

/**
 * A spec from the shared base of the experiments (mnist-sample, 4,000 digits, seed 1,
 * cross-entropy, batches of 64), validated as any spec file is.
 */
export function experimentSpec(overrides: Record<string, unknown>): Spec {
  return parseSpec({
    seed: 1,
    data: { source: 'mnist-sample', trainLimit: 4000 },
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
