import type { EpochRecord } from '../train/history.js';
import { chartFigure } from './chart.js';
import { duration } from './format.js';
import { TRAIN_COLOR } from './palette.js';
import { absent, section } from './section.js';

/**
 * Seconds per epoch (training and validation) as bars, with the run's total: the epochs and the
 * final test evaluation (loading the data comes before and is not counted).
 */
export function timingSection(history: readonly EpochRecord[], totalSeconds: number): string {
  const title = 'Timing';
  const note = `${duration(totalSeconds)} in total`;
  if (history.length === 0) return section(title, absent('No epoch finished.'), { note });
  const mean = history.reduce((s, r) => s + r.seconds, 0) / history.length;
  const chart = chartFigure({
    kind: 'bar',
    title: 'Seconds per epoch',
    xTitle: 'epoch',
    yTitle: 'seconds',
    fromZero: true,
    labels: history.map((r) => r.epoch),
    series: [{ label: 'seconds', data: history.map((r) => r.seconds), color: TRAIN_COLOR }],
  });
  return section(title, chart, { note: `${note}, ${duration(mean)} per epoch on average` });
}
