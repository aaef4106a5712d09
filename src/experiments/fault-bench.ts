import { runDoctor, type Verdict } from '../doctor/doctor.js';
import { Trial, WorkerRunner } from '../doctor/runner.js';
import type { Spec } from '../spec/schema.js';
import type { SpecOrigin } from '../train/run.js';
import type { BenchCase } from './fault-catalogue.js';

/** Below what the healthy seed run reaches, the target leaves this much for a different route. */
export const TARGET_MARGIN = 0.03;
/** Too little data: the repair must raise test accuracy this much above the untouched run (as test/faults' overfitting case). */
export const LITTLE_DATA_TEST_GAIN = 0.02;

/** The cases' data are named sources: nothing is read relative to a spec file. */
const ORIGIN: SpecOrigin = { file: 'fault-bench', dir: process.cwd() };

export interface BenchOutcome {
  name: string;
  kind: string;
  detail: string;
  /** What the case asks, measured: validation accuracy (target) or a test gain over the untouched run. */
  target: { valAcc?: number; testAccGain?: number };
  /** The broken run, untouched, already reaches the target: the fault did not break it. */
  broken: boolean;
  passed: boolean;
  because: string;
  verdict: Verdict;
  found: string[];
  change: string;
  untouchedValAcc: number | null;
  bestValAcc: number | null;
  epochsSpent: number;
  seconds: number;
}

/** Trains a spec as written for its epochs; judged, as the doctor judges, at its best checkpoint. */
async function trainAsWritten(spec: Spec): Promise<{ valAcc: number | null; testAcc: number | null }> {
  const trial = await Trial.create(spec, ORIGIN);
  try {
    const state = await trial.train(spec.epochs);
    return { valAcc: state.valAcc, testAcc: trial.test()?.acc ?? null };
  } finally {
    trial.release();
  }
}

/**
 * One case: the target is measured on the healthy seed run with the case's seed (its best
 * validation accuracy minus TARGET_MARGIN), then the doctor gets the broken spec and the budget.
 * A control passes when the doctor calls it healthy and leaves the spec unchanged.
 */
export async function runBenchCase(c: BenchCase, budget: number): Promise<BenchOutcome> {
  const little = c.kind === 'little_data';
  const healthy = c.kind === 'control' || little ? null : await trainAsWritten(c.healthy);
  const target = little ? { testAccGain: LITTLE_DATA_TEST_GAIN } : c.kind === 'control' ? {} : { valAcc: Math.max((healthy!.valAcc ?? 0) - TARGET_MARGIN, 0) };
  const result = await runDoctor(c.spec, ORIGIN, new WorkerRunner(ORIGIN, 2), { budget, target: target.valAcc });
  const bestValAcc = result.best.valAcc;
  let passed: boolean;
  let broken = true;
  let because: string;
  let untouchedValAcc = result.baseline.valAcc;
  if (c.kind === 'control') {
    const unchanged = JSON.stringify(result.best.spec) === JSON.stringify(c.spec);
    passed = result.verdict === 'healthy' && unchanged;
    broken = false;
    because = `verdict ${result.verdict}, spec ${unchanged ? 'unchanged' : 'changed'}`;
  } else if (little) {
    const untouched = await trainAsWritten(c.spec);
    untouchedValAcc = untouched.valAcc;
    const gain = (result.best.testAcc ?? 0) - (untouched.testAcc ?? 0);
    passed = gain >= LITTLE_DATA_TEST_GAIN;
    because = `test ${result.best.testAcc?.toFixed(3)} against ${untouched.testAcc?.toFixed(3)} untouched: gain ${gain.toFixed(3)}, needed ${LITTLE_DATA_TEST_GAIN}`;
  } else {
    // the doctor's baseline is the spec as written for its own epochs (seed runs train at most 8)
    broken = (result.baseline.valAcc ?? 0) < target.valAcc!;
    passed = (bestValAcc ?? 0) >= target.valAcc!;
    because = `validation ${bestValAcc?.toFixed(3)} (untouched ${result.baseline.valAcc?.toFixed(3)}), needed ${target.valAcc!.toFixed(3)}`;
  }
  return {
    name: c.name,
    kind: c.kind,
    detail: c.detail,
    target,
    broken,
    passed,
    because,
    verdict: result.verdict,
    found: result.diagnoses.map((d) => d.symptom),
    change: result.best.change,
    untouchedValAcc,
    bestValAcc,
    epochsSpent: result.epochsSpent,
    seconds: result.seconds,
  };
}

export interface BenchSummary {
  /** Per fault kind: broken cases, and how many of them reached their target. */
  kinds: { kind: string; cases: number; broken: number; repaired: number }[];
  broken: number;
  repaired: number;
  controls: number;
  falseAlarms: number;
}

/** Repair rate per fault kind (over the cases the fault really broke) and false alarms on controls. */
export function summarize(outcomes: readonly BenchOutcome[]): BenchSummary {
  const kinds = [...new Set(outcomes.filter((o) => o.kind !== 'control').map((o) => o.kind))].sort().map((kind) => {
    const of = outcomes.filter((o) => o.kind === kind);
    return { kind, cases: of.length, broken: of.filter((o) => o.broken).length, repaired: of.filter((o) => o.broken && o.passed).length };
  });
  const controls = outcomes.filter((o) => o.kind === 'control');
  return {
    kinds,
    broken: kinds.reduce((s, k) => s + k.broken, 0),
    repaired: kinds.reduce((s, k) => s + k.repaired, 0),
    controls: controls.length,
    falseAlarms: controls.filter((o) => !o.passed).length,
  };
}
