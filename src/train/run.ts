import path from 'node:path';
import { loadDataOnce } from '../data/index.js';
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

/**
 * The path every run takes (the CLI, the doctor, the experiments): load the spec's data, build
 * the trainer, and load initial weights when given. Fails with an InputError before any training.
 */
export async function createTrainer(spec: Spec, origin: SpecOrigin, initWeights?: string): Promise<Trainer> {
  const data = await loadDataOnce(spec.data, { seed: spec.seed, specDir: origin.dir, specFile: origin.file });
  const trainer = new Trainer(spec, data, origin.file);
  if (initWeights !== undefined) trainer.model.loadStateDict(readSafetensors(initWeights), initWeights);
  return trainer;
}

/** Reads, validates and prepares a spec file. */
export async function trainerFromFile(file: string, initWeights?: string): Promise<Trainer> {
  return createTrainer(loadSpec(file), originOf(file), initWeights);
}
