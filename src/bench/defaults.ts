import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainingWorkload } from './report.js';

/** The repository this file was compiled in (dist/bench/ → ../..). */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The benchmark specs, kept with the code that times them. */
export const BENCH_SPECS = path.join(repoRoot, 'bench', 'specs');

export const SPEC_FILES: Record<TrainingWorkload, string> = {
  mlp: 'mlp-fashion.json',
  cnn: 'cnn-fashion.json',
};

/** The project's PyTorch twin of `remedy train`, shipped in the package. */
export const TORCH_REF = path.join(repoRoot, 'tools', 'torch_ref.py');
