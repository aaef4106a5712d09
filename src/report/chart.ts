import { escapeHtml, jsonForScript } from './escape.js';

export interface ChartSeries {
  label: string;
  /** One value per x label; null leaves a gap (a diverged epoch, a value a log axis cannot show). */
  data: (number | null)[];
  color: string;
  dashed?: boolean;
  /** A points chart's marker (Chart.js pointStyle), e.g. "star" for a published figure. */
  pointStyle?: string;
}

/** A mean and its 95% interval at one label of a points chart. */
export interface IntervalMark {
  mean: number;
  low: number;
  high: number;
}

/** What the inline renderer (render-script.ts) needs to draw one chart; embedded as JSON. */
export interface ChartSpec {
  /** points: a dot a series at each label (seeds over runs), with `intervals` behind them. */
  kind: 'line' | 'bar' | 'points';
  title: string;
  xTitle: string;
  yTitle: string;
  logY?: boolean;
  /** Start the y axis at 0, for quantities whose size matters more than their wiggles. */
  fromZero?: boolean;
  /**
   * Bars that grow to the right, the labels down the left (xTitle still names the labels, yTitle
   * the values): for long labels, which would have to be slanted under a vertical bar.
   */
  horizontal?: boolean;
  /** points: a bar from low to high and a mark at the mean, a label each (null: none there). */
  intervals?: (IntervalMark | null)[];
  /** A dashed horizontal line, e.g. at 0 for differences that a claim says are above it. */
  reference?: { value: number; label: string };
  /** The x positions, e.g. epoch numbers. */
  labels: (number | string)[];
  series: ChartSeries[];
}

/**
 * A chart as HTML: a titled figure holding a canvas and, next to it, the chart's data as JSON.
 * Each figure carries its own data, so sections stay plain strings that compose in any order.
 */
export function chartFigure(chart: ChartSpec): string {
  // a horizontal chart grows with its bars, so each label keeps a readable line
  const height = chart.horizontal ? ` style="height: ${Math.max(160, 90 + 26 * chart.labels.length)}px"` : '';
  return (
    `<figure class="chart"><figcaption>${escapeHtml(chart.title)}</figcaption>` +
    `<div class="chart-box"${height}><canvas role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div>` +
    `<script type="application/json" class="chart-data">${jsonForScript(chart)}</script></figure>`
  );
}
