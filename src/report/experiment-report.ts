import type { ExperimentResult } from '../experiments/run.js';
import { experimentSection, claimsSummarySection } from './experiment-sections.js';
import { duration } from './format.js';
import { headlineSection } from './headline.js';
import { reportPage, type Report } from './page.js';

/**
 * The report of `remedy experiment --report`: which of the note's claims hold on our runs, then
 * each experiment with its runs and their curves (and, for the activation claim, the per-layer
 * gradient norms that show the vanishing gradient).
 */
export function experimentReportHtml(results: readonly ExperimentResult[], generated = new Date()): string {
  return reportPage(experimentReport(results, generated));
}

/** The content of the experiment report: the page, and what the live page shows at the end. */
export function experimentReport(results: readonly ExperimentResult[], generated = new Date()): Report {
  const held = results.filter((r) => r.holds).length;
  const runs = results.reduce((n, r) => n + r.runs.length, 0);
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  const title = results.length === 1 ? `Experiment: ${results[0].name}` : "Experiments: the note's claims";
  return {
    title,
    sections: [
      headlineSection([
        { label: 'Claims that hold', value: `${held} of ${results.length}`, tone: held === results.length ? 'good' : held === 0 ? 'bad' : 'warn' },
        { label: 'Runs', value: String(runs), detail: 'fixed seeds, one change a comparison' },
        { label: 'Time', value: duration(seconds) },
      ]),
      claimsSummarySection(results),
      ...results.map(experimentSection),
    ],
    subtitle: `remedy experiment · ${generated.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
  };
}
