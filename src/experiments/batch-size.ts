import { count, experimentSpec, mlp, trainingCount, VAL_ACC, type Experiment, type ExperimentData } from './experiment.js';

/** Mini-batches: many small steps an epoch beat one step on the whole set, at equal epochs. */
export function batchSizeExperiment(data: ExperimentData): Experiment {
  const base = { model: mlp([128], 'relu'), optimizer: { type: 'sgd', lr: 0.1 }, epochs: 10 };
  const full = trainingCount(data); // one batch: the whole training set
  return {
    name: 'batch-size',
    claim: 'at equal epochs, mini-batches reach better accuracy than one full batch',
    setup: `one hidden ReLU layer of 128, SGD lr 0.1, 10 epochs; batch 64 against 1,024 and the full ${count(full)}`,
    runs: [
      { label: 'mini', spec: experimentSpec(data, { ...base, batchSize: 64 }) },
      { label: 'large', spec: experimentSpec(data, { ...base, batchSize: 1024 }) },
      { label: 'full', spec: experimentSpec(data, { ...base, batchSize: full }) },
    ],
    comparisons: [{ a: 'mini', b: 'full', metric: VAL_ACC, claim: 'higher' }],
    combine: 'all',
  };
}
