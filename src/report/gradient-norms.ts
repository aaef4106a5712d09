import type { EpochRecord } from '../train/history.js';
import type { LayerSignals } from '../train/signals.js';
import { chartFigure, type ChartSeries } from './chart.js';
import { MUTED_COLOR, seriesColor } from './palette.js';
import { absent, section } from './section.js';

/**
 * ‖∂L/∂W‖ of each weighted layer per epoch (means over the batches the signal recorder sampled),
 * on a log axis: vanishing and exploding gradients are orders of magnitude apart, and the
 * layers of one network are too.
 */
export function gradientNormsSection(history: readonly EpochRecord[], title = 'Gradient norms', wide = false): string {
  const recorded = history.filter((r) => r.signals !== undefined);
  if (recorded.length === 0) return section(title, absent('No training signals were recorded.'), { wide });
  const layers = new Map<number, LayerSignals>();
  for (const r of recorded) for (const l of r.signals!.layers) if (!layers.has(l.layer)) layers.set(l.layer, l);
  const series: ChartSeries[] = [...layers.values()].map((layer, i) => ({
    label: layerName(layer),
    data: recorded.map((r) => onLogAxis(r.signals!.layers.find((l) => l.layer === layer.layer)?.gradNorm)),
    color: seriesColor(i),
  }));
  series.push({ label: 'all parameters', data: recorded.map((r) => onLogAxis(r.signals!.gradNorm)), color: MUTED_COLOR, dashed: true });
  if (series.every((s) => s.data.every((v) => v === null))) return section(title, absent('Every recorded gradient norm was 0 or not finite.'), { wide });
  const chart = chartFigure({
    kind: 'line',
    title: 'Weight-gradient norm per layer',
    xTitle: 'epoch',
    yTitle: '‖∂L/∂W‖ (log scale)',
    logY: true,
    labels: recorded.map((r) => r.epoch),
    series,
  });
  const sampled = Math.max(...recorded.map((r) => r.signals!.sampledBatches));
  return section(title, chart, { wide, note: `Each point is the mean over up to ${sampled} batches sampled in the epoch.` });
}

/** PyTorch's parameter prefix, then what the layer is: "layers.0 dense relu". */
function layerName(layer: LayerSignals): string {
  return [`layers.${layer.layer}`, layer.type, layer.activation].filter((part) => part !== null).join(' ');
}

/** A log axis has no place for 0 (a dead layer) or non-finite values: those become gaps. */
export function onLogAxis(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}
