import { matmulTargets } from './ratios.js';
import type { MatmulReport, WorkloadReport } from './report.js';
import { isSkipped } from './skipped.js';
import { formatTable } from './table.js';
import { TFJS_BACKENDS } from './tfjs.js';

const seconds = (s: number) => s.toFixed(1);
const accuracy = (a: number | null) => (a === null ? '-' : a.toFixed(4));
const times = (r: number) => `${r < 10 ? r.toFixed(2) : r.toFixed(1)}x`;

/** One table of epoch times and accuracies over all workloads, and a line of ratios per workload. */
export function workloadSummary(workloads: readonly WorkloadReport[]): string {
  const rows: string[][] = [];
  for (const w of workloads) {
    const steps = String(w.remedy.steps);
    const runs = w.remedy.runs.length;
    rows.push([w.workload, 'remedy', w.remedy.backend, steps, seconds(w.remedy.seconds), accuracy(w.remedy.testAcc), runs > 1 ? `median of ${runs} epochs` : '']);
    if (w.torch !== undefined) {
      if (isSkipped(w.torch)) rows.push([w.workload, 'PyTorch', '-', '-', '-', '-', w.torch.skipped]);
      else {
        const t = w.torch;
        const others = (w.torchThreads ?? []).flatMap((o) => (o === t || isSkipped(o) ? [] : [`--threads ${o.threads}: ${seconds(o.seconds)} s`]));
        const note = [t.runs.length > 1 ? `median of ${t.runs.length} epochs` : '', others.length > 0 ? `the faster of its thread counts (${others.join(', ')})` : '']
          .filter((n) => n !== '')
          .join('; ');
        rows.push([w.workload, `PyTorch ${t.version}`, `torch_ref.py --threads ${t.threads}`, steps, seconds(t.seconds), accuracy(t.testAcc), note]);
      }
    }
    if (w.tfjs !== undefined) {
      if (isSkipped(w.tfjs)) rows.push([w.workload, 'TF.js', '-', '-', '-', '-', w.tfjs.skipped]);
      else {
        for (const backend of TFJS_BACKENDS) {
          const t = w.tfjs[backend];
          if (t === undefined) continue;
          if (isSkipped(t)) rows.push([w.workload, 'TF.js', backend, '-', '-', '-', t.skipped]);
          else {
            const note = `extrapolated from ${t.stepsTimed} steps (${t.secondsPerStep.toFixed(3)} s each)`;
            rows.push([w.workload, `TF.js ${t.version}`, t.label, String(t.stepsPerEpoch), seconds(t.epochSeconds), '-', note]);
          }
        }
      }
    }
  }
  const table = formatTable(
    [
      { header: 'workload' },
      { header: 'framework' },
      { header: 'backend' },
      { header: 'steps', align: 'right' },
      { header: 'epoch s', align: 'right' },
      { header: 'test acc', align: 'right' },
      { header: 'note' },
    ],
    rows,
  );
  const ratioLines = workloads.map((w) => ratioLine(w)).filter((line) => line !== null);
  return [table, ...ratioLines].join('\n');
}

function ratioLine(w: WorkloadReport): string | null {
  const parts: string[] = [];
  const r = w.ratios;
  if (r.remedyOverTorch !== undefined) parts.push(`remedy / PyTorch ${times(r.remedyOverTorch)}`);
  for (const backend of TFJS_BACKENDS) {
    const ratio = r.tfjsOverRemedy?.[backend];
    if (ratio !== undefined) parts.push(`TF.js ${backend} / remedy ${times(ratio)}`);
  }
  if (r.accuracyPointsVsTorch !== undefined) {
    const points = r.accuracyPointsVsTorch;
    parts.push(`test acc remedy - PyTorch ${points >= 0 ? '+' : ''}${points.toFixed(2)} points`);
  }
  return parts.length === 0 ? null : `${w.workload}: ${parts.join(', ')}`;
}

/** The sweep's rates, then (with --compare) OpenBLAS's and remedy's share of them, and the target. */
export function matmulSummary(m: MatmulReport): string {
  const sweep = formatTable(
    [{ header: 'product' }, { header: 'm', align: 'right' }, { header: 'n', align: 'right' }, { header: 'k', align: 'right' }, { header: 'ms', align: 'right' }, { header: 'GFLOP/s', align: 'right' }],
    m.results.map((r) => [r.label, String(r.m), String(r.n), String(r.k), (r.seconds * 1000).toFixed(3), r.gflops.toFixed(1)]),
  );
  const lines = [`matrix products on ${m.backend} (median of 7 samples after warm-up)`, sweep];
  if (m.openblas !== undefined) {
    if (isSkipped(m.openblas)) lines.push(m.openblas.skipped);
    else {
      const o = m.openblas;
      lines.push(`torch.mm (PyTorch ${o.torch}, ${o.blas.library}${o.blas.corename ? ` ${o.blas.corename} kernels` : ''})`);
      lines.push(
        formatTable(
          [{ header: 'size', align: 'right' }, { header: 'threads', align: 'right' }, { header: 'GFLOP/s', align: 'right' }, { header: 'remedy share', align: 'right' }],
          o.rates.map((r) => {
            const share = m.shareOfOpenBlas?.find((s) => s.size === r.size && s.threads === r.threads)?.share;
            return [String(r.size), String(r.threads), r.gflops.toFixed(1), share === undefined ? '-' : `${(100 * share).toFixed(0)}%`];
          }),
        ),
      );
      for (const t of matmulTargets(m.backend)) {
        const measured = m.shareOfOpenBlas?.find((s) => s.size === t.size && s.threads === t.threads);
        if (measured === undefined) continue;
        const met = measured.share >= t.share ? 'met' : 'NOT met';
        lines.push(`target: ${t.size}x${t.size} at least ${100 * t.share}% of OpenBLAS on ${t.threads} threads: ${(100 * measured.share).toFixed(0)}%, ${met}`);
      }
    }
  }
  return lines.join('\n');
}
