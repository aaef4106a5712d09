import type { Spec } from '../spec/schema.js';
import { specData, type SpecOrigin } from '../train/run.js';
import { Budget } from './budget.js';
import { diagnose } from './diagnose.js';
import { pathological, type Diagnosis, type Phase } from './diagnosis.js';
import type { Edit } from './edits.js';
import { trainContestant, type DoctorEventSink } from './events.js';
import { modelFacts, runFacts, type RunFacts } from './facts.js';
import { bestWithin, race, score, stateAt, type Contestant } from './race.js';
import { preflight, type Preflight } from './preflight.js';
import { candidateEdits, LR_REFINEMENTS, phaseOf, REFINEMENTS } from './remedies.js';
import type { TrialRunner, TrialState } from './runner.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';

export type Verdict = 'healthy' | 'repaired' | 'improved' | 'unresolved';

/** One trial as the `--json` contract lists it, plus what the report needs. */
export interface TrialRecord {
  change: string;
  edits: string[];
  spec: Spec;
  epochs: number;
  trainAcc: number;
  valAcc: number | null;
  valLoss: number | null;
  diverged: boolean;
  round: number;
  phase: Phase;
}

export interface DoctorResult {
  verdict: Verdict;
  preflight: Preflight;
  diagnoses: Diagnosis[];
  trials: TrialRecord[];
  best: { spec: Spec; change: string; trainAcc: number; valAcc: number | null; testAcc: number | null; history: TrialState['history'] };
  baseline: { trainAcc: number; valAcc: number | null; testAcc: number | null; history: TrialState['history'] };
  /** Diagnoses of the best run: empty when it is healthy. */
  remaining: Diagnosis[];
  epochsSpent: number;
  seconds: number;
  /** Every round: the phase, what was found and what won. */
  rounds: { phase: Phase; diagnoses: Diagnosis[]; winner: string; improved: boolean }[];
}

export interface DoctorOptions {
  budget: number;
  /** Validation accuracy that counts as repaired; without it, "healthy by the diagnosis". */
  target?: number;
  thresholds?: Thresholds;
  /** Candidates raced per round, besides the incumbent. */
  maxCandidates?: number;
  onProgress?: (message: string) => void;
  /** Rounds, diagnoses and trials as they happen (events.ts). */
  onEvent?: DoctorEventSink;
}

interface RacePlan {
  /** Contestants, the unrepaired run included. */
  contestants: number;
  firstRung: number;
}

/** Optimisation repairs: successive halving from a short first rung, all candidates. */
function planFromScratch(candidates: number, remaining: number): RacePlan | null {
  const firstRung = Math.max(2, Math.min(4, Math.floor(remaining / (2 * (candidates + 1)))));
  return remaining >= firstRung ? { contestants: candidates + 1, firstRung } : null;
}

/**
 * Overfitting repairs: one long rung, in which the unrepaired run is continued too, so a repair
 * is judged at equal epochs where it pays off; as many of the ranked candidates as leave each
 * three times the baseline's epochs, and at least one.
 */
function planLongRung(candidates: number, remaining: number, incumbentEpochs: number, baselineEpochs: number): RacePlan | null {
  for (let k = Math.min(candidates, 3); k >= 1; k--) {
    // k candidates from scratch plus the incumbent continued from where it is
    const rung = Math.floor((remaining + incumbentEpochs) / (k + 1));
    if (rung >= 3 * baselineEpochs || k === 1) return rung > incumbentEpochs ? { contestants: k + 1, firstRung: rung } : null;
  }
  return null;
}

/**
 * Whether a repair measurably helps: validation accuracy up by `margin` (optimisation), or
 * validation loss down by 5% (overfitting: loss moves smoothly where accuracy on a small
 * validation set jumps by whole examples).
 */
function gained(repaired: TrialState, unrepaired: TrialState, phase: Phase, margin: number): boolean {
  if (phase === 'train') return score(repaired, phase) - score(unrepaired, phase) >= margin;
  return repaired.valLoss !== null && unrepaired.valLoss !== null && repaired.valLoss <= 0.95 * unrepaired.valLoss;
}

