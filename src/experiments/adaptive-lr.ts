import { experimentSpec, fmt, mlp, type Experiment } from './experiment.js';

const ADAPTIVE = ['adagrad', 'rmsprop', 'adadelta', 'adam', 'nadam', 'vsgd', 'adasecant'] as const;

/** Adaptive learning rates against plain SGD, each with its library defaults. */
export function adaptiveLrExperiment(): Experiment {
  const base = { model: mlp([128, 128], 'relu'), epochs: 3 };
  return {
    name: 'adaptive-lr',
    claim: 'adaptive learning rates train faster than plain SGD',
    setup: "two hidden ReLU layers of 128, 3 epochs, every optimizer with its own default learning rate (SGD: 0.01, Keras' default)",
    runs: [
      { label: 'sgd', spec: experimentSpec({ ...base, optimizer: { type: 'sgd', lr: 0.01 } }) },
      ...ADAPTIVE.map((type) => ({ label: type, spec: experimentSpec({ ...base, optimizer: { type } }) })),
    ],
    judge(r) {
      const sgd = r.get('sgd')!;
      const faster = ADAPTIVE.filter((t) => r.get(t)!.trainLoss < sgd.trainLoss);
      return {
        holds: faster.length > ADAPTIVE.length / 2,
        because:
          `after 3 epochs ${faster.length} of ${ADAPTIVE.length} adaptive optimizers have a lower training loss than SGD (${fmt(sgd.trainLoss)}): ` +
          ADAPTIVE.map((t) => `${t} ${fmt(r.get(t)!.trainLoss)}`).join(', '),
      };
    },
  };
}
