import type { Spec } from '../spec/schema.js';
import type { Budget } from './budget.js';
import type { Phase } from './diagnosis.js';
import { trainContestant, type DoctorEventSink } from './events.js';
import type { TrialRunner, TrialState } from './runner.js';

/** One entrant of a race: a spec and the trial that trains it. */
export interface Contestant {
  trial: number;
  /** What was changed, for people ("no change" for the incumbent). */
  change: string;
  edits: string[];
  spec: Spec;
  state: TrialState | null;
}

/**
 * The score a race ranks by. Optimisation (phase "train") is judged on validation accuracy;
 * overfitting (phase "test") on validation loss, which moves smoothly where accuracy on a
 * small validation set jumps by whole examples. A diverged trial scores −∞.
 */
export function score(state: TrialState, phase: Phase): number {
  if (state.diverged) return -Infinity;
  if (phase === 'test' && state.valLoss !== null) return -state.valLoss;
  return state.valAcc ?? state.trainAcc;
}

/** The metric at epoch `epochs` of a longer history (what an incumbent scored when entrants had that long). */
export function stateAt(state: TrialState, epochs: number): TrialState {
  if (state.history.length <= epochs) return state;
  const r = state.history[epochs - 1];
  return { ...state, history: state.history.slice(0, epochs), epoch: epochs, trainAcc: r.acc, valAcc: r.valAcc, valLoss: r.valLoss };
}

/**
 * A trial's metrics at its best checkpoint (lowest validation loss) within its first `epochs`
 * epochs: what it would be judged by, and tested with, had it stopped there.
 */
export function bestWithin(state: TrialState, epochs: number): TrialState {
  const prefix = state.history.slice(0, epochs);
  let at = prefix.length - 1;
  for (let i = 0; i < prefix.length; i++) {
    const v = prefix[i].valLoss;
    if (v !== null && Number.isFinite(v) && (prefix[at].valLoss === null || !Number.isFinite(prefix[at].valLoss!) || v < prefix[at].valLoss!)) at = i;
  }
  const r = prefix[at];
  return r === undefined ? state : { ...state, history: prefix, epoch: at + 1, trainAcc: r.acc, valAcc: r.valAcc, valLoss: r.valLoss };
}

export interface RaceOptions {
  phase: Phase;
  /** Epochs of the first rung; each later rung doubles them. */
  firstRung: number;
  /** No trial trains longer than this. */
  maxEpochs: number;
  onEvent?: DoctorEventSink;
}

/**
 * Successive halving (Jamieson & Talwalkar 2016): every contestant trains a short rung from the
 * same seed, the better half trains twice as long, and so on until one is left or the budget
 * runs out. Contestants are compared at equal epochs; the incumbent takes part too, so a
 * repair wins only by beating the unrepaired run. Returns contestants best first, and every
 * (contestant, epochs) result in `log`.
 */
export async function race(
  contestants: Contestant[],
  runner: TrialRunner,
  budget: Budget,
  options: RaceOptions,
  log: (c: Contestant, epochs: number) => void,
): Promise<Contestant[]> {
  let alive = [...contestants];
  let epochs = Math.min(options.firstRung, options.maxEpochs);
  let rungEpochs = 0;
  while (alive.length > 0) {
    const cost = (c: Contestant) => Math.max(epochs - (c.state?.history.length ?? 0), 0);
    const affordable: Contestant[] = [];
    for (const c of alive) {
      if (!budget.allows(cost(c))) break;
      budget.charge(cost(c));
      affordable.push(c);
    }
    if (affordable.length === 0) break;
    alive = affordable;
    await Promise.all(
      alive.map(async (c) => {
        c.state = await trainContestant(runner, c, epochs, options.onEvent);
        log(c, epochs);
      }),
    );
    rungEpochs = epochs;
    alive.sort((a, b) => score(stateAt(b.state!, epochs), options.phase) - score(stateAt(a.state!, epochs), options.phase));
    if (alive.length === 1 || epochs >= options.maxEpochs) break;
    alive = alive.slice(0, Math.ceil(alive.length / 2));
    epochs = Math.min(epochs * 2, options.maxEpochs);
  }
  const ranked = contestants.filter((c) => c.state !== null);
  ranked.sort((a, b) => {
    // whoever went further is ahead; at equal length, the better score
    const la = Math.min(a.state!.history.length, rungEpochs);
    const lb = Math.min(b.state!.history.length, rungEpochs);
    if (alive.includes(a) !== alive.includes(b)) return alive.includes(a) ? -1 : 1;
    if (la !== lb) return lb - la;
    return score(stateAt(b.state!, lb), options.phase) - score(stateAt(a.state!, la), options.phase);
  });
  return ranked;
}
