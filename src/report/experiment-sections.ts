import type { RunResult } from '../experiments/experiment.js';
import type { ExperimentResult } from '../experiments/run.js';
import { escapeHtml } from './escape.js';
import { firstEpochGradientChart } from './first-epoch-gradients.js';
import { duration, percent, significant } from './format.js';
import { runComparisonCharts } from './run-comparison.js';
import { section } from './section.js';
import { dataTable, pill } from './table.js';

/**
 * Experiments whose claim is about gradients, so their first-epoch gradient norms per layer are
 * the evidence (activation: a deep sigmoid network's gradient vanishes before the first layers).
 */
const GRADIENT_CLAIMS = new Set(['activation']);

/** Every claim in one table: the note's claim, whether it holds here, and the numbers why. */
export function claimsSummarySection(results: readonly ExperimentResult[]): string {
  const rows = results.map((r) => ({
    cells: [`<a href="#${anchor(r.name)}">${escapeHtml(r.name)}</a>`, escapeHtml(r.claim), verdictPill(r.holds), escapeHtml(r.because)],
  }));
  const held = results.filter((r) => r.holds).length;
  return section('Claims', dataTable([{ header: 'experiment' }, { header: "the note's claim" }, { header: 'here' }, { header: 'because' }], rows), {
    wide: true,
    note: `${held} of ${results.length} hold${results.length === 1 ? 's' : ''} on this machine's runs; a claim that does not hold is reported as such.`,
  });
}

/** One experiment: its verdict in plain words, the setup, the runs as a table and as curves. */
export function experimentSection(result: ExperimentResult): string {
  const verdict =
    `<p class="claim-verdict">${verdictPill(result.holds)} ` +
    `${escapeHtml(result.holds ? 'The claim holds here' : 'The claim does not hold here')}: ${escapeHtml(result.because)}.</p>`;
  const gradients = GRADIENT_CLAIMS.has(result.name) ? firstEpochGradientChart(result.runs) : null;
  return section(result.name, verdict + setupAndRuns(result.setup, result.runs) + (gradients ?? ''), {
    wide: true,
    id: anchor(result.name),
    note: `Claim: ${result.claim}`,
  });
}

/** An experiment still running (the live page): the runs that finished, and which are training. */
export function runningExperimentSection(name: string, claim: string, setup: string, done: readonly RunResult[], training: readonly string[]): string {
  const pending = training.length === 0 ? '' : `<p>${pill('training', 'warn')} ${escapeHtml(training.join(', '))}</p>`;
  return section(name, pending + setupAndRuns(setup, done), { wide: true, id: anchor(name), note: `Claim: ${claim}` });
}

/** The setup in a sentence, the runs as a table and as curves. */
function setupAndRuns(setup: string, runs: readonly RunResult[]): string {
  const rows = runs.map((run) => ({
    cells: [escapeHtml(run.label), percent(run.trainAcc), percent(run.valAcc), percent(run.testAcc), significant(run.trainLoss), String(run.epochsRun), duration(run.seconds)],
  }));
  const table = dataTable(
    [{ header: 'run' }, ...['train acc', 'val acc', 'test acc', 'training loss', 'epochs', 'time'].map((header) => ({ header, numeric: true }))],
    rows,
  );
  return `<p><strong>Setup:</strong> ${escapeHtml(setup)}.</p>` + table + runComparisonCharts(runs);
}

function verdictPill(holds: boolean): string {
  return holds ? pill('holds', 'good') : pill('does not hold', 'bad');
}

/** An id from an experiment's name ("batch-size" → "experiment-batch-size"). */
function anchor(name: string): string {
  return `experiment-${name.replace(/[^\w-]/g, '_')}`;
}
