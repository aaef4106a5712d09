import type { Comparison, Experiment, RunResult } from './experiment.js';
import { interval95, pairedDecision, type Decision, type Interval } from './statistics.js';

/** A comparison of a claim, measured: both runs' values seed by seed, and their differences. */
export interface ComparisonResult {
  a: string;
  b: string;
  metric: string;
  claim: 'higher' | 'lower';
  margin: number;
  /** The seeds of the pairs where both runs gave a value (a diverged run has no test accuracy). */
  seeds: number[];
  aValues: number[];
  bValues: number[];
  differences: number[];
  /** Mean and 95% interval of the differences a − b. */
  interval: Interval;
  decision: Decision;
}

export interface Judgement {
  verdict: Decision;
  /** `verdict === 'holds'`, the field of the single-seed contract. */
  holds: boolean;
  /** The rule the verdict follows, in a sentence. */
  rule: string;
  /** The numbers behind the verdict, in a sentence. */
  because: string;
  comparisons: ComparisonResult[];
}

const signed = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(3);

/** "[+0.012, +0.034]", or "(one seed)" where no interval exists. */
export function bracket(i: Interval): string {
  return i.low === null || i.high === null ? '(one seed: no interval)' : `[${signed(i.low)}, ${signed(i.high)}]`;
}

/** The comparison as the rule states it: "test accuracy of dropout − none above 0". */
function stated(c: Comparison | ComparisonResult): string {
  const metric = typeof c.metric === 'string' ? c.metric : c.metric.name;
  return `${metric} of ${c.a} − ${c.b} ${c.claim === 'higher' ? 'above' : 'below'} ${c.margin ?? 0}`;
}

/** The verdict rule of an experiment, in words, for the report and the JSON. */
export function ruleOf(experiment: Pick<Experiment, 'comparisons' | 'combine'>): string {
  const combined =
    experiment.combine === 'all'
      ? 'The claim holds when every comparison holds, does not hold when any does not'
      : 'The claim holds when more than half of the comparisons hold, does not hold when more than half do not';
  return (
    'Paired over seeds (the same seed for both runs): a comparison holds when the 95% t-interval of the seed-by-seed ' +
    'difference lies wholly on the claimed side of its margin, does not hold when it lies wholly on the other side, ' +
    `and is not shown otherwise. ${combined}, and is not shown otherwise. Comparisons: ${experiment.comparisons.map(stated).join('; ')}.`
  );
}

/** Measures one comparison over the seeds both runs have a value for. */
export function compare(c: Comparison, runs: ReadonlyMap<string, readonly RunResult[]>): ComparisonResult {
  const bySeed = new Map((runs.get(c.b) ?? []).map((r) => [r.seed, r]));
  const seeds: number[] = [];
  const aValues: number[] = [];
  const bValues: number[] = [];
  for (const runA of runs.get(c.a) ?? []) {
    const runB = bySeed.get(runA.seed);
    const [va, vb] = [c.metric.of(runA), runB === undefined ? null : c.metric.of(runB)];
    if (va === null || vb === null) continue;
    seeds.push(runA.seed);
    aValues.push(va);
    bValues.push(vb);
  }
  const differences = aValues.map((v, i) => v - bValues[i]);
  const interval = interval95(differences);
  const margin = c.margin ?? 0;
  return { a: c.a, b: c.b, metric: c.metric.name, claim: c.claim, margin, seeds, aValues, bValues, differences, interval, decision: pairedDecision(interval, c.claim, margin) };
}

/** The verdict of a claim from its comparisons, by the rule `ruleOf` states. */
export function judge(experiment: Pick<Experiment, 'comparisons' | 'combine'>, runs: ReadonlyMap<string, readonly RunResult[]>): Judgement {
  const comparisons = experiment.comparisons.map((c) => compare(c, runs));
  const tally = (d: Decision) => comparisons.filter((c) => c.decision === d).length;
  const verdict: Decision =
    experiment.combine === 'all'
      ? tally('does not hold') > 0
        ? 'does not hold'
        : tally('holds') === comparisons.length
          ? 'holds'
          : 'not shown'
      : tally('holds') > comparisons.length / 2
        ? 'holds'
        : tally('does not hold') > comparisons.length / 2
          ? 'does not hold'
          : 'not shown';
  const because = comparisons
    .map((c) => {
      const mean = (xs: number[]) => (xs.length === 0 ? '-' : (xs.reduce((s, v) => s + v, 0) / xs.length).toFixed(3));
      return `${c.metric} ${c.a} ${mean(c.aValues)} against ${c.b} ${mean(c.bValues)}, difference ${c.seeds.length === 0 ? '-' : signed(c.interval.mean)} ${bracket(c.interval)} over ${c.seeds.length} seeds: ${c.decision}`;
    })
    .join('; ');
  return { verdict, holds: verdict === 'holds', rule: ruleOf(experiment), because, comparisons };
}
