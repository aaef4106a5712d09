import { TEST_ACC, type Experiment, type ExperimentData } from './experiment.js';
import { overfittingSetting, overfittingSpec } from './overfitting.js';

/** "More data" when there is none: rotated and shifted copies of a small training set. */
export function augmentationExperiment(data: ExperimentData): Experiment {
  return {
    name: 'augmentation',
    claim: 'rotations and shifts improve test accuracy on a small training set',
    setup: `${overfittingSetting(data)}; random rotations of ±10° and shifts of ±2 pixels`,
    runs: [
      { label: 'none', spec: overfittingSpec(data) },
      { label: 'augmented', spec: overfittingSpec(data, { augmentation: { rotate: 10, shift: 2 } }) },
    ],
    comparisons: [{ a: 'augmented', b: 'none', metric: TEST_ACC, claim: 'higher' }],
    combine: 'all',
  };
}
