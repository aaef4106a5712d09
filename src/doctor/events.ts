import type { Diagnosis, Phase } from './diagnosis.js';
import type { Preflight } from './preflight.js';
import type { Contestant } from './race.js';
import type { TrialRunner, TrialState } from './runner.js';

/**
 * What the doctor is doing, as it happens (DoctorOptions.onEvent), for a live view. Rounds are
 * numbered as in the result: 0 is the spec as written, then each race. A trial "finishes" each
 * time its training call returns (the end of a rung); a race may extend it again later.
 */
export type DoctorEvent =
  | { type: 'preflight'; preflight: Preflight }
  /** The diagnosis of the run kept after `round` (0: the spec as written). */
  | { type: 'diagnosis'; round: number; diagnoses: Diagnosis[] }
  | { type: 'round'; round: number; phase: Phase; symptoms: string[]; contestants: { trial: number; change: string }[] }
  | { type: 'round-end'; round: number; winner: string; improved: boolean }
  | { type: 'trial-start'; trial: number; change: string; epochs: number }
  | { type: 'trial-extend'; trial: number; change: string; from: number; epochs: number }
  | { type: 'trial-finish'; trial: number; change: string; state: TrialState };

export type DoctorEventSink = (event: DoctorEvent) => void;

/** Trains a contestant to `epochs` through the runner, telling `emit` when it starts or extends and when it stops. */
export async function trainContestant(runner: TrialRunner, c: Contestant, epochs: number, emit: DoctorEventSink = () => {}): Promise<TrialState> {
  const from = c.state?.history.length ?? 0;
  emit(c.state === null ? { type: 'trial-start', trial: c.trial, change: c.change, epochs } : { type: 'trial-extend', trial: c.trial, change: c.change, from, epochs });
  const state = await runner.train(c.trial, c.spec, epochs);
  emit({ type: 'trial-finish', trial: c.trial, change: c.change, state });
  return state;
}
