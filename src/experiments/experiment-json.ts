/**
 * `remedy experiment NAME`: the runs, the progress lines and the `--json` document, for the CLI
 * and for the library's experiment(). NAME is one of the training tips' claims (EXPERIMENTS) or `all`,
 * or one of the doctor's own checks: `faults` (the doctor on every case of a fault suite) and
 * `doctor-vs-search` (the doctor against random search at equal budget).
 */
import { DEFAULT_BUDGET } from '../doctor/doctor-json.js';
import { InputError } from '../errors.js';
import { FAULT_SUITE, readFaults, runFaultCase, type FaultOutcome } from './doctor-faults.js';
import { duel, type Duel } from './doctor-vs-search.js';
import { fmt } from './experiment.js';
import { EXPERIMENTS } from './index.js';
import { runExperiment, type ExperimentResult } from './run.js';

/** The doctor's own checks, run as experiments: not claims of the training tips. */
export const DOCTOR_EXPERIMENTS = ['faults', 'doctor-vs-search'];

export const DEFAULT_SEEDS = 3;

export interface ExperimentOptions {
  /** faults, doctor-vs-search: a folder of fault specs with their expectations.json (default: the package's). */
  faults?: string;
  /** faults, doctor-vs-search: the doctor's epochs per case (default 60). */
  budget?: number;
  /** doctor-vs-search: seeds per case (default 3). */
  seeds?: number;
  /** Receives the lines `remedy experiment` prints. */
  onProgress?: (line: string) => void;
}

export interface ClaimsJson {
  experiments: ExperimentResult[];
  seconds: number;
}

export interface FaultsJson {
  budget: number;
  outcomes: (FaultOutcome & { trials: number })[];
  passed: number;
}

export interface DuelJson {
  budget: number;
  seeds: number;
  duels: Duel[];
  wins: number;
}

/** Refuses a name that is no experiment. */
export function checkExperimentName(name: string): void {
  if (name !== 'all' && !(name in EXPERIMENTS) && !DOCTOR_EXPERIMENTS.includes(name)) {
    throw new InputError(`unknown experiment; choose one of ${[...Object.keys(EXPERIMENTS), ...DOCTOR_EXPERIMENTS].join(', ')}, or all`, 'experiment', name);
  }
}

/** Runs experiment `name` (or all the claims) and returns its `--json` document. */
export function experimentJson(name: 'faults', options?: ExperimentOptions): Promise<FaultsJson>;
export function experimentJson(name: 'doctor-vs-search', options?: ExperimentOptions): Promise<DuelJson>;
export function experimentJson(name: string, options?: ExperimentOptions): Promise<ClaimsJson>;
export async function experimentJson(name: string, options: ExperimentOptions = {}): Promise<ClaimsJson | FaultsJson | DuelJson> {
  checkExperimentName(name);
  const log = options.onProgress ?? (() => {});
  const folder = options.faults ?? FAULT_SUITE;
  const budget = options.budget ?? DEFAULT_BUDGET;
  if (name === 'faults') return faults(folder, budget, log);
  if (name === 'doctor-vs-search') return duels(folder, budget, options.seeds ?? DEFAULT_SEEDS, log);
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
  return { experiments: results, seconds };
}

/** The doctor on every fault case: does it reach each case's target within the budget? */
async function faults(folder: string, budget: number, log: (line: string) => void): Promise<FaultsJson> {
  const outcomes = [];
  for (const c of readFaults(folder)) {
    const { result, ...o } = await runFaultCase(folder, c, budget);
    log(`${o.passed ? 'pass' : 'FAIL'}  ${o.name.padEnd(22)} ${o.verdict.padEnd(10)} found [${o.found.join(', ')}] expected [${o.expected.join(', ')}]  ${o.because}  (${o.change}; ${o.epochsSpent.toFixed(1)} epochs, ${o.seconds.toFixed(0)}s)`);
    outcomes.push({ ...o, trials: result.trials.length });
  }
  const passed = outcomes.filter((o) => o.passed).length;
  log(`${passed} of ${outcomes.length} fault cases reach their target within --budget ${budget}`);
  return { budget, outcomes, passed };
}

/** The doctor against random search at equal epoch budget, several seeds per fault case. */
async function duels(folder: string, budget: number, seeds: number, log: (line: string) => void): Promise<DuelJson> {
  const all: Duel[] = [];
  for (const c of readFaults(folder)) {
    for (let seed = 0; seed < seeds; seed++) {
      const d = await duel(folder, c, budget, seed);
      log(`${d.name.padEnd(22)} seed ${d.seed}  doctor val ${fmt(d.doctorValAcc)} test ${fmt(d.doctorTestAcc)}  random search val ${fmt(d.searchValAcc)} test ${fmt(d.searchTestAcc)}`);
      all.push(d);
    }
  }
  const mean = (f: (d: Duel) => number | null) => all.reduce((s, d) => s + (f(d) ?? 0), 0) / all.length;
  const wins = all.filter((d) => (d.doctorValAcc ?? 0) > (d.searchValAcc ?? 0)).length;
  log(`mean validation accuracy: doctor ${fmt(mean((d) => d.doctorValAcc))}, random search ${fmt(mean((d) => d.searchValAcc))}; the doctor wins ${wins} of ${all.length}`);
  return { budget, seeds, duels: all, wins };
}
