import type { RunResult } from '../experiments/experiment.js';
import type { ComparisonResult } from '../experiments/judge.js';
import type { ArmSummary, ExperimentResult, PublishedResult, SeedSummary } from '../experiments/run.js';
import { interval95, type Decision } from '../experiments/statistics.js';
import { chartFigure, type IntervalMark } from './chart.js';
import { escapeHtml } from './escape.js';
import { firstEpochGradientChart } from './first-epoch-gradients.js';
import { duration, percent, significant } from './format.js';
import { seriesColor } from './palette.js';
import { runComparisonCharts } from './run-comparison.js';
import { section } from './section.js';
import { dataTable, pill } from './table.js';

/**
 * Experiments whose claim is about gradients, so their first-epoch gradient norms per layer are
 * the evidence (activation: a deep sigmoid network's gradient vanishes before the first layers).
 */
const GRADIENT_CLAIMS = new Set(['activation']);

const TONE: Record<Decision, 'good' | 'bad' | 'warn'> = { holds: 'good', 'does not hold': 'bad', 'not shown': 'warn' };

const SENTENCE: Record<Decision, string> = {
  holds: 'The claim holds here',
  'does not hold': 'The claim does not hold here',
  'not shown': 'The claim is not shown here',
};

/** Every claim in one table: the claim, its verdict here, and the numbers why. */
export function claimsSummarySection(results: readonly ExperimentResult[]): string {
  const rows = results.map((r) => ({
    cells: [`<a href="#${anchor(r.name)}">${escapeHtml(r.name)}</a>`, escapeHtml(r.claim), verdictPill(r.verdict), escapeHtml(r.because)],
  }));
  const held = results.filter((r) => r.holds).length;
  const seeds = results[0]?.seeds.length ?? 0;
  return section('Claims', dataTable([{ header: 'experiment' }, { header: 'the claim' }, { header: 'here' }, { header: 'because (mean difference and 95% interval)' }], rows), {
    wide: true,
    note:
      `${held} of ${results.length} hold${results.length === 1 ? 's' : ''} over ${seeds} seed${seeds === 1 ? '' : 's'}. ` +
      'A claim holds when the 95% interval of the paired difference (the same seed for both runs) lies on the claimed side, ' +
      'does not hold when it lies on the other side, and is not shown when it contains zero.',
  });
}

/** One experiment: its verdict and rule, the setup, the runs over seeds, the paired differences, curves. */
export function experimentSection(result: ExperimentResult): string {
  const verdict = `<p class="claim-verdict">${verdictPill(result.verdict)} ${escapeHtml(SENTENCE[result.verdict])}: ${escapeHtml(result.because)}.</p>`;
  const rule = `<p><strong>Rule:</strong> ${escapeHtml(result.rule)}</p>`;
  const setup = `<p><strong>Setup:</strong> ${escapeHtml(result.setup)}; ${escapeHtml(result.data)}; seeds ${result.seeds.join(', ')}.</p>`;
  const table = dataTable(
    [{ header: 'run' }, ...['train acc', 'val acc', 'test acc', 'training loss', 'epochs', 'time a run'].map((header) => ({ header, numeric: true }))],
    result.arms.map((arm) => ({ cells: armCells(arm, result) })),
  );
  const evidence = evidenceCharts(result.comparisons);
  const first = result.runs.filter((r) => r.seed === result.seeds[0]);
  const gradients = GRADIENT_CLAIMS.has(result.name) ? firstEpochGradientChart(first) : null;
  const curves = `<p class="note">The curves are the runs of seed ${result.seeds[0]}.</p>` + runComparisonCharts(first) + (gradients ?? '');
  return section(result.name, verdict + rule + setup + table + evidence + curves, {
    wide: true,
    id: anchor(result.name),
    note: `Claim: ${result.claim}`,
  });
}

/**
 * An experiment still running (the live page): the runs that finished, seed by seed, how many are
 * still training, and the curves of the first seed's runs.
 */
export function runningExperimentSection(name: string, claim: string, setup: string, done: readonly RunResult[], pending: number): string {
  const training = pending === 0 ? '' : `<p>${pill('training', 'warn')} ${pending} run${pending === 1 ? '' : 's'} to go</p>`;
  const table = dataTable(
    [{ header: 'run' }, ...['seed', 'train acc', 'val acc', 'test acc', 'training loss', 'epochs', 'time'].map((header) => ({ header, numeric: true }))],
    done.map((run) => ({
      cells: [escapeHtml(run.label), String(run.seed), percent(run.trainAcc), percent(run.valAcc), percent(run.testAcc), significant(run.trainLoss), String(run.epochsRun), duration(run.seconds)],
    })),
  );
  const firstSeed = done.length === 0 ? [] : done.filter((r) => r.seed === done[0].seed);
  return section(name, training + `<p><strong>Setup:</strong> ${escapeHtml(setup)}.</p>` + table + runComparisonCharts(firstSeed), {
    wide: true,
    id: anchor(name),
    note: `Claim: ${claim}`,
  });
}

/** A mean ± half the 95% interval, the interval's own shape when there is one. */
function withInterval(s: SeedSummary, show: (v: number) => string): string {
  if (s.n === 0) return '—';
  if (s.low === null || s.high === null) return show(s.mean);
  return `${show(s.mean)} ± ${show((s.high - s.low) / 2)}`;
}

