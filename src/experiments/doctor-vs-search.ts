import path from 'node:path';
import { randomSearch } from '../doctor/random-search.js';
import { WorkerRunner } from '../doctor/runner.js';
import { loadSpec } from '../spec/load.js';
import { originOf } from '../train/run.js';
import { runFaultCase, type FaultCase } from './doctor-faults.js';
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
}

/**
 * The doctor against random search over the same edits at the same epoch budget, on one fault
 * case and one seed (the spec's seed plus `seedOffset`, for both). Random search trains each of
 * its configurations for the spec's epochs, at most 8 (the length of the doctor's longer trials).
 */
export async function duel(folder: string, c: FaultCase, budget: number, seedOffset: number): Promise<Duel> {
  const doctor = await runFaultCase(folder, c, budget, seedOffset);
  const file = path.join(folder, c.spec);
  const written = loadSpec(file);
  const spec = { ...written, seed: written.seed + seedOffset };
  const origin = originOf(file);
  const search = await randomSearch(spec, origin, new WorkerRunner(origin, 2), { budget, seed: 1000 + seedOffset, trialEpochs: Math.min(spec.epochs, 8) });
  return {
    name: c.name,
    seed: spec.seed,
    doctorValAcc: doctor.bestValAcc,
    searchValAcc: search.best.valAcc,
    doctorTestAcc: doctor.bestTestAcc,
    searchTestAcc: search.best.testAcc,
    doctorEpochs: doctor.epochsSpent,
    searchEpochs: search.epochsSpent,
  };
}

/**
 * The same duel on a case of the generated benchmark: the doctor with the case's measured target,
 * random search over the same edits with the same budget. Null when the fault did not break the
 * run (the doctor is not run on those).
 */
export async function benchDuel(c: BenchCase, budget: number): Promise<Duel | null> {
  const doctor = await runBenchCase(c, budget);
  if (!doctor.broken) return null;
  const search = await randomSearch(c.spec, BENCH_ORIGIN, new WorkerRunner(BENCH_ORIGIN, 2), { budget, seed: 1000, trialEpochs: Math.min(c.spec.epochs, 8) });
  return {
    name: c.name,
    seed: c.spec.seed,
    doctorValAcc: doctor.bestValAcc,
    searchValAcc: search.best.valAcc,
    doctorTestAcc: doctor.bestTestAcc,
    searchTestAcc: search.best.testAcc,
    doctorEpochs: doctor.epochsSpent,
    searchEpochs: search.epochsSpent,
  };
}
