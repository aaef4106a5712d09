import { experimentSpec, mlp, TRAIN_ACC, type Experiment, type ExperimentData } from './experiment.js';

/**
 * The first training tip, on the lecture's own demo (Hung-yi Lee's Keras example the training tips follow):
 * three sigmoid layers of 633, a softmax output, SGD lr 0.1, batches of 100, 20 epochs, Keras'
 * Glorot initialisation. Squared error hardly moves; cross-entropy trains.
 */
export function lossExperiment(data: ExperimentData): Experiment {
  const base = { model: { ...mlp([633, 633, 633], 'sigmoid'), init: 'glorot_uniform' }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 100, epochs: 20 };
  return {
    name: 'loss',
    claim: 'on a deep sigmoid network, cross-entropy trains where squared error stalls',
    setup: "the lecture's demo: three sigmoid layers of 633, softmax output, Glorot initialisation (Keras'), SGD lr 0.1, batches of 100, 20 epochs",
    runs: [
      { label: 'mse', spec: experimentSpec(data, { ...base, loss: 'mse' }) },
      { label: 'cross_entropy', spec: experimentSpec(data, { ...base, loss: 'cross_entropy' }) },
    ],
    comparisons: [{ a: 'cross_entropy', b: 'mse', metric: TRAIN_ACC, claim: 'higher' }],
    combine: 'all',
  };
}
