import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainingWorkload } from './report.js';

/** The repository this file was compiled in (dist/bench/ → ../..). */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The benchmark specs, copies of ../shared/bench/specs kept with the code that times them. */
export const BENCH_SPECS = path.join(repoRoot, 'bench', 'specs');

export const SPEC_FILES: Record<TrainingWorkload, string> = {
  mlp: 'mlp-fashion.json',
  cnn: 'cnn-fashion.json',
};

/** The project's PyTorch twin of `remedy train`, in the shared folder beside the repository. */
export const TORCH_REF = path.resolve(repoRoot, '..', 'shared', 'bench', 'torch_ref.py');
