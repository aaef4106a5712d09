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

/** The release target: the 512 product at least a quarter of OpenBLAS's rate on 2 threads. */
export const MATMUL_TARGET = { size: 512, threads: 2, share: 0.25 };
