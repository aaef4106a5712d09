import { experimentSpec, mlp, TRAIN_LOSS, type Experiment, type ExperimentData } from './experiment.js';

/** Momentum carries the descent through flat stretches: a lower training loss at equal epochs. */
export function momentumExperiment(data: ExperimentData): Experiment {
  const base = { model: mlp([128, 128], 'relu'), epochs: 5 };
  return {
    name: 'momentum',
    claim: 'momentum reaches a lower training loss',
    setup: 'two hidden ReLU layers of 128, SGD lr 0.01, 5 epochs, without and with momentum 0.9',
    runs: [
      { label: 'sgd', spec: experimentSpec(data, { ...base, optimizer: { type: 'sgd', lr: 0.01 } }) },
      { label: 'momentum', spec: experimentSpec(data, { ...base, optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9 } }) },
    ],
    comparisons: [{ a: 'momentum', b: 'sgd', metric: TRAIN_LOSS, claim: 'lower' }],
    combine: 'all',
  };
}
