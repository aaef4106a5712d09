/**
 * `remedy experiment NAME`: the runs, the progress lines and the `--json` document, for the CLI
 * and for the library's experiment(). NAME is one of the training tips' claims (EXPERIMENTS) or `all`,
 * or one of the doctor's own checks: `faults` (the doctor on every case of a fault suite) and
 * `doctor-vs-search` (the doctor against random search at equal budget).
 */
import { DEFAULT_BUDGET } from '../doctor/doctor-json.js';
import { localRunners, type Runners } from '../doctor/runner.js';
import { InputError } from '../errors.js';
import { FAULT_SUITE, readFaults, runFaultCase, type FaultOutcome } from './doctor-faults.js';
import { benchDuel, duel, type Duel } from './doctor-vs-search.js';
import { benchCases } from './fault-catalogue.js';
import { runBenchCase, summarize, type BenchOutcome } from './fault-bench.js';
import { describeData, fmt, type Experiment, type ExperimentData, type RunResult } from './experiment.js';
import { EXPERIMENTS } from './index.js';
import { PUBLISHED } from './published.js';
import { runExperiment, runPublished, seedList, type ExperimentResult, type PublishedResult } from './run.js';

/** The doctor's own checks, run as experiments: not claims of the training tips. */
export const DOCTOR_EXPERIMENTS = ['faults', 'doctor-vs-search', 'fault-bench'];

/** The published tables, all at once. */
const ALL_PUBLISHED = 'published';

/** Seeds per run: the claims and published tables are judged over 5, doctor-vs-search duels 3 per case. */
export const DEFAULT_SEEDS = 5;
export const DEFAULT_DUEL_SEEDS = 3;
export const DEFAULT_BENCH_CASES = 24;

/** A half of the generated fault benchmark. */
interface BenchHalf {
  seed: number;
  split: 'dev' | 'eval';
  cases: number;
}

export interface ExperimentOptions {
  /** faults, doctor-vs-search: a folder of fault specs with their expectations.json (default: the package's). */
  faults?: string;
  /** faults, doctor-vs-search: the doctor's epochs per case (default 60). */
  budget?: number;
  /** Seeds per run: claims and published tables (default 5), doctor-vs-search (default 3). */
  seeds?: number;
  /** The claims' data (default the embedded MNIST sample). */
  data?: ExperimentData['source'];
  /** The claims on the source's whole training set; `all` adds the published tables. */
  full?: boolean;
  /** fault-bench (and doctor-vs-search with `generated`): cases of the half (default 24), the benchmark's seed (default 0), which half (default dev). */
  cases?: number;
  seed?: number;
  split?: 'dev' | 'eval';
  /** doctor-vs-search: on the generated benchmark's half instead of a fault folder. */
  generated?: boolean;
  /** Receives the lines `remedy experiment` prints. */
  onProgress?: (line: string) => void;
  /** Where the trials train: two local threads (default), or jobs on Redis (`--redis`, src/distributed/). */
  runners?: Runners;
  /** Follows each claim as its runs finish (the live page). */
  watch?: ClaimWatcher;
}

/** Follows the claims as they run: an experiment begins, each run (one seed) finishes, it is judged. */
export interface ClaimWatcher {
  begin(experiment: Experiment, seeds: readonly number[]): void;
  run(result: RunResult): void;
  end(result: ExperimentResult): void;
}

export interface ClaimsJson {
  seeds: number[];
  data: ExperimentData;
  experiments: ExperimentResult[];
  published: PublishedResult[];
  seconds: number;
}

export interface FaultsJson {
  budget: number;
  outcomes: (FaultOutcome & { trials: number })[];
  passed: number;
}

export interface FaultBenchJson {
  seed: number;
  split: 'dev' | 'eval';
  budget: number;
  outcomes: BenchOutcome[];
  summary: ReturnType<typeof summarize>;
  seconds: number;
}

export interface DuelJson {
  budget: number;
  seeds: number;
  duels: Duel[];
  wins: number;
}

/** Refuses a name that is no experiment. */
export function checkExperimentName(name: string): void {
  const known = [...Object.keys(EXPERIMENTS), ...Object.keys(PUBLISHED), ALL_PUBLISHED, ...DOCTOR_EXPERIMENTS];
  if (name !== 'all' && !known.includes(name)) {
    throw new InputError(`unknown experiment; choose one of ${known.join(', ')}, or all`, 'experiment', name);
  }
}

