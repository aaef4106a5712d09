import type { TrainResult } from '../train/history.js';
import type { Trainer } from '../train/trainer.js';
import { confusionSection } from './confusion.js';
import { curvesSection } from './curves.js';
import { gradientNormsSection } from './gradient-norms.js';
import { headlineSection } from './headline.js';
import { learningRateSection } from './learning-rate.js';
import { reportPage, type Report } from './page.js';
import { runHeadlines } from './run-headlines.js';
import { absent, section } from './section.js';
import { specSection } from './spec.js';
import { timingSection } from './timing.js';

/**
 * The report of `remedy train --report`: one HTML page with the run's headline numbers, learning
 * curves, learning rate, timing, gradient norms, confusion matrix and spec. Works for a run that
 * diverged or was interrupted too: those are the runs worth a look.
 */
export function trainReportHtml(trainer: Trainer, result: TrainResult, generated = new Date()): string {
  return reportPage(trainReport(trainer, result, generated));
}

/** The content of the train report: the page, and what the live page shows when the run ends. */
export function trainReport(trainer: Trainer, result: TrainResult, generated = new Date()): Report {
  const { spec, data } = trainer;
  const subtitle =
    `${data.source}: ${data.train.n.toLocaleString('en-US')} training, ${(data.validation?.n ?? 0).toLocaleString('en-US')} validation, ` +
    `${(data.test?.n ?? 0).toLocaleString('en-US')} test examples · ${generated.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return {
    title: spec.name ?? 'remedy training run',
    sections: [
      headlineSection(runHeadlines(trainer, result)),
      curvesSection(result.history),
      learningRateSection(result.history),
      timingSection(result.history, result.seconds),
      gradientNormsSection(result.history),
      finalConfusion(trainer, result),
      specSection(spec),
    ],
    subtitle,
  };
}

/** On the test set, or the validation set when there is none; not for a model gone NaN. */
function finalConfusion(trainer: Trainer, result: TrainResult): string {
  const title = 'Confusion matrix';
  if (result.diverged) return section(title, absent('Not computed: training diverged, so every prediction is meaningless.'));
  const { test, validation } = trainer.data;
  if (test) return confusionSection(trainer.confusionMatrix(test), 'Test', title);
  if (validation) return confusionSection(trainer.confusionMatrix(validation), 'Validation', title);
  return section(title, absent('Not computed: the run has neither a test nor a validation set.'));
}
