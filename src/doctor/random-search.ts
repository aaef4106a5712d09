import type { Spec } from '../spec/schema.js';
import { specData, type SpecOrigin } from '../train/run.js';
import { Random } from '../util/random.js';
import { Budget } from './budget.js';
import { ALL_EDITS } from './edits.js';
import { runFacts } from './facts.js';
import type { TrialRunner } from './runner.js';

export interface SearchResult {
  best: { spec: Spec; edits: string[]; valAcc: number | null; trainAcc: number; testAcc: number | null };
  trials: { edits: string[]; epochs: number; valAcc: number | null; trainAcc: number }[];
  epochsSpent: number;
}

/**
 * The baseline the doctor must beat (Kim et al., ICST 2023, found random search as good as the
 * published repair tools): random combinations of one to three of the doctor's own edits, each
 * trained `trialEpochs` epochs from the spec's seed, until the epoch budget is spent; the best
 * validation accuracy wins. Same edit space, same budget, no diagnosis.
 */
export async function randomSearch(
  spec: Spec,
  origin: SpecOrigin,
  runner: TrialRunner,
  options: { budget: number; seed: number; trialEpochs: number },
): Promise<SearchResult> {
  const data = await specData(spec, origin);
  const facts = runFacts(spec, data);
  const rng = new Random(options.seed);
  const budget = new Budget(options.budget);
  const batch: { id: number; spec: Spec; edits: string[] }[] = [];
  for (let id = 0; budget.allows(options.trialEpochs); id++) {
    const count = 1 + rng.int(3);
    let edited = spec;
    const edits: string[] = [];
    for (const edit of rng.shuffle([...ALL_EDITS.keys()]).map((i) => ALL_EDITS[i])) {
      if (edits.length === count) break;
      const next = edit.apply(edited, facts);
      if (next === null) continue;
      edited = next;
      edits.push(edit.id);
    }
    budget.charge(options.trialEpochs);
    batch.push({ id, spec: edited, edits });
  }
  const states = await Promise.all(batch.map((t) => runner.train(t.id, t.spec, options.trialEpochs)));
  const trials = batch.map((t, i) => ({ edits: t.edits, epochs: states[i].history.length, valAcc: states[i].valAcc, trainAcc: states[i].trainAcc }));
  const scoreOf = (i: number) => (states[i].diverged ? -Infinity : (states[i].valAcc ?? states[i].trainAcc));
  const bestIndex = states.reduce((best, _s, i) => (scoreOf(i) > scoreOf(best) ? i : best), 0);
  const test = await runner.test(batch[bestIndex].id);
  await runner.close();
  return {
    best: { spec: batch[bestIndex].spec, edits: batch[bestIndex].edits, valAcc: states[bestIndex].valAcc, trainAcc: states[bestIndex].trainAcc, testAcc: test?.acc ?? null },
    trials,
    epochsSpent: budget.spent,
  };
}
