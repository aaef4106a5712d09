import { experimentSpec, fmt, mlp, type Experiment } from './experiment.js';

/** Mini-batches: many small steps an epoch beat one step on the whole set, at equal epochs. */
export function batchSizeExperiment(): Experiment {
  const base = { model: mlp([128], 'relu'), optimizer: { type: 'sgd', lr: 0.1 }, epochs: 10 };
  const full = 3600; // 4,000 digits minus the 10% validation split: the whole training set
  return {
    name: 'batch-size',
    claim: 'at equal epochs, mini-batches reach better accuracy than one full batch',
    setup: 'one hidden ReLU layer of 128, SGD lr 0.1, 10 epochs; batch 64 against 1,024 and the full 3,600',
    runs: [
      { label: 'mini', spec: experimentSpec({ ...base, batchSize: 64 }) },
      { label: 'large', spec: experimentSpec({ ...base, batchSize: 1024 }) },
      { label: 'full', spec: experimentSpec({ ...base, batchSize: full }) },
    ],
    judge(r) {
      const mini = r.get('mini')!;
      const fullRun = r.get('full')!;
      return {
        holds: (mini.valAcc ?? 0) > (fullRun.valAcc ?? 0) + 0.02,
        because: `validation accuracy ${fmt(mini.valAcc)} with batches of 64 against ${fmt(fullRun.valAcc)} with the full batch (${fmt(r.get('large')!.valAcc)} with 1,024)`,
      };
    },
  };
}
