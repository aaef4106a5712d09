import type { ExperimentResult, PublishedResult } from '../experiments/run.js';
import { claimsSummarySection, experimentSection, publishedSection } from './experiment-sections.js';
import { duration } from './format.js';
import { headlineSection } from './headline.js';
import { reportPage, type Report } from './page.js';

/**
 * The report of `remedy experiment --report`: which of the training tips' claims hold on our runs
 * over several seeds, then each experiment with its verdict rule, the per-seed points and
 * intervals, its runs and their curves (and, for the activation claim, the per-layer gradient
 * norms that show the vanishing gradient); then the published tables beside ours.
 */
export function experimentReportHtml(results: readonly ExperimentResult[], published: readonly PublishedResult[] = [], generated = new Date()): string {
  return reportPage(experimentReport(results, published, generated));
}

/** The content of the experiment report: the page, and what the live page shows at the end. */
export function experimentReport(results: readonly ExperimentResult[], published: readonly PublishedResult[] = [], generated = new Date()): Report {
  const held = results.filter((r) => r.holds).length;
  const runs = [...results, ...published].reduce((n, r) => n + r.runs.length, 0);
  const seconds = [...results, ...published].reduce((s, r) => s + r.seconds, 0);
  const seeds = (results[0] ?? published[0])?.seeds.length ?? 0;
  const title = results.length === 1 && published.length === 0 ? `Experiment: ${results[0].name}` : 'Experiments: the claims of the training tips';
  const claims = results.length === 0 ? [] : [claimsSummarySection(results), ...results.map(experimentSection)];
  return {
    title,
    sections: [
      headlineSection([
        ...(results.length === 0 ? [] : [{ label: 'Claims that hold', value: `${held} of ${results.length}`, tone: held === results.length ? 'good' : held === 0 ? 'bad' : 'warn' } as const]),
        { label: 'Runs', value: String(runs), detail: `${seeds} seed${seeds === 1 ? '' : 's'} a run, one change a comparison` },
        { label: 'Time', value: duration(seconds) },
      ]),
      ...claims,
      ...published.map(publishedSection),
    ],
    subtitle: `remedy experiment · ${generated.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
  };
}
