import type { Experiment, RunResult } from '../experiments/experiment.js';
import type { ClaimWatcher } from '../experiments/experiment-json.js';
import type { ExperimentResult } from '../experiments/run.js';
import { claimsSummarySection, experimentSection, runningExperimentSection } from '../report/experiment-sections.js';
import { duration } from '../report/format.js';
import { headlineSection } from '../report/headline.js';
import type { LiveBoard, LiveSection } from './board.js';

/**
 * `remedy experiment` on the live page: the claims judged so far as the report shows them, and
 * the experiment under way with each run as it finishes (runs train in worker threads, so a run
 * appears whole, not epoch by epoch).
 */
export class LiveExperiments implements ClaimWatcher {
  private readonly judged: ExperimentResult[] = [];
  private current: { experiment: Experiment; runs: number; done: RunResult[] } | null = null;
  private readonly started = performance.now();

  constructor(
    private readonly board: LiveBoard,
    private readonly count: number,
  ) {}

  begin(experiment: Experiment, seeds: readonly number[]): void {
    this.current = { experiment, runs: experiment.runs.length * seeds.length, done: [] };
    this.show();
  }

  run(result: RunResult): void {
    this.current?.done.push(result);
    this.show();
  }

  end(result: ExperimentResult): void {
    this.judged.push(result);
    this.current = null;
    this.show();
  }

  private show(): void {
    const runs = this.judged.reduce((n, r) => n + r.runs.length, 0) + (this.current?.done.length ?? 0);
    const held = this.judged.filter((r) => r.verdict === 'holds').length;
    const sections: LiveSection[] = [
      {
        id: 'headline',
        html: headlineSection([
          { label: 'Claims judged', value: `${this.judged.length} of ${this.count}`, detail: `${held} hold` },
          { label: 'Runs done', value: String(runs) },
          { label: 'Time so far', value: duration((performance.now() - this.started) / 1000) },
        ]),
      },
    ];
    if (this.current !== null) {
      const { experiment, runs, done } = this.current;
      sections.push({ id: `experiment-${experiment.name}`, html: runningExperimentSection(experiment.name, experiment.claim, experiment.setup, done, runs - done.length) });
    }
    if (this.judged.length > 0) sections.push({ id: 'claims', html: claimsSummarySection(this.judged) });
    for (const r of this.judged) sections.push({ id: `experiment-${r.name}`, html: experimentSection(r) });
    const status = this.current === null ? 'live' : `live: ${this.current.experiment.name}, ${this.current.done.length} of ${this.current.runs} runs done`;
    this.board.show(sections, status);
  }
}
