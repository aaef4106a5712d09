import { escapeHtml, jsonForScript } from './escape.js';

export interface ChartSeries {
  label: string;
  /** One value per x label; null leaves a gap (a diverged epoch, a value a log axis cannot show). */
  data: (number | null)[];
  color: string;
  dashed?: boolean;
}

/** What the inline renderer (render-script.ts) needs to draw one chart; embedded as JSON. */
export interface ChartSpec {
  kind: 'line' | 'bar';
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
