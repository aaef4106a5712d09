/**
 * Matplotlib's tab10 colours, the ones TensorBoard and Keras plots made familiar: training is
 * blue and validation orange everywhere in the report.
 */
export const TRAIN_COLOR = '#1f77b4';
export const VALIDATION_COLOR = '#ff7f0e';
/** For what sums up the others (the all-parameters gradient norm), so it does not compete with them. */
export const MUTED_COLOR = '#7f7f7f';

const SERIES_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf'];

/** The colour of the i-th of several series (layers), cycling past nine. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}
