import { experimentSpec, fmt, mlp, type Experiment } from './experiment.js';

/** The note's first tip: on a sigmoid network, squared error hardly moves; cross-entropy trains. */
export function lossExperiment(): Experiment {
  const base = { model: mlp([128, 128, 128], 'sigmoid'), optimizer: { type: 'sgd', lr: 0.1 }, epochs: 8 };
  return {
    name: 'loss',
    claim: 'on a deep sigmoid network, cross-entropy trains where squared error stalls',
    setup: 'three hidden sigmoid layers of 128, softmax output, SGD lr 0.1, 8 epochs, 4,000 digits',
    runs: [
      { label: 'mse', spec: experimentSpec({ ...base, loss: 'mse' }) },
      { label: 'cross_entropy', spec: experimentSpec({ ...base, loss: 'cross_entropy' }) },
    ],
    judge(r) {
      const mse = r.get('mse')!;
      const ce = r.get('cross_entropy')!;
      return {
        holds: ce.trainAcc >= mse.trainAcc + 0.1,
        because: `training accuracy ${fmt(ce.trainAcc)} with cross-entropy against ${fmt(mse.trainAcc)} with squared error`,
      };
    },
  };
}
