import type { MatmulResult } from './matmul-sweep.js';
import type { OpenBlasReference } from './openblas.js';
import type { MatmulReport, WorkloadRatios, WorkloadReport } from './report.js';
import { isSkipped } from './skipped.js';
import { TFJS_BACKENDS } from './tfjs.js';

/** remedy / PyTorch and TF.js / remedy epoch times, and the accuracy gap, for what ran. */
export function workloadRatios(w: Omit<WorkloadReport, 'ratios'>): WorkloadRatios {
  const ratios: WorkloadRatios = {};
  if (w.torch !== undefined && !isSkipped(w.torch)) {
    ratios.remedyOverTorch = w.remedy.seconds / w.torch.seconds;
    if (w.remedy.testAcc !== null && w.torch.testAcc !== null) ratios.accuracyPointsVsTorch = 100 * (w.remedy.testAcc - w.torch.testAcc);
  }
  if (w.tfjs !== undefined && !isSkipped(w.tfjs)) {
    for (const backend of TFJS_BACKENDS) {
      const t = w.tfjs[backend];
      if (t !== undefined && !isSkipped(t)) (ratios.tfjsOverRemedy ??= {})[backend] = t.epochSeconds / w.remedy.seconds;
    }
  }
  return ratios;
}

/** remedy's square products against torch.mm's (OpenBLAS) at each size and thread count measured for both. */
export function shareOfOpenBlas(results: readonly MatmulResult[], reference: OpenBlasReference): MatmulReport['shareOfOpenBlas'] {
  return reference.rates.flatMap((r) => {
    const ours = results.find((m) => m.m === r.size && m.n === r.size && m.k === r.size && !m.transA && !m.transB);
    return ours === undefined ? [] : [{ size: r.size, threads: r.threads, share: ours.gflops / r.gflops }];
  });
}

export interface MatmulTarget {
  size: number;
  threads: number;
  share: number;
}

/**
 * The targets: through the machine's BLAS, 80% of OpenBLAS's 2-thread rate at 512 and 1024 (the
 * same library, called from Node instead of Python); on the wasm kernels, whose SIMD is 128 bits
 * wide, a quarter at 512.
 */
export function matmulTargets(backendLabel: string): MatmulTarget[] {
  if (backendLabel.startsWith('blas')) return [512, 1024].map((size) => ({ size, threads: 2, share: 0.8 }));
  return [{ size: 512, threads: 2, share: 0.25 }];
}