/**
 * The note's loop, automated. Train the spec briefly and read the run (diagnose.ts). If training
 * accuracy is poor, race the optimisation repairs for its symptoms; once it is good, if the gap
 * to validation is large, race the overfitting repairs. A repair is kept only if it beats the
 * unrepaired run at equal epochs; the winner becomes the run to improve in the next round, until
 * nothing is wrong, nothing helps, or the budget (epochs over all trials) is spent. A healthy run
 * is left alone.
 */
export async function runDoctor(spec: Spec, origin: SpecOrigin, runner: TrialRunner, options: DoctorOptions): Promise<DoctorResult> {
  const start = performance.now();
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const budget = new Budget(options.budget);
  const say = options.onProgress ?? (() => {});
  const emit = options.onEvent ?? (() => {});
  const data = await specData(spec, origin);
  const facts: RunFacts = runFacts(spec, data);
  const trainTarget = Math.max(options.target ?? 0, thresholds.goodTrainAcc);
  const trials: TrialRecord[] = [];
  let nextTrial = 0;

  say('pre-flight: loss and output, input range, loss at initialisation, one-batch overfit');
  const checks = await preflight(spec, data, facts, thresholds, origin.file);
  budget.charge(checks.epochs);
  emit({ type: 'preflight', preflight: checks });
  for (const c of checks.checks) say(`  ${c.ok ? 'ok     ' : 'flagged'} ${c.name}: ${c.detail}`);

  // the untouched run: the spec's own epochs when they fit in an eighth of the budget
  const baselineEpochs = Math.max(1, Math.min(spec.epochs, Math.max(4, Math.round(options.budget / 8)), options.budget));
  say(`baseline: ${baselineEpochs} epochs of the spec as written`);
  budget.charge(baselineEpochs);
  const baselineContestant: Contestant = { trial: nextTrial++, change: 'no change', edits: [], spec, state: null };
  baselineContestant.state = await trainContestant(runner, baselineContestant, baselineEpochs, emit);
  let incumbent = baselineContestant;
  const record = (c: Contestant, epochs: number, round: number, phase: Phase) => {
    const s = stateAt(c.state!, epochs);
    trials.push({ change: c.change, edits: c.edits, spec: c.spec, epochs: s.history.length, trainAcc: s.trainAcc, valAcc: s.valAcc, valLoss: s.valLoss, diverged: s.diverged, round, phase });
  };
  record(incumbent, baselineEpochs, 0, 'train');

  const oneBatchFits = checks.checks.some((c) => c.name === 'one_batch_overfit' && c.ok);
  const read = (c: Contestant) =>
    diagnose({ spec: c.spec, history: c.state!.history, diverged: c.state!.diverged, facts: { ...facts, ...modelFacts(c.spec) }, trainTarget, thresholds, oneBatchFits, valTarget: options.target });
  const firstDiagnoses = read(incumbent);
  emit({ type: 'diagnosis', round: 0, diagnoses: firstDiagnoses });
  if (firstDiagnoses.length === 0) say('  nothing wrong: training and validation accuracy are both good');
  for (const d of firstDiagnoses) say(`  ${d.phase === 'train' ? 'train (fix the optimisation)' : 'test (fix overfitting)'}  ${d.symptom}: ${d.explanation}`);
  let diagnoses = firstDiagnoses;
  const rounds: DoctorResult['rounds'] = [];
  const tried = new Set<string>([JSON.stringify(spec)]);

  // a repaired run trains on with what is left of the budget, up to the spec's own epochs: the
  // run the user gets from the repaired spec trains that long too
  const trainOn = async (c: Contestant): Promise<boolean> => {
    const further = Math.min(c.spec.epochs - c.state!.history.length, Math.floor(budget.remaining));
    if (c === baselineContestant || further < 1 || c.state!.history.length === 0) return false;
    const epochs = c.state!.history.length + further;
    say(`the repaired run trains on to ${epochs} epochs`);
    budget.charge(further);
    c.state = await trainContestant(runner, c, epochs, emit);
    return true;
  };

  // repairs that also beat the incumbent last round, tried first on top of the round's winner
  let combine: Edit[] = [];
  // once a repair is kept and nothing more is diagnosed (or no repair of what is), the budget
  // left refines it, so a repaired run is not handed back with epochs unspent; never a run that
  // was left alone, so a healthy spec stays as it is
  let refine = false;
  // a round kept nothing: what is still diagnosed has no repair that helps
  let stalled = false;
  for (let round = 1; ; round++) {
    if (!refine && incumbent !== baselineContestant && (stalled || phaseOf(diagnoses) === null)) {
      refine = true;
      // the repaired run first trains its own epochs: refinements are judged against that run
      await trainOn(incumbent);
    }
    const phase = refine ? 'train' : phaseOf(diagnoses);
    if (phase === null || budget.remaining < 1) break;
    const edits = [...combine, ...(refine ? REFINEMENTS : candidateEdits(diagnoses, phase))];
    const contestants: (Contestant & { edit: Edit })[] = [];
    for (const edit of edits) {
      const edited = edit.apply(incumbent.spec, facts);
      if (edited === null || tried.has(JSON.stringify(edited))) continue;
      tried.add(JSON.stringify(edited));
      contestants.push({ trial: nextTrial++, change: edit.describe(incumbent.spec), edits: [...incumbent.edits, edit.id], spec: edited, state: null, edit });
      if (contestants.length >= (options.maxCandidates ?? 5)) break;
    }
    if (contestants.length === 0) break;
    const plan =
      phase === 'train'
        ? planFromScratch(contestants.length, budget.remaining)
        : planLongRung(contestants.length, budget.remaining, incumbent.state!.history.length, baselineEpochs);
    if (plan === null) break;
    // overfitting repairs (augmentation, dropout) trade early progress for generalisation, so
    // they race in one long rung; optimisation repairs show within a few epochs
    const field: Contestant[] = [incumbent, ...contestants.slice(0, plan.contestants - 1)];
    const symptoms = diagnoses.filter((d) => d.phase === phase).map((d) => d.symptom);
    say(`round ${round} (${refine ? 'refining the repaired run' : `${phase}: ${symptoms.join(', ')}`}) → racing ${field.length - 1} repairs`);
    emit({ type: 'round', round, phase, symptoms, contestants: field.map(({ trial, change }) => ({ trial, change })) });
    const maxEpochs = phase === 'test' ? plan.firstRung : Math.max(spec.epochs, baselineEpochs);
    const log = (c: Contestant, epochs: number) => {
      if (c !== incumbent) record(c, epochs, round, phase);
      const s = stateAt(c.state!, epochs);
      say(`    ${c.change}: ${s.history.length} epochs, train ${s.trainAcc.toFixed(3)}, val ${s.valAcc?.toFixed(3) ?? '-'}`);
    };
    const ranked = await race(field, runner, budget, { phase, firstRung: plan.firstRung, maxEpochs, onEvent: emit }, log);
    const winner = ranked[0];
    const reference = incumbent.state!;
    // a run with nothing broken (and at the target, if there is one) is replaced only by a
    // clearly better one: race noise on a small validation set is worth a point or two
    const shortOfTarget = options.target !== undefined && (reference.valAcc ?? 0) < options.target;
    const margin = diagnoses.some(pathological) || shortOfTarget || refine ? thresholds.gain : thresholds.clearGain;
    // a challenger is judged only once it has trained at least as long as the incumbent: a
    // newcomer that leads after a short rung is trained on first (never a shorter-trained winner)
    const need = reference.history.length;
    if (winner !== incumbent && winner.state!.history.length < need && !winner.state!.diverged && budget.allows(need - winner.state!.history.length)) {
      say(`    extending "${winner.change}" to ${need} epochs, as long as the run it would replace`);
      budget.charge(need - winner.state!.history.length);
      winner.state = await trainContestant(runner, winner, need, emit);
      log(winner, need);
    }
    const judgedAt = Math.max(need, 1);
    const improved =
      winner !== incumbent &&
      winner.state!.history.length >= need &&
      (gained(bestWithin(winner.state!, judgedAt), bestWithin(reference, judgedAt), phase, margin) || (reference.diverged && !winner.state!.diverged));
    rounds.push({ phase, diagnoses, winner: improved ? winner.change : 'no change', improved });
    emit({ type: 'round-end', round, winner: improved ? winner.change : 'no change', improved });
    // the others that beat the incumbent at the epochs they reached: compatible repairs to add
    combine = improved ? helpers(contestants, winner, reference, phase, thresholds.gain) : [];
    for (const c of ranked) if (c !== winner && c !== incumbent) runner.release(c.trial);
    if (!improved) {
      say(`round ${round}: no repair beat the run as it was`);
      if (winner !== incumbent) runner.release(winner.trial);
      if (phase === 'train' && !refine && diagnoses.some((d) => d.phase === 'test')) continue;
      if (!refine && incumbent !== baselineContestant) {
        stalled = true;
        continue;
      }
      break;
    }
    say(`round ${round}: kept "${winner.change}"`);
    if (incumbent !== baselineContestant) runner.release(incumbent.trial);
    incumbent = winner;
    diagnoses = read(incumbent);
    emit({ type: 'diagnosis', round, diagnoses });
  }

  let best = incumbent;
  if (await trainOn(best)) diagnoses = read(best);
  // against the untouched run (trial 0, as far as the races extended it): never hand back worse,
  // by validation accuracy or, as overfitting repairs are kept, by a validation loss 5% lower
  const baseline = baselineContestant.state!;
  if (best !== baselineContestant && score(best.state!, 'train') < score(baseline, 'train') && !gained(best.state!, baseline, 'test', 0)) {
    say('the untouched run is still the best seen: the spec is returned unchanged');
    best = baselineContestant;
    diagnoses = read(best);
  }
  const testOf = async (trial: number) => (await runner.test(trial))?.acc ?? null;
  const baselineTest = await testOf(baselineContestant.trial);
  const bestTest = best === baselineContestant ? baselineTest : await testOf(best.trial);
  // repaired means good now: the target, or without one a clean diagnosis of a run that trains well
  const reached =
    options.target !== undefined ? (best.state!.valAcc ?? 0) >= options.target : phaseOf(diagnoses) === null && best.state!.trainAcc >= thresholds.goodTrainAcc;
  // healthy: nothing broken was found, no repair beat the run clearly, and the target (if any) is
  // reached; every kept repair beat the run before it, so a changed run is at least an improvement
  const changed = best !== baselineContestant;
  const verdict: Verdict = changed ? (reached ? 'repaired' : 'improved') : firstDiagnoses.some(pathological) || (options.target !== undefined && !reached) ? 'unresolved' : 'healthy';
  await runner.close();
  return {
    verdict,
    preflight: checks,
    diagnoses: firstDiagnoses,
    trials,
    best: { spec: best.spec, change: best.edits.join(' + ') || 'no change', trainAcc: best.state!.trainAcc, valAcc: best.state!.valAcc, testAcc: bestTest, history: best.state!.history },
    baseline: { trainAcc: baseline.trainAcc, valAcc: baseline.valAcc, testAcc: baselineTest, history: baseline.history },
    remaining: diagnoses,
    epochsSpent: budget.spent,
    seconds: (performance.now() - start) / 1000,
    rounds,
  };
}

/**
 * Repairs of a round, other than its winner, that beat the incumbent at the epochs they reached:
 * tried next on top of the winner (loss + optimizer, output + learning rate, inputs + batchnorm).
 * After a learning-rate win, its half-decade neighbours come first: a log-spaced search.
 */
function helpers(contestants: readonly (Contestant & { edit: Edit })[], winner: Contestant, reference: TrialState, phase: Phase, margin: number): Edit[] {
  const won = contestants.find((c) => c === winner);
  const isLr = (e: Edit) => e.id.startsWith('lr');
  const out: Edit[] = won !== undefined && isLr(won.edit) ? [...LR_REFINEMENTS] : [];
  for (const c of contestants) {
    if (c === winner || c.state === null || (won !== undefined && isLr(won.edit) && isLr(c.edit))) continue;
    const epochs = c.state.history.length;
    if (gained(stateAt(c.state, epochs), stateAt(reference, epochs), phase, margin)) out.push(c.edit);
  }
  return out;
}
