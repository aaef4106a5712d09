import { chartFigure } from './chart.js';
import { plottable } from './format.js';
import { MUTED_COLOR, TRAIN_COLOR } from './palette.js';
import { section } from './section.js';

/** The smoothing of the batch loss: an exponential moving average, as TensorBoard's slider. */
const SMOOTHING = 0.9;

/**
 * The loss of every batch of the epoch under way and its moving average (bias-corrected, as
 * Adam's moments are), for the live page: the report keeps only the epochs.
 */
export function batchLossSection(epoch: number, firstBatch: number, losses: readonly number[]): string {
  let average = 0;
  const smoothed = losses.map((loss, i) => {
    average = SMOOTHING * average + (1 - SMOOTHING) * loss;
    return average / (1 - SMOOTHING ** (i + 1));
  });
  const chart = chartFigure({
    kind: 'line',
    title: 'Training loss of each batch',
    xTitle: 'batch',
    yTitle: 'loss',
    labels: losses.map((_, i) => firstBatch + i + 1),
    series: [
      { label: 'batch', data: losses.map(plottable), color: MUTED_COLOR },
      { label: `moving average (${SMOOTHING})`, data: smoothed.map(plottable), color: TRAIN_COLOR },
    ],
  });
  return section(`Epoch ${epoch}, batch by batch`, chart, { wide: true, note: 'Live only: the report keeps the epochs.' });
}
