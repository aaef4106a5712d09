import type { RunResult } from '../experiments/experiment.js';
import { chartFigure } from './chart.js';
import { onLogAxis } from './gradient-norms.js';
import { seriesColor } from './palette.js';

/**
 * ‖∂L/∂W‖ of each weighted layer in the first epoch, a line a run, input layer on the left and
 * output on the right, on a log axis: a vanishing gradient is a line that falls by orders of
 * magnitude towards the input. The evidence behind the activation claim, seen before training
 * has had the chance to change the picture. Null when no run recorded signals.
 */
export function firstEpochGradientChart(runs: readonly RunResult[]): string | null {
  const layersOf = (run: RunResult) => run.history[0]?.signals?.layers ?? [];
  const depth = Math.max(0, ...runs.map((r) => layersOf(r).length));
  if (depth === 0) return null;
  const labels = Array.from({ length: depth }, (_, k) => (k === 0 ? '1 (input side)' : k === depth - 1 ? `${depth} (output)` : String(k + 1)));
  const chart = chartFigure({
    kind: 'line',
    title: 'Weight-gradient norm per layer, first epoch',
    xTitle: 'weighted layer',
    yTitle: '‖∂L/∂W‖ (log scale)',
    logY: true,
    labels,
    series: runs.map((run, i) => ({
      label: run.label,
      color: seriesColor(i),
      data: labels.map((_, k) => onLogAxis(layersOf(run)[k]?.gradNorm)),
    })),
  });
  const reading = 'Means over the batches sampled in epoch 1. A vanishing gradient is a line that falls by orders of magnitude from the output (right) to the input side (left).';
  return `${chart}<p class="note">${reading}</p>`;
}
