import { randomSearch } from '../doctor/random-search.js';
import { localRunners, type Runners } from '../doctor/runner.js';
import type { Spec } from '../spec/schema.js';
import type { SpecOrigin } from '../train/run.js';
import { doctorOnCase, type FaultCase } from './doctor-faults.js';
import { BENCH_ORIGIN, runBenchCase } from './fault-bench.js';
import type { BenchCase } from './fault-catalogue.js';

export interface Duel {
  name: string;
  seed: number;
  doctorValAcc: number | null;
  searchValAcc: number | null;
  doctorTestAcc: number | null;
  searchTestAcc: number | null;
  doctorEpochs: number;
  searchEpochs: number;
  /** The broken spec trained as written (generated cases): what neither side may fall below. */
  untouchedValAcc?: number | null;
}

/** The doctor's outcome as a duel needs it. */
type DoctorSide = { bestValAcc: number | null; bestTestAcc: number | null; epochsSpent: number; untouchedValAcc?: number | null };

/**
 * Random search over the doctor's edits with the same budget on the same spec, each
 * configuration trained for the spec's epochs, at most 8 (the length of the doctor's longer
 * trials); the duel's two sides side by side.
 */
async function against(name: string, spec: Spec, origin: SpecOrigin, doctor: DoctorSide, budget: number, seed: number, runners: Runners): Promise<Duel> {
  const search = await randomSearch(spec, origin, runners(origin), { budget, seed, trialEpochs: Math.min(spec.epochs, 8) });
  return {
    name,
    seed: spec.seed,
    doctorValAcc: doctor.bestValAcc,
    searchValAcc: search.best.valAcc,
    doctorTestAcc: doctor.bestTestAcc,
    searchTestAcc: search.best.testAcc,
    doctorEpochs: doctor.epochsSpent,
    searchEpochs: search.epochsSpent,
    untouchedValAcc: doctor.untouchedValAcc,
  };
}

/**
 * The doctor against random search over the same edits at the same epoch budget, on one fault
 * case and one seed (the spec's seed plus `seedOffset`, for both).
 */
export async function duel(folder: string, c: FaultCase, budget: number, seedOffset: number, runners: Runners = localRunners): Promise<Duel> {
  // the doctor alone, not runFaultCase: its pass or fail (for some cases the spec trained again as
  // written) is not part of a duel
  const { spec, origin, result } = await doctorOnCase(folder, c, budget, seedOffset, runners);
  const doctor = { bestValAcc: result.best.valAcc, bestTestAcc: result.best.testAcc, epochsSpent: result.epochsSpent };
  return against(c.name, spec, origin, doctor, budget, 1000 + seedOffset, runners);
}

/**
 * The same duel on a case of the generated benchmark with its seeds moved by `seedOffset` (the
 * healthy run's too, so the target is measured again), the doctor with the case's measured
 * target. Null when the fault did not break the run with these seeds (the doctor is not run on those).
 */
export async function benchDuel(c: BenchCase, budget: number, seedOffset: number, runners: Runners = localRunners): Promise<Duel | null> {
  const moved = { ...c, healthy: { ...c.healthy, seed: c.healthy.seed + seedOffset }, spec: { ...c.spec, seed: c.spec.seed + seedOffset } };
  const doctor = await runBenchCase(moved, budget, runners);
  return doctor.broken ? against(c.name, moved.spec, BENCH_ORIGIN, doctor, budget, 1000 + seedOffset, runners) : null;
}
