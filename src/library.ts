/**
 * The doctor and the experiments as library calls: each returns the very document its command
 * writes with `--json` (`remedy doctor SPEC --json`, `remedy experiment NAME --json`), built by
 * the same functions, and hands the lines the command prints to `onProgress`.
 */
import { runDoctor } from './doctor/doctor.js';
import { DEFAULT_BUDGET, doctorJson, type DoctorJson } from './doctor/doctor-json.js';
import { WorkerRunner } from './doctor/runner.js';
import { experimentJson, type ClaimsJson, type DuelJson, type ExperimentOptions, type FaultBenchJson, type FaultsJson } from './experiments/experiment-json.js';
import { loadSpec, parseSpec } from './spec/load.js';
import type { SpecInput } from './spec/schema.js';
import { originOf } from './train/run.js';

export interface DoctorCallOptions {
  /** Epochs to spend over all trials (default 60, as `--budget`). */
  budget?: number;
  /** Validation accuracy that counts as repaired (`--target`). */
  target?: number;
  /** Receives the lines `remedy doctor` prints. */
  onProgress?: (line: string) => void;
}

/**
 * `remedy doctor` as a call. `spec` is a spec file's path (its relative data paths resolve from
 * its folder) or a spec object (they resolve from the current folder); an invalid one is an
 * InputError, as the command's exit 2.
 */
export async function doctor(spec: string | SpecInput, options: DoctorCallOptions = {}): Promise<DoctorJson> {
  const file = typeof spec === 'string' ? spec : 'spec';
  const parsed = typeof spec === 'string' ? loadSpec(spec) : parseSpec(spec, file);
  const origin = originOf(file);
  const runner = new WorkerRunner(origin, 2);
  try {
    return doctorJson(await runDoctor(parsed, origin, runner, { budget: options.budget ?? DEFAULT_BUDGET, target: options.target, onProgress: options.onProgress }));
  } finally {
    // runDoctor closes it when it ends; this also stops the threads when it fails early
    await runner.close();
  }
}

/** `remedy experiment NAME` as a call: a claim of the training tips, `all`, `faults` or `doctor-vs-search`. */
export function experiment(name: 'faults', options?: ExperimentOptions): Promise<FaultsJson>;
export function experiment(name: 'doctor-vs-search', options?: ExperimentOptions): Promise<DuelJson>;
export function experiment(name: 'fault-bench', options?: ExperimentOptions): Promise<FaultBenchJson>;
export function experiment(name: string, options?: ExperimentOptions): Promise<ClaimsJson>;
export function experiment(name: string, options: ExperimentOptions = {}): Promise<ClaimsJson | FaultsJson | DuelJson | FaultBenchJson> {
  return experimentJson(name, options);
}
