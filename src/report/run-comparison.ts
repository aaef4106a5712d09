import type { RunResult } from '../experiments/experiment.js';
import { chartFigure } from './chart.js';
import { plottable } from './format.js';
import { seriesColor } from './palette.js';

/**
 * The runs of one experiment on common axes: training loss and validation accuracy per epoch,
 * a line a run, so the one thing the runs differ in shows as the gap between the lines.
 */
export function runComparisonCharts(runs: readonly RunResult[]): string {
  const epochs = Math.max(0, ...runs.map((r) => r.history.length));
  const labels = Array.from({ length: epochs }, (_, i) => i + 1);
  const perRun = (value: (r: RunResult, epoch: number) => number | null) =>
    runs.map((run, i) => ({ label: run.label, color: seriesColor(i), data: labels.map((_, e) => (e < run.history.length ? plottable(value(run, e)) : null)) }));
  const loss = chartFigure({ kind: 'line', title: 'Training loss', xTitle: 'epoch', yTitle: 'training loss', labels, series: perRun((r, e) => r.history[e].loss) });
  const accuracy = chartFigure({
    kind: 'line',
    title: 'Validation accuracy',
    xTitle: 'epoch',
    yTitle: 'validation accuracy (%)',
    labels,
    series: perRun((r, e) => (r.history[e].valAcc === null ? null : r.history[e].valAcc! * 100)),
  });
  return `<div class="charts">${loss}${accuracy}</div>`;
}
