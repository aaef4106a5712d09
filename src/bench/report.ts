import type { BackendDescription } from '../backend/describe.js';
import type { Machine } from './machine.js';
import type { MatmulResult } from './matmul-sweep.js';
import type { OpenBlasReference } from './openblas.js';
import type { Skipped } from './skipped.js';
import type { TfjsBackend, TfjsTiming } from './tfjs.js';
import type { TorchEpochs } from './torch-ref.js';
import type { RemedyEpochs } from './workload.js';

export const TRAINING_WORKLOADS = ['mlp', 'cnn'] as const;
export type TrainingWorkload = (typeof TRAINING_WORKLOADS)[number];

/** One training workload: remedy's epoch, and with --compare the other frameworks' on the same spec. */
export interface WorkloadReport {
  workload: TrainingWorkload;
  spec: string;
  remedy: RemedyEpochs & { backend: string };
  /** PyTorch at its faster thread count; `torchThreads` has every count tried. */
  torch?: TorchEpochs | Skipped;
  torchThreads?: (TorchEpochs | Skipped)[];
  tfjs?: Partial<Record<TfjsBackend, TfjsTiming | Skipped>> | Skipped;
  ratios: WorkloadRatios;
}

/** Times are epoch seconds, so a ratio above 1 means the numerator is slower. */
export interface WorkloadRatios {
  remedyOverTorch?: number;
  /** remedy's test accuracy minus PyTorch's, in percentage points (the target: within 1). */
  accuracyPointsVsTorch?: number;
  tfjsOverRemedy?: Partial<Record<TfjsBackend, number>>;
}

export interface MatmulReport {
  backend: string;
  results: MatmulResult[];
  openblas?: OpenBlasReference | Skipped;
  /** remedy's rate as a share of OpenBLAS's at the same size, per OpenBLAS thread count. */
  shareOfOpenBlas?: { size: number; threads: number; share: number }[];
}

/** Everything `remedy bench --json` writes. */
export interface BenchReport {
  command: string;
  /** The options as given, defaults left out. */
  flags: Record<string, unknown>;
  date: string;
  machine: Machine;
  /** remedy's backend, why it was chosen, and the BLAS behind it. */
  backend: BackendDescription;
  /** Load averages when the run ended; `machine.loadAverage` has them at its start. */
  loadAverageAfter: number[];
  torch?: { version: string } | Skipped;
  workloads: WorkloadReport[];
  matmul?: MatmulReport;
}
