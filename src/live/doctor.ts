import type { Diagnosis, Phase } from '../doctor/diagnosis.js';
import type { DoctorEvent } from '../doctor/events.js';
import type { Preflight } from '../doctor/preflight.js';
import { stateAt } from '../doctor/race.js';
import { diagnosesSection } from '../report/diagnoses.js';
import { duration } from '../report/format.js';
import { headlineSection } from '../report/headline.js';
import { phaseWords } from '../report/phase.js';
import { preflightSection } from '../report/preflight.js';
import { raceSection, type RaceEntry } from '../report/race.js';
import type { LiveBoard, LiveSection } from './board.js';

interface Round {
  round: number;
  phase: Phase | null;
  symptoms: string[];
  /** By trial id, in the order they entered. */
  entries: Map<number, RaceEntry>;
  outcome?: { winner: string; improved: boolean };
  /** Not a race: the repaired run training on after the last one. */
  finishing?: boolean;
}

/**
 * The doctor on the live page, fed its events (DoctorOptions.onEvent): where it stands, each
 * round's race with its contestants as they start, extend and finish (newest round first), the
 * diagnoses and the pre-flight checks, drawn by the report's section builders.
 */
export class LiveDoctor {
  private preflight: Preflight | null = null;
  private readonly diagnoses = new Map<number, Diagnosis[]>();
  private readonly rounds: Round[] = [{ round: 0, phase: null, symptoms: [], entries: new Map() }];
  private racing = false;
  /** Epochs each trial has trained, by trial id. */
  private readonly trained = new Map<number, number>();
  private readonly started = performance.now();

  constructor(
    private readonly board: LiveBoard,
    private readonly budget: number,
  ) {
    this.board.show(this.sections(), 'live: pre-flight checks');
  }

  readonly onEvent = (e: DoctorEvent): void => {
    const current = this.rounds.at(-1)!;
    switch (e.type) {
      case 'preflight':
        this.preflight = e.preflight;
        break;
      case 'diagnosis':
        this.diagnoses.set(e.round, e.diagnoses);
        break;
      case 'round':
        this.racing = true;
        this.rounds.push({ round: e.round, phase: e.phase, symptoms: e.symptoms, entries: new Map() });
        break;
      case 'round-end':
        this.racing = false;
        current.outcome = { winner: e.winner, improved: e.improved };
        for (const entry of current.entries.values()) entry.kept = e.improved && entry.change === e.winner;
        break;
      case 'trial-start':
      case 'trial-extend': {
        const round = !this.racing && current.round > 0 ? this.finishingRound() : current;
        const previous = round.entries.get(e.trial);
        round.entries.set(e.trial, { change: e.change, epochs: e.epochs, running: true, state: previous?.state ?? null });
        break;
      }
      case 'trial-finish': {
        this.trained.set(e.trial, e.state.history.length);
        const entry = current.entries.get(e.trial);
        if (entry === undefined) break;
        entry.running = false;
        entry.state = stateAt(e.state, entry.epochs);
        break;
      }
    }
    this.board.show(this.sections(), `live: ${this.stage()[1]}`);
  };

  private finishingRound(): Round {
    const last = this.rounds.at(-1)!;
    if (last.finishing) return last;
    const round: Round = { round: last.round + 1, phase: null, symptoms: [], entries: new Map(), finishing: true };
    this.rounds.push(round);
    return round;
  }

  /** Where the doctor is: in a word, and in a sentence. */
  private stage(): [string, string] {
    const current = this.rounds.at(-1)!;
    if (this.preflight === null) return ['pre-flight', 'pre-flight checks'];
    if (current.round === 0) return ['baseline', 'training the spec as written'];
    if (this.racing) return [`round ${current.round}`, `round ${current.round}, racing repairs`];
    if (current.finishing && [...current.entries.values()].some((e) => e.running)) return ['finishing', 'the repaired run trains on'];
    return ['testing', 'testing the runs and writing the report'];
  }

  private sections(): LiveSection[] {
    const running = this.rounds.reduce((n, r) => n + [...r.entries.values()].filter((e) => e.running).length, 0);
    const epochs = [...this.trained.values()].reduce((a, b) => a + b, 0);
    const headline = headlineSection([
      { label: 'Stage', value: this.stage()[0] },
      { label: 'Trials', value: String(new Set(this.rounds.flatMap((r) => [...r.entries.keys()])).size), detail: `${running} training now` },
      { label: 'Epochs trained', value: String(epochs), detail: `budget ${this.budget} over all trials` },
      { label: 'Time so far', value: duration((performance.now() - this.started) / 1000) },
    ]);
    const sections: LiveSection[] = [{ id: 'headline', html: headline }];
    for (const r of [...this.rounds].reverse()) {
      if (r.entries.size === 0) continue;
      sections.push({ id: `round-${r.round}`, html: raceSection(roundTitle(r), [...r.entries.values()], roundNote(r)) });
    }
    for (const [round, diagnoses] of [...this.diagnoses].reverse()) {
      const html =
        round === 0
          ? diagnosesSection(diagnoses, 'Diagnoses', 'None: the run as written shows no symptom.', 'Of the run as written, the evidence and the thresholds it crossed.')
          : diagnosesSection(diagnoses, `Diagnosed after round ${round}`, 'None: the repaired run shows no symptom.', 'Of the run kept in that round.');
      sections.push({ id: `diagnoses-${round}`, html });
    }
    if (this.preflight !== null) sections.push({ id: 'preflight', html: preflightSection(this.preflight) });
    return sections;
  }
}

function roundTitle(r: Round): string {
  if (r.finishing) return 'Finishing: the repaired run trains on';
  return r.round === 0 ? 'Round 0: the spec as written' : `Round ${r.round}: ${phaseWords(r.phase!)}`;
}

function roundNote(r: Round): string | undefined {
  if (r.round === 0 || r.finishing) return undefined;
  const outcome = r.outcome === undefined ? 'racing by successive halving' : r.outcome.improved ? `kept “${r.outcome.winner}”` : 'no repair beat the run as it was';
  return `For ${r.symptoms.join(', ')}: ${outcome}.`;
}
