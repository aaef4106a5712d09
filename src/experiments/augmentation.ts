import { fmt, type Experiment } from './experiment.js';
import { OVERFITTING_SETTING, overfittingSpec } from './overfitting.js';

/** "More data" when there is none: rotated and shifted copies of a small training set. */
export function augmentationExperiment(): Experiment {
  return {
    name: 'augmentation',
    claim: 'rotations and shifts improve test accuracy on a small training set',
    setup: `${OVERFITTING_SETTING}; random rotations of ±10° and shifts of ±2 pixels`,
    runs: [
      { label: 'none', spec: overfittingSpec() },
      { label: 'augmented', spec: overfittingSpec({ augmentation: { rotate: 10, shift: 2 } }) },
    ],
    judge(r) {
      const none = r.get('none')!;
      const augmented = r.get('augmented')!;
      return {
        holds: (augmented.testAcc ?? 0) > (none.testAcc ?? 0) + 0.01,
        because: `test accuracy ${fmt(augmented.testAcc)} with augmentation against ${fmt(none.testAcc)} without`,
      };
    },
  };
}
