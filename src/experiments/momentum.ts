import { experimentSpec, fmt, mlp, type Experiment } from './experiment.js';

/** Momentum carries the descent through flat stretches: a lower training loss at equal epochs. */
export function momentumExperiment(): Experiment {
  const base = { model: mlp([128, 128], 'relu'), epochs: 5 };
  return {
    name: 'momentum',
    claim: 'momentum reaches a lower training loss',
    setup: 'two hidden ReLU layers of 128, SGD lr 0.01, 5 epochs, without and with momentum 0.9',
    runs: [
      { label: 'sgd', spec: experimentSpec({ ...base, optimizer: { type: 'sgd', lr: 0.01 } }) },
      { label: 'momentum', spec: experimentSpec({ ...base, optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9 } }) },
    ],
    judge(r) {
      const plain = r.get('sgd')!;
      const heavy = r.get('momentum')!;
      return {
        holds: heavy.trainLoss < plain.trainLoss,
        because: `training loss ${fmt(heavy.trainLoss)} with momentum against ${fmt(plain.trainLoss)} without`,
      };
    },
  };
}