/** Runs experiment `name` (or all the claims) and returns its `--json` document. */
export function experimentJson(name: 'faults', options?: ExperimentOptions): Promise<FaultsJson>;
export function experimentJson(name: 'doctor-vs-search', options?: ExperimentOptions): Promise<DuelJson>;
export function experimentJson(name: 'fault-bench', options?: ExperimentOptions): Promise<FaultBenchJson>;
export function experimentJson(name: string, options?: ExperimentOptions): Promise<ClaimsJson>;
export async function experimentJson(name: string, options: ExperimentOptions = {}): Promise<ClaimsJson | FaultsJson | DuelJson | FaultBenchJson> {
  checkExperimentName(name);
  const log = options.onProgress ?? (() => {});
  const folder = options.faults ?? FAULT_SUITE;
  const budget = options.budget ?? DEFAULT_BUDGET;
  const runners = options.runners ?? localRunners;
  if (name === 'faults') return faults(folder, budget, log, runners);
  const bench = { seed: options.seed ?? 0, split: options.split ?? 'dev', cases: options.cases ?? DEFAULT_BENCH_CASES } as const;
  if (name === 'doctor-vs-search') return duels(options.generated === true ? bench : folder, budget, options.seeds ?? DEFAULT_DUEL_SEEDS, log, runners);
  if (name === 'fault-bench') return faultBench(bench, budget, log, runners);
  return claims(name, seedList(options.seeds ?? DEFAULT_SEEDS), { source: options.data ?? 'mnist-sample', full: options.full === true }, log, runners, options.watch);
}

/** The claims (and with `--full` or by name the published tables), each over every seed. */
async function claims(name: string, seeds: number[], data: ExperimentData, log: (line: string) => void, runners: Runners, watch?: ClaimWatcher): Promise<ClaimsJson> {
  const names = name === 'all' ? Object.keys(EXPERIMENTS) : name in EXPERIMENTS ? [name] : [];
  const tables = (name === 'all' && data.full) || name === ALL_PUBLISHED ? Object.keys(PUBLISHED) : name in PUBLISHED ? [name] : [];
  const start = performance.now();
  const onRun = (r: RunResult) => {
    log(`  ${r.label.padEnd(34)} seed ${String(r.seed).padEnd(3)} train ${fmt(r.trainAcc)}  val ${fmt(r.valAcc)}  test ${fmt(r.testAcc)}  loss ${fmt(r.trainLoss)}  ${r.epochsRun} epochs  ${r.seconds.toFixed(1)}s`);
    watch?.run(r);
  };
  const results: ExperimentResult[] = [];
  for (const n of names) {
    const experiment = EXPERIMENTS[n](data);
    log(`${n}: ${experiment.claim} (${describeData(experiment.runs[0].spec.data)}; seeds ${seeds.join(', ')})`);
    watch?.begin(experiment, seeds);
    const result = await runExperiment(experiment, seeds, onRun, runners);
    log(`  → ${result.verdict}: ${result.because}`);
    watch?.end(result);
    results.push(result);
  }
  const published: PublishedResult[] = [];
  for (const n of tables) {
    const table = PUBLISHED[n]();
    log(`${n}: ${table.source}`);
    const result = await runPublished(table, seeds, onRun, runners);
    for (const row of result.rows) log(`  ${row.label.padEnd(34)} ours ${fmt(row.ours.mean)} ${bracketOf(row.ours)}  theirs ${row.stated}`);
    published.push(result);
  }
  const seconds = (performance.now() - start) / 1000;
  if (results.length > 0) {
    const tally = (v: string) => results.filter((r) => r.verdict === v).length;
    log(`of ${results.length} claims over ${seeds.length} seeds: ${tally('holds')} hold, ${tally('does not hold')} do not, ${tally('not shown')} not shown (${seconds.toFixed(0)}s)`);
  }
  return { seeds, data, experiments: results, published, seconds };
}

const bracketOf = (s: { low: number | null; high: number | null }) => (s.low === null || s.high === null ? '' : `[${fmt(s.low)}, ${fmt(s.high)}]`);

/** The doctor on every fault case: does it reach each case's target within the budget? */
async function faults(folder: string, budget: number, log: (line: string) => void, runners: Runners): Promise<FaultsJson> {
  const outcomes = await inLanes(
    readFaults(folder),
    runners,
    async (c, lane) => {
      const { result, ...o } = await runFaultCase(folder, c, budget, 0, lane);
      return { ...o, trials: result.trials.length };
    },
    (o) => log(`${o.passed ? 'pass' : 'FAIL'}  ${o.name.padEnd(22)} ${o.verdict.padEnd(10)} found [${o.found.join(', ')}] expected [${o.expected.join(', ')}]  ${o.because}  (${o.change}; ${o.epochsSpent.toFixed(1)} epochs, ${o.seconds.toFixed(0)}s)`),
  );
  const passed = outcomes.filter((o) => o.passed).length;
  log(`${passed} of ${outcomes.length} fault cases reach their target within --budget ${budget}`);
  return { budget, outcomes, passed };
}

/**
 * The doctor against random search at equal epoch budget: several seeds per case of a fault
 * folder, or one duel per case of a generated half that the fault broke (each has its own seed).
 */
