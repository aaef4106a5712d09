import { runDoctor, type Verdict } from '../doctor/doctor.js';
import { localRunners, Trial, type Runners } from '../doctor/runner.js';
import type { Spec } from '../spec/schema.js';
import type { SpecOrigin } from '../train/run.js';
import type { BenchCase } from './fault-catalogue.js';

/** Below what the healthy seed run reaches, the target leaves this much for a different route. */
export const TARGET_MARGIN = 0.03;
/** Too little data: the healthy run's test level reached, or test accuracy this much above the untouched run (as test/faults' overfitting case). */
export const LITTLE_DATA_TEST_GAIN = 0.02;

/** The cases' data are named sources: nothing is read relative to a spec file. */
export const BENCH_ORIGIN: SpecOrigin = { file: 'fault-bench', dir: process.cwd() };

export interface BenchOutcome {
  name: string;
  kind: string;
  detail: string;
  /** What the case asks, measured: validation accuracy, or for too little data test accuracy or a test gain over the untouched run. */
  target: { valAcc?: number; testAcc?: number; testAccGain?: number };
  /** The broken run, trained as written, stays below the target (false: the fault did not break it). */
  broken: boolean;
  passed: boolean;
  because: string;
  /** Null when the doctor was not run (the fault did not break the run). */
  verdict: Verdict | null;
  found: string[];
  change: string;
  /** The broken spec trained as written. */
  untouchedValAcc: number | null;
  bestValAcc: number | null;
  bestTestAcc: number | null;
  epochsSpent: number;
  seconds: number;
}

/** Trains a spec as written for its epochs; judged, as the doctor judges, at its best checkpoint. */
async function trainAsWritten(spec: Spec): Promise<{ valAcc: number | null; testAcc: number | null }> {
  const trial = await Trial.create(spec, BENCH_ORIGIN);
  try {
    const state = await trial.train(spec.epochs);
    return { valAcc: state.valAcc, testAcc: trial.test()?.acc ?? null };
  } finally {
    trial.release();
  }
}

/**
 * One case. The target is measured on the healthy seed run with the case's seed: its best
 * validation accuracy minus TARGET_MARGIN (for too little data, whose validation split is tiny,
 * its test accuracy minus the margin, or a clear test gain). The broken spec is trained as
 * written; a fault that left it at the target did not break it, and the case is counted apart
 * (as AUTOTRAINER kept only the runs their faults broke). Otherwise the doctor gets the broken
 * spec and the budget. A control passes when the doctor calls it healthy and leaves it unchanged.
 */
export async function runBenchCase(c: BenchCase, budget: number, runners: Runners = localRunners): Promise<BenchOutcome> {
  const start = performance.now();
  const control = c.kind === 'control';
  const little = c.kind === 'little_data';
  const healthy = control ? null : await trainAsWritten(c.healthy);
  const untouched = control ? null : await trainAsWritten(c.spec);
  const target = control
    ? {}
    : little
      ? { testAcc: (healthy!.testAcc ?? 0) - TARGET_MARGIN, testAccGain: LITTLE_DATA_TEST_GAIN }
      : { valAcc: Math.max((healthy!.valAcc ?? 0) - TARGET_MARGIN, 0) };
  const outcome = { name: c.name, kind: c.kind, detail: c.detail, target, untouchedValAcc: untouched?.valAcc ?? null };
  const broken = control ? false : little ? (untouched!.testAcc ?? 0) < target.testAcc! : (untouched!.valAcc ?? 0) < target.valAcc!;
  if (!control && !broken) {
    const reached = little ? `test ${untouched!.testAcc?.toFixed(3)}, target ${target.testAcc!.toFixed(3)}` : `validation ${untouched!.valAcc?.toFixed(3)}, target ${target.valAcc!.toFixed(3)}`;
    const seconds = (performance.now() - start) / 1000;
    return { ...outcome, broken, passed: true, because: `not broken: untouched ${reached}`, verdict: null, found: [], change: 'doctor not run', bestValAcc: null, bestTestAcc: null, epochsSpent: 0, seconds };
  }
  const result = await runDoctor(c.spec, BENCH_ORIGIN, runners(BENCH_ORIGIN), { budget, target: target.valAcc });
  const best = result.best;
  let passed: boolean;
  let because: string;
  if (control) {
    const unchanged = JSON.stringify(best.spec) === JSON.stringify(c.spec);
    passed = result.verdict === 'healthy' && unchanged;
    because = `verdict ${result.verdict}, spec ${unchanged ? 'unchanged' : 'changed'}`;
  } else if (little) {
    const test = best.testAcc ?? 0;
    const gain = test - (untouched!.testAcc ?? 0);
    passed = test >= target.testAcc! || gain >= LITTLE_DATA_TEST_GAIN;
    because = `test ${test.toFixed(3)} (untouched ${untouched!.testAcc?.toFixed(3)}), needed ${target.testAcc!.toFixed(3)} or a gain of ${LITTLE_DATA_TEST_GAIN}`;
  } else {
    passed = (best.valAcc ?? 0) >= target.valAcc!;
    because = `validation ${best.valAcc?.toFixed(3)} (untouched ${untouched!.valAcc?.toFixed(3)}), needed ${target.valAcc!.toFixed(3)}`;
  }
  return {
    ...outcome,
    broken,
    passed,
    because,
    verdict: result.verdict,
    found: result.diagnoses.map((d) => d.symptom),
    change: best.change,
    bestValAcc: best.valAcc,
    bestTestAcc: best.testAcc,
    epochsSpent: result.epochsSpent,
    seconds: (performance.now() - start) / 1000,
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
