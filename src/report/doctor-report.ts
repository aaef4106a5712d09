import type { DoctorResult } from '../doctor/doctor.js';
import type { Spec } from '../spec/schema.js';
import { curvesSection } from './curves.js';
import { diagnosesSection } from './diagnoses.js';
import { doctorHeadlines, keptChanges, verdictBanner } from './doctor-verdict.js';
import { gradientNormsSection } from './gradient-norms.js';
import { headlineSection } from './headline.js';
import { reportPage, type Report } from './page.js';
import { preflightSection } from './preflight.js';
import { specSection } from './spec.js';
import { specDiffSection } from './spec-diff-section.js';
import { trialsSection } from './trials.js';

export interface DoctorReportOptions {
  /** The epoch budget the doctor was given (`--budget`), to show what share it spent. */
  budget?: number;
  generated?: Date;
}

/**
 * The report of `remedy doctor --report` (doctor.md: "the learning curves before and after, each
 * diagnosis with its evidence, each trial, and the final spec as a diff from the original"): the
 * verdict first, then the pre-flight checks, the diagnoses, the runs before and after side by
 * side, the trials, and the final spec as changes and in full.
 */
export function doctorReportHtml(original: Spec, result: DoctorResult, options: DoctorReportOptions = {}): string {
  return reportPage(doctorReport(original, result, options));
}

/** The content of the doctor report: the page, and what the live page shows when the doctor is done. */
export function doctorReport(original: Spec, result: DoctorResult, options: DoctorReportOptions = {}): Report {
  const generated = options.generated ?? new Date();
  const subtitle = `remedy doctor · ${original.data.source} · ${generated.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const repaired = result.best.change !== 'no change';
  return {
    title: `Doctor: ${original.name ?? 'run spec'}`,
    sections: [
      verdictBanner(result),
      headlineSection(doctorHeadlines(result, options.budget)),
      preflightSection(result.preflight),
      diagnosesSection(result.diagnoses, 'Diagnoses', 'None: the run as written shows no symptom.', 'Of the run as written, the evidence and the thresholds it crossed.'),
      ...(repaired && result.remaining.length > 0
        ? [diagnosesSection(result.remaining, 'Still diagnosed after repair', '', 'Of the final run.')]
        : []),
      ...(repaired ? beforeAndAfter(result) : asWritten(result)),
      trialsSection(result.trials, result.rounds),
      specDiffSection(original, result.best.spec),
      specSection(result.best.spec, repaired ? 'Final spec' : 'Spec (unchanged)'),
    ],
    subtitle,
  };
}

/** Curves and gradient norms of the run as written and of the repaired run, next to each other. */
function beforeAndAfter(result: DoctorResult): string[] {
  const { baseline, best } = result;
  return [
    curvesSection(baseline.history, 'Before: the spec as written', false),
    curvesSection(best.history, `After: ${keptChanges(result).join(' + ')}`, false),
    gradientNormsSection(baseline.history, 'Gradient norms before'),
    gradientNormsSection(best.history, 'Gradient norms after'),
  ];
}

/** Nothing was changed: one run to show. */
function asWritten({ baseline }: DoctorResult): string[] {
  return [curvesSection(baseline.history, 'Learning curves of the spec as written'), gradientNormsSection(baseline.history, 'Gradient norms', true)];
}
