import type { DoctorResult, TrialRecord } from '../doctor/doctor.js';
import { chartFigure } from './chart.js';
import { escapeHtml } from './escape.js';
import { percent, plottable } from './format.js';
import { seriesColor } from './palette.js';
import { phaseWords } from './phase.js';
import { section } from './section.js';
import { dataTable, pill } from './table.js';

type Round = DoctorResult['rounds'][number];

/**
 * Every trial the doctor ran, as `--json` lists them (a contestant that went on to a longer rung
 * appears once a rung), with the round each belongs to, what each round found and which repair
 * it kept; and a chart of their validation accuracy, grouped by round.
 */
export function trialsSection(trials: readonly TrialRecord[], rounds: readonly Round[]): string {
  const kept = keptTrials(trials, rounds);
  const rows = trials.map((t, i) => ({
    cells: [
      String(i + 1),
      String(t.round),
      escapeHtml(t.round === 0 ? 'the spec as written' : phaseWords(t.phase)),
      escapeHtml(t.change),
      String(t.epochs),
      percent(t.trainAcc),
      percent(t.valAcc),
      outcome(t, kept.has(i)),
    ],
    className: [kept.has(i) ? 'kept' : '', i > 0 && t.round !== trials[i - 1].round ? 'round-start' : ''].join(' ').trim(),
  }));
  const table = dataTable(
    [{ header: '#', numeric: true }, { header: 'round', numeric: true }, { header: 'phase' }, { header: 'change' }, { header: 'epochs', numeric: true }, { header: 'train acc', numeric: true }, { header: 'val acc', numeric: true }, { header: '' }],
    rows,
  );
  const note =
    rounds.length === 0
      ? 'No repair was raced.'
      : 'Repairs race by successive halving: every contestant trains a short rung, the better half trains twice as long, so a contestant can appear once a rung.';
  // one bar says nothing a row does not
  const chart = trials.length > 1 ? trialChart(trials) : '';
  return section('Trials', `${roundList(trials, rounds)}${table}${chart}`, { wide: true, note, id: 'trials' });
}

/** A line a round: the phase, the symptoms it treated, how many repairs raced, what it kept. */
function roundList(trials: readonly TrialRecord[], rounds: readonly Round[]): string {
  const items = rounds.map((r, i) => {
    const symptoms = r.diagnoses.filter((d) => d.phase === r.phase).map((d) => d.symptom);
    const raced = new Set(trials.filter((t) => t.round === i + 1).map((t) => t.change)).size;
    const result = r.improved ? `kept “${escapeHtml(r.winner)}”` : 'no repair beat the run as it was, so nothing was kept';
    return `<li><strong>Round ${i + 1}</strong> (${escapeHtml(phaseWords(r.phase))}): ${escapeHtml(symptoms.join(', '))}; raced ${raced} repair${raced === 1 ? '' : 's'}; ${result}.</li>`;
  });
  const baseline = trials[0] === undefined ? '' : `<li><strong>Round 0</strong>: the spec as written, ${trials[0].epochs} epochs.</li>`;
  return `<ul class="rounds">${baseline}${items.join('')}</ul>`;
}

/** Row indices of the trials a round kept: the winner's longest rung in that round. */
function keptTrials(trials: readonly TrialRecord[], rounds: readonly Round[]): Set<number> {
  const kept = new Set<number>();
  rounds.forEach((r, i) => {
    if (!r.improved) return;
    const rungs = trials.flatMap((t, row) => (t.round === i + 1 && t.change === r.winner ? [row] : []));
    if (rungs.length > 0) kept.add(rungs.reduce((a, b) => (trials[b].epochs >= trials[a].epochs ? b : a)));
  });
  return kept;
}

function outcome(t: TrialRecord, kept: boolean): string {
  if (t.diverged) return pill('diverged', 'bad');
  if (kept) return pill('kept', 'good');
  return t.round === 0 ? pill('baseline', 'muted') : '';
}

/** One bar a trial, one colour a round; validation accuracy, or training accuracy without a validation set. */
function trialChart(trials: readonly TrialRecord[]): string {
  const validated = trials.some((t) => t.valAcc !== null);
  const accuracy = (t: TrialRecord) => plottable(validated ? t.valAcc : t.trainAcc);
  const roundNumbers = [...new Set(trials.map((t) => t.round))];
  const phaseOf = (round: number) => trials.find((t) => t.round === round)!.phase;
  return chartFigure({
    kind: 'bar',
    horizontal: true,
    title: `${validated ? 'Validation' : 'Training'} accuracy of each trial, by round`,
    xTitle: 'trial',
    yTitle: `${validated ? 'validation' : 'training'} accuracy (%)`,
    fromZero: true,
    labels: trials.map((t, i) => `#${i + 1} ${t.change}, ${t.epochs} epochs`),
    series: roundNumbers.map((round, k) => ({
      label: round === 0 ? 'round 0: the spec as written' : `round ${round}: ${phaseWords(phaseOf(round))}`,
      data: trials.map((t) => (t.round === round ? percentOf(accuracy(t)) : null)),
      color: seriesColor(k),
    })),
  });
}

const percentOf = (v: number | null) => (v === null ? null : v * 100);
