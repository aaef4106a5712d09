import { mlp, TEST_ACC, TRAIN_ACC, type Experiment, type ExperimentData } from './experiment.js';
import { overfittingSetting, overfittingSpec } from './overfitting.js';

/** Dropout costs training accuracy and buys test accuracy (the lecture's classic form too). */
export function dropoutExperiment(data: ExperimentData): Experiment {
  const withDropout = (mode: 'classic' | 'inverted') => ({
    layers: [
      { type: 'dense', units: 512, activation: 'relu' },
      { type: 'dropout', rate: 0.5, mode },
      { type: 'dense', units: 512, activation: 'relu' },
      { type: 'dropout', rate: 0.5, mode },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  });
  return {
    name: 'dropout',
    claim: 'dropout lowers training accuracy and raises test accuracy',
    setup: `${overfittingSetting(data)}; dropout 0.5 after each hidden layer in the lecture's classic form (weights × (1−p) at test time) and in the inverted form`,
    runs: [
      { label: 'none', spec: overfittingSpec(data, { model: mlp([512, 512], 'relu') }) },
      { label: 'dropout', spec: overfittingSpec(data, { model: withDropout('classic') }) },
      { label: 'inverted', spec: overfittingSpec(data, { model: withDropout('inverted') }) },
    ],
    comparisons: [
      { a: 'dropout', b: 'none', metric: TRAIN_ACC, claim: 'lower' },
      { a: 'dropout', b: 'none', metric: TEST_ACC, claim: 'higher' },
    ],
    combine: 'all',
  };
}
