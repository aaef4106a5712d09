import { InputError } from '../errors.js';
import { EXPERIMENTS } from '../experiments/index.js';
import { runExperiment, type ExperimentResult } from '../experiments/run.js';
import { fmt } from '../experiments/experiment.js';
import { writeFileAtomic } from '../io/atomic.js';
import { LiveExperiments } from '../live/experiment.js';
import { experimentReport } from '../report/experiment-report.js';
import { reportPage } from '../report/page.js';
import { startLive, type LiveFlags } from './live.js';
import { checkWritable } from './paths.js';
import { FAULT_SUITE, readFaults, runFaultCase } from '../experiments/doctor-faults.js';
import { duel, type Duel } from '../experiments/doctor-vs-search.js';

export interface ExperimentFlags extends LiveFlags {
  json?: string;
  report?: string;
  quiet?: boolean;
  /** Default: the package's fault suite. */
  faults?: string;
  budget: number;
  seeds: number;
}

/** The doctor's own checks, run as experiments: not claims of the note. */
const DOCTOR_EXPERIMENTS = ['faults', 'doctor-vs-search'];

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
  if (flags.live !== undefined && DOCTOR_EXPERIMENTS.includes(name)) throw new InputError("is for the note's claims, not the doctor's checks", '--live');
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  if (name === 'faults') return faultsCommand(flags, log);
  if (name === 'doctor-vs-search') return duelCommand(flags, log);
  const names = name === 'all' ? Object.keys(EXPERIMENTS) : [name];
  const live = await startLive(flags, names.length === 1 ? `Experiment: ${name}` : "Experiments: the training tips' claims", `remedy experiment ${name}`);
  try {
    const view = live === null ? null : new LiveExperiments(live, names.length);
    const start = performance.now();
    const results: ExperimentResult[] = [];
    for (const n of names) {
      const experiment = EXPERIMENTS[n]();
      log(`${n}: ${experiment.claim}`);
      view?.begin(experiment);
      const result = await runExperiment(experiment, (label, r) => {
        log(`  ${label.padEnd(16)} train ${fmt(r.trainAcc)}  val ${fmt(r.valAcc)}  test ${fmt(r.testAcc)}  loss ${fmt(r.trainLoss)}  ${r.epochsRun} epochs  ${r.seconds.toFixed(1)}s`);
        view?.run(r);
      });
      log(`  → ${result.holds ? 'holds' : 'does not hold'}: ${result.because}`);
      view?.end(result);
      results.push(result);
    }
    const seconds = (performance.now() - start) / 1000;
    log(`${results.filter((r) => r.holds).length} of ${results.length} claims hold here (${seconds.toFixed(0)}s)`);
    if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ experiments: results, seconds }, null, 2) + '\n');
    if (flags.report !== undefined || live !== null) {
      const report = experimentReport(results);
      if (flags.report !== undefined) writeFileAtomic(flags.report, reportPage(report));
      live?.finish(report);
    }
  } finally {
    await live?.close();
  }
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
