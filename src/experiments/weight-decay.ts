import { fmt, type Experiment } from './experiment.js';
import { gapOf, overfittingSpec } from './overfitting.js';

/** The note's w ← 0.99·w − η∇ shrinks unused weights and narrows the train-test gap. */
export function weightDecayExperiment(): Experiment {
  return {
    name: 'weight-decay',
    claim: 'weight decay narrows the train-test gap',
    setup: "the overfitting setting (500 digits, 2×512 ReLU, Adam, 30 epochs); the note's multiplicative decay w ← 0.99·w − η∇ and PyTorch's coupled L2 (AdamW's decoupled form also shown)",
    runs: [
      { label: 'none', spec: overfittingSpec() },
      { label: 'weight_decay', spec: overfittingSpec({ regularization: { weightDecay: { mode: 'multiplicative', value: 0.01 } } }) },
      { label: 'l2', spec: overfittingSpec({ regularization: { weightDecay: { mode: 'l2', value: 1e-3 } } }) },
      { label: 'decoupled', spec: overfittingSpec({ regularization: { weightDecay: { mode: 'decoupled', value: 0.1 } } }) },
    ],
    judge(r) {
      const none = r.get('none')!;
      const decayed = r.get('weight_decay')!;
      return {
        holds: gapOf(decayed) < gapOf(none),
        because: `train-test gap ${fmt(gapOf(decayed))} with the note's weight decay against ${fmt(gapOf(none))} without (test accuracy ${fmt(decayed.testAcc)} against ${fmt(none.testAcc)})`,
      };
    },
  };
}
