import { InputError } from '../errors.js';
import { EXPERIMENTS } from '../experiments/index.js';
import { runExperiment, runPublished, seedList, type ExperimentResult, type PublishedResult } from '../experiments/run.js';
import { describeData, fmt, type ExperimentData, type RunResult } from '../experiments/experiment.js';
import { PUBLISHED } from '../experiments/published.js';
import { writeFileAtomic } from '../io/atomic.js';
import { experimentReportHtml } from '../report/experiment-report.js';
import { checkWritable } from './paths.js';
import { FAULT_SUITE, readFaults, runFaultCase } from '../experiments/doctor-faults.js';
import { duel, type Duel } from '../experiments/doctor-vs-search.js';

export interface ExperimentFlags {
  json?: string;
  report?: string;
  quiet?: boolean;
  /** Default: the package's fault suite. */
  faults?: string;
  budget: number;
  /** Default: 5 for the claims and the published comparisons, 3 for doctor-vs-search. */
  seeds?: number;
  data?: ExperimentData['source'];
  full?: boolean;
}

/** The doctor's own checks, run as experiments: not claims of the note. */
const DOCTOR_EXPERIMENTS = ['faults', 'doctor-vs-search'];

/** The published tables, all at once. */
const ALL_PUBLISHED = 'published';

/**
 * `remedy experiment NAME|all`: reproduce the training tips' claims over several seeds and say
 * whether each holds here; with `--full` (or by name) also the published comparisons.
 */
export async function experimentCommand(name: string, flags: ExperimentFlags): Promise<number> {
  const known = [...Object.keys(EXPERIMENTS), ...Object.keys(PUBLISHED), ALL_PUBLISHED, ...DOCTOR_EXPERIMENTS];
  if (name !== 'all' && !known.includes(name)) {
    throw new InputError(`unknown experiment; choose one of ${known.join(', ')}, or all`, 'experiment', name);
  }
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  if (flags.report !== undefined) {
    if (DOCTOR_EXPERIMENTS.includes(name)) throw new InputError('is for the claims and the published comparisons, not the doctor\'s checks', '--report', flags.report);
    checkWritable(flags.report, '--report');
  }
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  if (name === 'faults') return faultsCommand(flags, log);
  if (name === 'doctor-vs-search') return duelCommand({ ...flags, seeds: flags.seeds ?? 3 }, log);
  const seeds = seedList(flags.seeds ?? 5);
  const data: ExperimentData = { source: flags.data ?? 'mnist-sample', full: flags.full === true };
  const claims = name === 'all' ? Object.keys(EXPERIMENTS) : name in EXPERIMENTS ? [name] : [];
  const tables = (name === 'all' && data.full) || name === ALL_PUBLISHED ? Object.keys(PUBLISHED) : name in PUBLISHED ? [name] : [];
  const start = performance.now();
  const onRun = (r: RunResult) =>
    log(`  ${r.label.padEnd(34)} seed ${String(r.seed).padEnd(3)} train ${fmt(r.trainAcc)}  val ${fmt(r.valAcc)}  test ${fmt(r.testAcc)}  loss ${fmt(r.trainLoss)}  ${r.epochsRun} epochs  ${r.seconds.toFixed(1)}s`);
  const results: ExperimentResult[] = [];
  for (const n of claims) {
    const experiment = EXPERIMENTS[n](data);
    log(`${n}: ${experiment.claim} (${describeData(experiment.runs[0].spec.data)}; seeds ${seeds.join(', ')})`);
    const result = await runExperiment(experiment, seeds, onRun);
    log(`  → ${result.verdict}: ${result.because}`);
    results.push(result);
  }
  const published: PublishedResult[] = [];
  for (const n of tables) {
    const table = PUBLISHED[n]();
    log(`${n}: ${table.source}`);
    const result = await runPublished(table, seeds, onRun);
    for (const row of result.rows) log(`  ${row.label.padEnd(34)} ours ${fmt(row.ours.mean)} ${bracketOf(row.ours)}  theirs ${row.stated}`);
    published.push(result);
  }
  const seconds = (performance.now() - start) / 1000;
  if (results.length > 0) {
    const tally = (v: string) => results.filter((r) => r.verdict === v).length;
    log(`of ${results.length} claims over ${seeds.length} seeds: ${tally('holds')} hold, ${tally('does not hold')} do not, ${tally('not shown')} not shown (${seconds.toFixed(0)}s)`);
  }
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ seeds, data, experiments: results, published, seconds }, null, 2) + '\n');
  if (flags.report !== undefined) writeFileAtomic(flags.report, experimentReportHtml(results, published));
  return 0;
}

const bracketOf = (s: { low: number | null; high: number | null }) => (s.low === null || s.high === null ? '' : `[${fmt(s.low)}, ${fmt(s.high)}]`);

/** The doctor on every fault case: does it reach each case's target within the budget? */
async function faultsCommand(flags: ExperimentFlags, log: (line: string) => void): Promise<number> {
  const folder = flags.faults ?? FAULT_SUITE;
  const outcomes = [];
  for (const c of readFaults(folder)) {
    const { result, ...o } = await runFaultCase(folder, c, flags.budget);
    log(`${o.passed ? 'pass' : 'FAIL'}  ${o.name.padEnd(22)} ${o.verdict.padEnd(10)} found [${o.found.join(', ')}] expected [${o.expected.join(', ')}]  ${o.because}  (${o.change}; ${o.epochsSpent.toFixed(1)} epochs, ${o.seconds.toFixed(0)}s)`);
    outcomes.push({ ...o, trials: result.trials.length });
  }
  const passed = outcomes.filter((o) => o.passed).length;
  log(`${passed} of ${outcomes.length} fault cases reach their target within --budget ${flags.budget}`);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ budget: flags.budget, outcomes, passed }, null, 2) + '\n');
  return 0;
}

/** The doctor against random search at equal epoch budget, several seeds per fault case. */
async function duelCommand(flags: ExperimentFlags & { seeds: number }, log: (line: string) => void): Promise<number> {
  const folder = flags.faults ?? FAULT_SUITE;
  const duels: Duel[] = [];
  for (const c of readFaults(folder)) {
    for (let seed = 0; seed < flags.seeds; seed++) {
      const d = await duel(folder, c, flags.budget, seed);
      log(`${d.name.padEnd(22)} seed ${d.seed}  doctor val ${fmt(d.doctorValAcc)} test ${fmt(d.doctorTestAcc)}  random search val ${fmt(d.searchValAcc)} test ${fmt(d.searchTestAcc)}`);
      duels.push(d);
    }
  }
  const mean = (f: (d: Duel) => number | null) => duels.reduce((s, d) => s + (f(d) ?? 0), 0) / duels.length;
  const wins = duels.filter((d) => (d.doctorValAcc ?? 0) > (d.searchValAcc ?? 0)).length;
  log(`mean validation accuracy: doctor ${fmt(mean((d) => d.doctorValAcc))}, random search ${fmt(mean((d) => d.searchValAcc))}; the doctor wins ${wins} of ${duels.length}`);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ budget: flags.budget, seeds: flags.seeds, duels, wins }, null, 2) + '\n');
  return 0;
}
