import { fmt, mlp, type Experiment } from './experiment.js';
import { OVERFITTING_SETTING, overfittingSpec } from './overfitting.js';

/** Dropout costs training accuracy and buys test accuracy (the note's classic form too). */
export function dropoutExperiment(): Experiment {
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
    setup: `${OVERFITTING_SETTING}; dropout 0.5 after each hidden layer in the lecture's classic form (weights × (1−p) at test time) and in the inverted form`,
    runs: [
      { label: 'none', spec: overfittingSpec({ model: mlp([512, 512], 'relu') }) },
      { label: 'dropout', spec: overfittingSpec({ model: withDropout('classic') }) },
      { label: 'inverted', spec: overfittingSpec({ model: withDropout('inverted') }) },
    ],
    judge(r) {
      const none = r.get('none')!;
      const dropped = r.get('dropout')!;
      return {
        holds: dropped.trainAcc < none.trainAcc && (dropped.testAcc ?? 0) > (none.testAcc ?? 0),
        because: `training accuracy ${fmt(dropped.trainAcc)} with dropout against ${fmt(none.trainAcc)}; test accuracy ${fmt(dropped.testAcc)} against ${fmt(none.testAcc)}`,
      };
    },
  };
}