async function duels(source: string | BenchHalf, budget: number, seeds: number, log: (line: string) => void, runners: Runners): Promise<DuelJson> {
  const show = (d: Duel) =>
    log(
      `${d.name.padEnd(34)} seed ${d.seed}  doctor val ${fmt(d.doctorValAcc)} test ${fmt(d.doctorTestAcc)}  random search val ${fmt(d.searchValAcc)} test ${fmt(d.searchTestAcc)}` +
        (d.untouchedValAcc === undefined ? '' : `  untouched val ${fmt(d.untouchedValAcc)}`),
    );
  const offsets = Array.from({ length: seeds }, (_, seed) => seed);
  const fought =
    typeof source === 'string'
      ? readFaults(source).flatMap((c) => offsets.map((seed) => (lane: Runners) => duel(source, c, budget, seed, lane)))
      : benchCases(source.seed, source.split, source.cases).flatMap((c) => offsets.map((seed) => (lane: Runners) => benchDuel(c, budget, seed, lane)));
  const all = (await inLanes(fought, runners, (fight, lane) => fight(lane), (d) => {
    if (d !== null) show(d);
  })).filter((d) => d !== null);
  const mean = (f: (d: Duel) => number | null) => all.reduce((s, d) => s + (f(d) ?? 0), 0) / all.length;
  const wins = all.filter((d) => (d.doctorValAcc ?? 0) > (d.searchValAcc ?? 0)).length;
  log(`mean validation accuracy: doctor ${fmt(mean((d) => d.doctorValAcc))}, random search ${fmt(mean((d) => d.searchValAcc))}; the doctor wins ${wins} of ${all.length}`);
  log(`mean test accuracy: doctor ${fmt(mean((d) => d.doctorTestAcc))}, random search ${fmt(mean((d) => d.searchTestAcc))}`);
  const below = all.filter((d) => d.untouchedValAcc != null && (d.doctorValAcc ?? 0) < d.untouchedValAcc);
  if (all.some((d) => d.untouchedValAcc !== undefined)) log(`the doctor below the untouched run: ${below.length} of ${all.length}`);
  return { budget, seeds, duels: all, wins };
}

/** The generated fault benchmark: repair rate per fault kind, false alarms on healthy controls. */
async function faultBench(half: BenchHalf, budget: number, log: (line: string) => void, runners: Runners): Promise<FaultBenchJson> {
  const start = performance.now();
  const outcomes = await inLanes(benchCases(half.seed, half.split, half.cases), runners, (c, lane) => runBenchCase(c, budget, lane), (o: BenchOutcome) => {
    const mark = o.kind === 'control' ? (o.passed ? 'ok  ' : 'FALSE ALARM') : !o.broken ? 'n/b ' : o.passed ? 'pass' : 'FAIL';
    log(`${mark}  ${o.name.padEnd(34)} ${o.detail.padEnd(36)} ${(o.verdict ?? '-').padEnd(10)} [${o.found.join(', ')}]  ${o.because}  (${o.change}; ${o.epochsSpent.toFixed(1)} epochs, ${o.seconds.toFixed(0)}s)`);
  });
  const summary = summarize(outcomes);
  log(`\n${'fault kind'.padEnd(20)} cases  broken  repaired`);
  for (const k of summary.kinds) log(`${k.kind.padEnd(20)} ${String(k.cases).padStart(5)}  ${String(k.broken).padStart(6)}  ${String(k.repaired).padStart(8)}`);
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(0)}%`);
  log(`repaired ${summary.repaired} of ${summary.broken} broken runs (${pct(summary.repaired, summary.broken)}); n/b: the fault did not break the run`);
  log(`false alarms on healthy controls: ${summary.falseAlarms} of ${summary.controls} (${pct(summary.falseAlarms, summary.controls)})`);
  const seconds = (performance.now() - start) / 1000;
  log(`${half.split} half, seed ${half.seed}, --budget ${budget}: ${seconds.toFixed(0)}s`);
  return { seed: half.seed, split: half.split, budget, outcomes, summary, seconds };
}

/**
 * `work` on every item: one at a time, or as many at once as the runners have lanes (locally four
 * runs on the two trial threads, on a queue one per worker), each item with the runners of its own
 * lane, named by its place in `items` so that a restarted coordinator names them the same. `done`
 * sees the results in the order of `items`. The first failure is thrown at once, and no new item
 * starts after it (the command then ends, closing the threads of those still running).
 */
async function inLanes<T, R>(items: readonly T[], runners: Runners, work: (item: T, lane: Runners) => Promise<R>, done: (result: R) => void): Promise<R[]> {
  const results: R[] = [];
  const finished = new Set<number>();
  let next = 0;
  let told = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i], runners.lane?.(String(i)) ?? runners);
      } catch (error) {
        failed = true;
        throw error;
      }
      finished.add(i);
      while (finished.has(told)) done(results[told++]);
    }
  };
  await Promise.all(Array.from({ length: runners.lane === undefined ? 1 : (runners.lanes ?? 1) }, lane));
  return results;
}
