import type { EpochRecord } from '../train/history.js';
import { chartFigure } from './chart.js';
import { plottable } from './format.js';
import { TRAIN_COLOR } from './palette.js';
import { absent, section } from './section.js';

/** The learning rate of each epoch's last step: shows the schedule and every plateau cut. */
export function learningRateSection(history: readonly EpochRecord[]): string {
  const title = 'Learning rate';
  if (history.length === 0) return section(title, absent('No epoch finished.'));
  const chart = chartFigure({
    kind: 'line',
    title: 'Learning rate at the end of each epoch',
    xTitle: 'epoch',
    yTitle: 'learning rate',
    fromZero: true,
    labels: history.map((r) => r.epoch),
    series: [{ label: 'learning rate', data: history.map((r) => plottable(r.lr)), color: TRAIN_COLOR }],
  });
  return section(title, chart);
}
