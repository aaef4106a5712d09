import type { TrialState } from '../doctor/runner.js';
import { chartFigure } from './chart.js';
import { escapeHtml } from './escape.js';
import { percent, plottable } from './format.js';
import { seriesColor } from './palette.js';
import { section } from './section.js';
import { dataTable, pill } from './table.js';

/** A contestant of a race as the live page shows it: its latest rung, finished or under way. */
export interface RaceEntry {
  change: string;
  /** Epochs of the rung it is training (running) or last trained. */
  epochs: number;
  running: boolean;
  /** Where it stands after its last finished rung, cut at that rung's epochs; null before the first. */
  state: TrialState | null;
  kept?: boolean;
}

/**
 * One round of the doctor as it happens: a row a contestant with its rung and accuracies, and
 * its validation accuracy epoch by epoch (training accuracy without a validation set).
 */
export function raceSection(title: string, entries: readonly RaceEntry[], note?: string): string {
  const rows = entries.map((e) => ({
    cells: [
      escapeHtml(e.change),
      e.running ? pill(e.state === null ? 'training' : 'training on', 'warn') : e.kept ? pill('kept', 'good') : e.state?.diverged ? pill('diverged', 'bad') : pill('rung done', 'muted'),
      String(e.epochs),
      percent(e.state?.trainAcc ?? null),
      percent(e.state?.valAcc ?? null),
    ],
    className: e.kept ? 'kept' : undefined,
  }));
  const table = dataTable([{ header: 'change' }, { header: 'status' }, { header: 'epochs', numeric: true }, { header: 'train acc', numeric: true }, { header: 'val acc', numeric: true }], rows);
  const trained = entries.filter((e) => e.state !== null && e.state.history.length > 0);
  const validated = trained.some((e) => e.state!.history.some((r) => r.valAcc !== null));
  const longest = Math.max(0, ...trained.map((e) => e.state!.history.length));
  const chart =
    trained.length === 0
      ? ''
      : chartFigure({
          kind: 'line',
          title: `${validated ? 'Validation' : 'Training'} accuracy of each contestant`,
          xTitle: 'epoch',
          yTitle: `${validated ? 'validation' : 'training'} accuracy (%)`,
          labels: Array.from({ length: longest }, (_, i) => i + 1),
          series: trained.map((e, i) => ({
            label: e.change,
            color: seriesColor(i),
            data: Array.from({ length: longest }, (_, epoch) => {
              const r = e.state!.history[epoch];
              return r === undefined ? null : plottable(((validated ? r.valAcc : r.acc) ?? NaN) * 100);
            }),
          })),
        });
  return section(title, table + chart, { wide: true, note });
}
