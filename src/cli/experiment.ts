import { InputError } from '../errors.js';
import { EXPERIMENTS } from '../experiments/index.js';
import { runExperiment, type ExperimentResult } from '../experiments/run.js';
import { fmt } from '../experiments/experiment.js';
import { writeFileAtomic } from '../io/atomic.js';
import { experimentReportHtml } from '../report/experiment-report.js';
import { checkWritable } from './paths.js';
import { FAULT_SUITE, readFaults, runFaultCase } from '../experiments/doctor-faults.js';
import { benchDuel, duel, type Duel } from '../experiments/doctor-vs-search.js';
import { benchCases } from '../experiments/fault-catalogue.js';
import { runBenchCase, summarize, type BenchOutcome } from '../experiments/fault-bench.js';

export interface ExperimentFlags {
  json?: string;
  report?: string;
  quiet?: boolean;
  /** Default: the package's fault suite. */
  faults?: string;
  budget: number;
  seeds: number;
  /** fault-bench: cases of the half, the benchmark's seed, and which half. */
  cases: number;
  seed: number;
  split: 'dev' | 'eval';
  /** doctor-vs-search: on the generated benchmark's half instead of a fault folder. */
  generated?: boolean;
}

/** The doctor's own checks, run as experiments: not claims of the note. */
const DOCTOR_EXPERIMENTS = ['faults', 'doctor-vs-search', 'fault-bench'];

/** `remedy experiment NAME|all`: reproduce the note's claims and say whether each holds here. */
export async function experimentCommand(name: string, flags: ExperimentFlags): Promise<number> {
  if (name !== 'all' && !(name in EXPERIMENTS) && !DOCTOR_EXPERIMENTS.includes(name)) {
    throw new InputError(`unknown experiment; choose one of ${[...Object.keys(EXPERIMENTS), ...DOCTOR_EXPERIMENTS].join(', ')}, or all`, 'experiment', name);
  }
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  if (flags.report !== undefined) {
    if (DOCTOR_EXPERIMENTS.includes(name)) throw new InputError("is for the note's claims, not the doctor's checks", '--report', flags.report);
    checkWritable(flags.report, '--report');
  }
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  if (name === 'faults') return faultsCommand(flags, log);
  if (name === 'doctor-vs-search') return duelCommand(flags, log);
  if (name === 'fault-bench') return faultBenchCommand(flags, log);
  const names = name === 'all' ? Object.keys(EXPERIMENTS) : [name];
  const start = performance.now();
  const results: ExperimentResult[] = [];
  for (const n of names) {
    const experiment = EXPERIMENTS[n]();
    log(`${n}: ${experiment.claim}`);
    const result = await runExperiment(experiment, (label, r) =>
      log(`  ${label.padEnd(16)} train ${fmt(r.trainAcc)}  val ${fmt(r.valAcc)}  test ${fmt(r.testAcc)}  loss ${fmt(r.trainLoss)}  ${r.epochsRun} epochs  ${r.seconds.toFixed(1)}s`),
    );
    log(`  → ${result.holds ? 'holds' : 'does not hold'}: ${result.because}`);
    results.push(result);
  }
  const seconds = (performance.now() - start) / 1000;
  log(`${results.filter((r) => r.holds).length} of ${results.length} claims hold here (${seconds.toFixed(0)}s)`);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ experiments: results, seconds }, null, 2) + '\n');
  if (flags.report !== undefined) writeFileAtomic(flags.report, experimentReportHtml(results));
  return 0;
}

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
async function duelCommand(flags: ExperimentFlags, log: (line: string) => void): Promise<number> {
  const folder = flags.faults ?? FAULT_SUITE;
  const duels: Duel[] = [];
  const show = (d: Duel) =>
    log(`${d.name.padEnd(34)} seed ${d.seed}  doctor val ${fmt(d.doctorValAcc)} test ${fmt(d.doctorTestAcc)}  random search val ${fmt(d.searchValAcc)} test ${fmt(d.searchTestAcc)}`);
  if (flags.generated) {
    // each generated case has its own seed: one duel a case the fault broke
    for (const c of benchCases(flags.seed, flags.split, flags.cases)) {
      const d = await benchDuel(c, flags.budget);
      if (d === null) continue;
      show(d);
      duels.push(d);
    }
  } else {
    for (const c of readFaults(folder)) {
      for (let seed = 0; seed < flags.seeds; seed++) {
        const d = await duel(folder, c, flags.budget, seed);
        show(d);
        duels.push(d);
      }
    }
  }
  const mean = (f: (d: Duel) => number | null) => duels.reduce((s, d) => s + (f(d) ?? 0), 0) / duels.length;
  const wins = duels.filter((d) => (d.doctorValAcc ?? 0) > (d.searchValAcc ?? 0)).length;
  log(`mean validation accuracy: doctor ${fmt(mean((d) => d.doctorValAcc))}, random search ${fmt(mean((d) => d.searchValAcc))}; the doctor wins ${wins} of ${duels.length}`);
  const meanTest = `mean test accuracy: doctor ${fmt(mean((d) => d.doctorTestAcc))}, random search ${fmt(mean((d) => d.searchTestAcc))}`;
  log(meanTest);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ budget: flags.budget, seeds: flags.seeds, duels, wins }, null, 2) + '\n');
  return 0;
}

/** The generated fault benchmark: repair rate per fault kind, false alarms on healthy controls. */
async function faultBenchCommand(flags: ExperimentFlags, log: (line: string) => void): Promise<number> {
  const start = performance.now();
  const outcomes: BenchOutcome[] = [];
  for (const c of benchCases(flags.seed, flags.split, flags.cases)) {
    const o = await runBenchCase(c, flags.budget);
    const mark = o.kind === 'control' ? (o.passed ? 'ok  ' : 'FALSE ALARM') : !o.broken ? 'n/b ' : o.passed ? 'pass' : 'FAIL';
    log(`${mark}  ${o.name.padEnd(34)} ${o.detail.padEnd(36)} ${(o.verdict ?? '-').padEnd(10)} [${o.found.join(', ')}]  ${o.because}  (${o.change}; ${o.epochsSpent.toFixed(1)} epochs, ${o.seconds.toFixed(0)}s)`);
    outcomes.push(o);
  }
  const summary = summarize(outcomes);
  log(`\n${'fault kind'.padEnd(20)} cases  broken  repaired`);
  for (const k of summary.kinds) log(`${k.kind.padEnd(20)} ${String(k.cases).padStart(5)}  ${String(k.broken).padStart(6)}  ${String(k.repaired).padStart(8)}`);
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(0)}%`);
  log(`repaired ${summary.repaired} of ${summary.broken} broken runs (${pct(summary.repaired, summary.broken)}); n/b: the fault did not break the run`);
  log(`false alarms on healthy controls: ${summary.falseAlarms} of ${summary.controls} (${pct(summary.falseAlarms, summary.controls)})`);
  const seconds = (performance.now() - start) / 1000;
  log(`${flags.split} half, seed ${flags.seed}, --budget ${flags.budget}: ${seconds.toFixed(0)}s`);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ seed: flags.seed, split: flags.split, budget: flags.budget, outcomes, summary, seconds }, null, 2) + '\n');
  return 0;
}
