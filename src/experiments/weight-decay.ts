import { fmt, type Experiment } from './experiment.js';
import { gapOf, OVERFITTING_SETTING, overfittingSpec } from './overfitting.js';

/** The note's w ← 0.99·w − η∇ shrinks unused weights and narrows the train-test gap. */
export function weightDecayExperiment(): Experiment {
  return {
    name: 'weight-decay',
    claim: 'weight decay narrows the train-test gap',
    setup: `${OVERFITTING_SETTING}; the lecture's decay w ← 0.99·w − η∇ (multiplicative, λ 0.01), PyTorch's coupled L2 (5e-4) and the decoupled form (0.01)`,
    runs: [
      { label: 'none', spec: overfittingSpec() },
      { label: 'weight_decay', spec: overfittingSpec({ regularization: { weightDecay: { mode: 'multiplicative', value: 0.01 } } }) },
      { label: 'l2', spec: overfittingSpec({ regularization: { weightDecay: { mode: 'l2', value: 5e-4 } } }) },
      { label: 'decoupled', spec: overfittingSpec({ regularization: { weightDecay: { mode: 'decoupled', value: 0.01 } } }) },
    ],
    judge(r) {
      const none = r.get('none')!;
      const decayed = r.get('weight_decay')!;
      return {
        holds: gapOf(decayed) < gapOf(none),
        because: `train-test gap ${fmt(gapOf(decayed))} with the lecture's weight decay against ${fmt(gapOf(none))} without (test accuracy ${fmt(decayed.testAcc)} against ${fmt(none.testAcc)})`,
      };
    },
  };
}
