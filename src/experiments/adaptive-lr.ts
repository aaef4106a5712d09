import { experimentSpec, mlp, TRAIN_LOSS, type Experiment, type ExperimentData } from './experiment.js';

const ADAPTIVE = ['adagrad', 'rmsprop', 'adadelta', 'adam', 'nadam', 'vsgd', 'adasecant'] as const;

/** Adaptive learning rates against plain SGD, each with its library defaults. */
export function adaptiveLrExperiment(data: ExperimentData): Experiment {
  const base = { model: mlp([128, 128], 'relu'), epochs: 3 };
  return {
    name: 'adaptive-lr',
    claim: 'adaptive learning rates train faster than plain SGD',
    setup: "two hidden ReLU layers of 128, 3 epochs, every optimizer with its own default learning rate (SGD: 0.01, Keras' default)",
    runs: [
      { label: 'sgd', spec: experimentSpec(data, { ...base, optimizer: { type: 'sgd', lr: 0.01 } }) },
      ...ADAPTIVE.map((type) => ({ label: type, spec: experimentSpec(data, { ...base, optimizer: { type } }) })),
    ],
    comparisons: ADAPTIVE.map((type) => ({ a: type, b: 'sgd', metric: TRAIN_LOSS, claim: 'lower' as const })),
    combine: 'majority',
  };
}