function armCells(arm: ArmSummary, result: ExperimentResult): string[] {
  const runs = result.runs.filter((r) => r.label === arm.label);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0) / Math.max(1, runs.length);
  return [
    escapeHtml(arm.label),
    withInterval(arm.trainAcc, percent),
    withInterval(arm.valAcc, percent),
    withInterval(arm.testAcc, percent),
    withInterval(arm.trainLoss, significant),
    withInterval(arm.epochsRun, (v) => v.toFixed(1)),
    duration(seconds),
  ];
}

const mark = (s: { n: number; mean: number; low: number | null; high: number | null }): IntervalMark | null =>
  s.n === 0 || s.low === null || s.high === null ? null : { mean: s.mean, low: s.low, high: s.high };

/**
 * The evidence behind the verdict, one row a metric the claim compares: each run's value seed by
 * seed with its mean and interval, and beside it the paired differences with theirs and the line
 * the claim says they lie above or below.
 */
function evidenceCharts(comparisons: readonly ComparisonResult[]): string {
  const metrics = [...new Set(comparisons.map((c) => c.metric))];
  return metrics
    .map((metric) => {
      const of = comparisons.filter((c) => c.metric === metric);
      const seeds = [...new Set(of.flatMap((c) => c.seeds))].sort((a, b) => a - b);
      const labels = [...new Set(of.flatMap((c) => [c.a, c.b]))];
      const valueAt = (label: string, seed: number) => {
        for (const c of of) {
          const i = c.seeds.indexOf(seed);
          if (i < 0) continue;
          if (c.a === label) return c.aValues[i];
          if (c.b === label) return c.bValues[i];
        }
        return null;
      };
      const perSeed = (value: (x: string, seed: number) => number | null, xs: string[]) =>
        seeds.map((seed, k) => ({ label: `seed ${seed}`, color: seriesColor(k), data: xs.map((x) => value(x, seed)) }));
      const runs = chartFigure({
        kind: 'points',
        title: `${capitalise(metric)} of each run, seed by seed`,
        xTitle: 'run',
        yTitle: metric,
        labels,
        series: perSeed(valueAt, labels),
        intervals: labels.map((label) => {
          const values = seeds.map((s) => valueAt(label, s)).filter((v): v is number => v !== null);
          return mark(interval95(values));
        }),
      });
      const pairs = of.map((c) => `${c.a} − ${c.b}`);
      const margins = [...new Set(of.map((c) => c.margin))];
      const differences = chartFigure({
        kind: 'points',
        title: `Paired differences in ${metric}, with their 95% interval`,
        xTitle: 'pair (same seed)',
        yTitle: `difference in ${metric}`,
        labels: pairs,
        series: perSeed((pair, seed) => {
          const c = of[pairs.indexOf(pair)];
          const i = c.seeds.indexOf(seed);
          return i < 0 ? null : c.differences[i];
        }, pairs),
        intervals: of.map((c) => mark(c.interval)),
        reference: { value: margins.length === 1 ? margins[0] : 0, label: margins.length === 1 && margins[0] !== 0 ? `margin ${margins[0]}` : 'no difference' },
      });
      return `<div class="charts">${runs}${differences}</div>`;
    })
    .join('');
}

/** Our test accuracy beside the published one, row by row, seed by seed. */
export function publishedSection(result: PublishedResult): string {
  const rows = result.rows.map((row) => ({
    cells: [escapeHtml(row.label), escapeHtml(row.stated), percent(row.theirs), withInterval(row.ours, percent), row.ours.values.map((v) => percent(v)).join(' ')],
  }));
  const table = dataTable([{ header: 'setting' }, { header: 'published' }, { header: 'as accuracy', numeric: true }, { header: 'ours (mean ± 95%)', numeric: true }, { header: 'ours, seed by seed' }], rows);
  const labels = result.rows.map((r) => r.label);
  const chart = chartFigure({
    kind: 'points',
    title: 'Test accuracy: ours seed by seed with the 95% interval, and theirs',
    xTitle: 'setting',
    yTitle: 'test accuracy (%)',
    labels,
    series: [
      ...result.seeds.map((seed, k) => ({ label: `seed ${seed}`, color: seriesColor(k), data: result.rows.map((r) => (r.ours.values[k] === null ? null : r.ours.values[k]! * 100)) })),
      { label: 'published', color: '#111827', pointStyle: 'star', data: result.rows.map((r) => r.theirs * 100) },
    ],
    intervals: result.rows.map((r) => {
      const m = mark(r.ours);
      return m && { mean: m.mean * 100, low: m.low * 100, high: m.high * 100 };
    }),
  });
  const about =
    `<p><strong>Source:</strong> ${escapeHtml(result.source)}.</p><p><strong>Setup:</strong> ${escapeHtml(result.setup)}; seeds ${result.seeds.join(', ')}.</p>` +
    `<p><strong>Where ours differs:</strong> ${escapeHtml(result.differences)}.</p>`;
  return section(`Published: ${result.name}`, about + table + `<div class="charts">${chart}</div>`, { wide: true, id: anchor(result.name) });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function verdictPill(verdict: Decision): string {
  return pill(verdict, TONE[verdict]);
}

/** An id from an experiment's name ("batch-size" → "experiment-batch-size"). */
function anchor(name: string): string {
  return `experiment-${name.replace(/[^\w-]/g, '_')}`;
}
