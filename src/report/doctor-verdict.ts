import type { DoctorResult, Verdict } from '../doctor/doctor.js';
import { escapeHtml } from './escape.js';
import { duration, percent } from './format.js';
import type { Headline } from './headline.js';

const TONE: Record<Verdict, 'good' | 'warn' | 'bad'> = { healthy: 'good', repaired: 'good', improved: 'warn', unresolved: 'bad' };

/** The verdict as one sentence a reader cannot miss, with what was kept and what is still wrong. */
export function verdictBanner(result: DoctorResult): string {
  const kept = keptChanges(result);
  const still = result.remaining.map((d) => d.symptom).join(', ');
  const [statement, detail] = verdictWords(result.verdict, kept, still);
  const { baseline, best } = result;
  const change =
    best.change === 'no change'
      ? ''
      : `<p>Validation accuracy ${percent(baseline.valAcc)} → ${percent(best.valAcc)}, test accuracy ${percent(baseline.testAcc)} → ${percent(best.testAcc)}.</p>`;
  return `<section class="verdict wide ${TONE[result.verdict]}"><p class="statement">${escapeHtml(statement)}</p>${change}<p>${escapeHtml(detail)}</p></section>`;
}

/** The repairs the rounds kept, in words ("hidden widths 3 → 48"), in the order they were kept. */
export function keptChanges(result: DoctorResult): string[] {
  return result.rounds.filter((r) => r.improved).map((r) => r.winner);
}

function verdictWords(verdict: Verdict, kept: string[], still: string): [string, string] {
  const repairs = kept.join(' + ');
  const remaining = still === '' ? 'The final run shows none of the symptoms the doctor looks for.' : `Still diagnosed in the final run: ${still}.`;
  switch (verdict) {
    case 'healthy':
      return ['healthy: nothing to fix, spec unchanged', 'Nothing broken was found in the run as written, and no repair beat it by a clear margin, so it was left alone.'];
    case 'repaired':
      return [`repaired: ${repairs || 'spec unchanged'}`, remaining];
    case 'improved':
      return [`improved, not repaired: ${repairs}`, remaining];
    case 'unresolved':
      return [kept.length === 0 ? 'unresolved: no repair beat the run as written, spec unchanged' : `unresolved: ${repairs} did not fix it`, remaining];
  }
}

/** The tiles under the banner: verdict, accuracies before → after, compute and time spent. */
export function doctorHeadlines(result: DoctorResult, budget?: number): Headline[] {
  const { baseline, best } = result;
  const changed = best.change !== 'no change';
  // the tile's figure is the final run's; the one before repair goes underneath
  const accuracy = (label: string, before: number | null, after: number | null): Headline => ({
    label,
    value: percent(after),
    detail: changed ? `before repair: ${percent(before)}` : 'the run as written',
  });
  return [
    { label: 'Verdict', value: result.verdict, tone: TONE[result.verdict], detail: symptomCount(result.diagnoses.length) },
    accuracy('Validation accuracy', baseline.valAcc, best.valAcc),
    accuracy('Test accuracy', baseline.testAcc, best.testAcc),
    accuracy('Train accuracy', baseline.trainAcc, best.trainAcc),
    {
      label: 'Epochs spent',
      value: budget === undefined ? result.epochsSpent.toFixed(1) : `${result.epochsSpent.toFixed(1)} of ${budget}`,
      detail: `over ${result.trials.length} trial${result.trials.length === 1 ? '' : 's'} and the pre-flight checks`,
    },
    { label: 'Time', value: duration(result.seconds) },
  ];
}

function symptomCount(n: number): string {
  return n === 0 ? 'no symptom found' : `${n} symptom${n === 1 ? '' : 's'} found at first`;
}
