/** Test support: what a piece of report HTML holds, read without a browser. */
import type { ChartSpec } from './chart.js';

/** The chart specs embedded in a piece of HTML, in order. */
export function chartsIn(html: string): ChartSpec[] {
  return [...html.matchAll(/<script type="application\/json" class="chart-data">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]) as ChartSpec);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text a reader sees: scripts and style gone, tags dropped, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script\b[^]*?<\/script>|<style>[^]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e])
    .replace(/\s+/g, ' ');
}
