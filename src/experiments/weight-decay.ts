import type { Experiment, ExperimentData } from './experiment.js';
import { GAP, overfittingSetting, overfittingSpec } from './overfitting.js';

/** The note's w ← 0.99·w − η∇ shrinks unused weights and narrows the train-test gap. */
export function weightDecayExperiment(data: ExperimentData): Experiment {
  return {
    name: 'weight-decay',
    claim: 'weight decay narrows the train-test gap',
    setup: `${overfittingSetting(data)}; the lecture's decay w ← 0.99·w − η∇ (multiplicative, λ 0.01), PyTorch's coupled L2 (5e-4) and the decoupled form (0.01)`,
    runs: [
      { label: 'none', spec: overfittingSpec(data) },
      { label: 'weight_decay', spec: overfittingSpec(data, { regularization: { weightDecay: { mode: 'multiplicative', value: 0.01 } } }) },
      { label: 'l2', spec: overfittingSpec(data, { regularization: { weightDecay: { mode: 'l2', value: 5e-4 } } }) },
      { label: 'decoupled', spec: overfittingSpec(data, { regularization: { weightDecay: { mode: 'decoupled', value: 0.01 } } }) },
    ],
    comparisons: [{ a: 'weight_decay', b: 'none', metric: GAP, claim: 'lower' }],
    combine: 'all',
  };
}
