import type { EpochRecord } from '../train/history.js';
import { chartFigure, type ChartSeries } from './chart.js';
import { plottable } from './format.js';
import { TRAIN_COLOR, VALIDATION_COLOR } from './palette.js';
import { absent, section } from './section.js';

/**
 * Loss and accuracy per epoch, training against validation, side by side as Keras users plot
 * them. The doctor calls it once per run it compares ("before", "after"), each in one column
 * (`wide` false), where the two charts stack so the runs line up next to each other.
 */
export function curvesSection(history: readonly EpochRecord[], title = 'Learning curves', wide = true): string {
  if (history.length === 0) return section(title, absent('No epoch finished.'), { wide });
  const labels = history.map((r) => r.epoch);
  const hasValidation = history.some((r) => r.valLoss !== null);
  const trainVsValidation = (train: (r: EpochRecord) => number, validation: (r: EpochRecord) => number | null): ChartSeries[] => [
    { label: 'train', data: history.map((r) => plottable(train(r))), color: TRAIN_COLOR },
    ...(hasValidation ? [{ label: 'validation', data: history.map((r) => plottable(validation(r))), color: VALIDATION_COLOR }] : []),
  ];
  const loss = chartFigure({ kind: 'line', title: 'Loss', xTitle: 'epoch', yTitle: 'loss', labels, series: trainVsValidation((r) => r.loss, (r) => r.valLoss) });
  const accuracy = chartFigure({
    kind: 'line',
    title: 'Accuracy',
    xTitle: 'epoch',
    yTitle: 'accuracy (%)',
    labels,
    series: trainVsValidation((r) => r.acc * 100, (r) => (r.valAcc === null ? null : r.valAcc * 100)),
  });
  return section(title, `<div class="charts">${loss}${accuracy}</div>`, {
    wide,
    note: hasValidation ? undefined : 'No validation results: training curves only.',
  });
}

