import path from 'node:path';
import { loadDataOnce, type DataSplits } from '../data/index.js';
import { readSafetensors } from '../io/safetensors.js';
import { loadSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';
import { Trainer } from './trainer.js';

/** Where a spec came from: relative data paths resolve from its folder; errors name the file. */
export interface SpecOrigin {
  file: string;
  dir: string;
}

export const originOf = (file: string): SpecOrigin => ({ file, dir: path.dirname(path.resolve(file)) });

/** The spec's data as a run trains on it, loaded once for the runs of a thread (data/load-once.ts). */
export function specData(spec: Spec, origin: SpecOrigin): Promise<DataSplits> {
  return loadDataOnce(spec.data, { seed: spec.seed, specDir: origin.dir, specFile: origin.file });
}

/**
 * The path every run takes (the CLI, the doctor, the experiments): load the spec's data, build
 * the trainer, and load initial weights when given. Fails with an InputError before any training.
 */
export async function createTrainer(spec: Spec, origin: SpecOrigin, initWeights?: string): Promise<Trainer> {
  const data = await specData(spec, origin);
  const trainer = new Trainer(spec, data, origin.file);
  if (initWeights !== undefined) trainer.model.loadStateDict(readSafetensors(initWeights), initWeights);
  return trainer;
}

/** Reads, validates and prepares a spec file. */
export async function trainerFromFile(file: string, initWeights?: string): Promise<Trainer> {
  return createTrainer(loadSpec(file), originOf(file), initWeights);
}
