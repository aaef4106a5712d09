import type { Diagnosis, Phase, Symptom } from './diagnosis.js';
import {
  addBatchnorm,
  augment,
  clipGradients,
  deepen,
  dropout,
  earlyStopping,
  fanInInit,
  glorotInit,
  heInit,
  moreSteps,
  normalizeInputs,
  reluForLinear,
  removeDropout,
  sigmoidOneUnit,
  softmaxOutput,
  usualLearningRate,
  scaleLearningRate,
  shallower,
  smallerBatches,
  useAdam,
  useCrossEntropy,
  useLeakyRelu,
  useMomentum,
  useRelu,
  weightDecay,
  widen,
  widenBottleneck,
  type Edit,
} from './edits.js';

/**
 * Each symptom's candidate repairs, most likely first: the training tips, in the order AUTOTRAINER's
 * repair table and the practitioners' recipes (Karpathy; Google's tuning playbook) try them.
 */
export const REMEDIES: Record<Symptom, readonly Edit[]> = {
  divergence: [scaleLearningRate(0.1), scaleLearningRate(0.01), useAdam, clipGradients, scaleLearningRate(0.001), addBatchnorm],
  exploding_gradient: [clipGradients, scaleLearningRate(0.1), addBatchnorm, glorotInit],
  vanishing_gradient: [useRelu, addBatchnorm, useAdam, shallower, fanInInit, heInit, glorotInit],
  saturation: [normalizeInputs, useRelu, addBatchnorm, glorotInit],
  dying_relu: [scaleLearningRate(0.1), useLeakyRelu, useAdam, addBatchnorm, shallower],
  input_range: [normalizeInputs],
  loss_output_pairing: [useCrossEntropy],
  oscillation: [scaleLearningRate(0.1), useAdam, clipGradients],
  // a hand-set initialisation (fanInInit) and a deep stack (shallower) slow a run without other signs
  slow_convergence: [useAdam, scaleLearningRate(10), fanInInit, shallower, removeDropout, smallerBatches, moreSteps, useMomentum, scaleLearningRate(100), useCrossEntropy, useRelu],
  underfitting_capacity: [removeDropout, widenBottleneck, shallower, widen(4), widen(16), deepen],
  // the training tips: more data (augmentation) first, then dropout, weight decay, early stopping
  overfitting: [augment, dropout(0.5), weightDecay(1e-3), earlyStopping, dropout(0.2), weightDecay(1e-4)],
  output_activation: [softmaxOutput, sigmoidOneUnit],
  linear_hidden: [reluForLinear],
  learning_rate_range: [usualLearningRate, useAdam],
  init_scale: [fanInInit, addBatchnorm, useAdam],
};

/**
 * After a learning-rate edit won a round, its neighbours half a decade either side: a
 * coarse-to-fine log-spaced search instead of ×10 steps alone.
 */
export const LR_REFINEMENTS: readonly Edit[] = [scaleLearningRate(3.16), scaleLearningRate(0.316)];

/**
 * What a repaired run is raced against with the budget left: the learning rate half a decade
 * either side (the most sensitive setting), batchnorm, wider layers and the fan-in
 * initialisation, the edits that help most runs a little (Google's tuning playbook tunes the
 * learning rate first; batchnorm and width are the tips' "network structure").
 */
export const REFINEMENTS: readonly Edit[] = [...LR_REFINEMENTS, addBatchnorm, widen(4), heInit];

/** The phase to work on: training first, as the training tips' loop says. */
export function phaseOf(diagnoses: readonly Diagnosis[]): Phase | null {
  if (diagnoses.some((d) => d.phase === 'train')) return 'train';
  if (diagnoses.some((d) => d.phase === 'test')) return 'test';
  return null;
}

/** Candidate edits for a phase's symptoms: interleaved by rank, so each symptom's best comes first. */
export function candidateEdits(diagnoses: readonly Diagnosis[], phase: Phase): Edit[] {
  const lists = diagnoses.filter((d) => d.phase === phase).map((d) => REMEDIES[d.symptom]);
  const out: Edit[] = [];
  const depth = Math.max(0, ...lists.map((l) => l.length));
  for (let rank = 0; rank < depth; rank++) {
    for (const list of lists) {
      const e = list[rank];
      if (e !== undefined && !out.some((o) => o.id === e.id)) out.push(e);
    }
  }
  return out;
}
