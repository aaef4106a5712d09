import { experimentSpec, mlp, TRAIN_ACC, type Experiment, type ExperimentData, type Metric, type RunResult } from './experiment.js';

/** First-layer gradient norm over last-layer gradient norm, in the first epoch. */
export function gradientRatio(run: RunResult): number | null {
  const layers = run.history[0]?.signals?.layers;
  if (layers === undefined || layers.length < 2) return null;
  return layers[0].gradNorm / layers[layers.length - 1].gradNorm;
}

/** A deep sigmoid network's gradient vanishes before the first layers; ReLU's does not. */
/** The gradient ratio in decades: −3 is a first layer that gets a thousandth of the last one's. */
const GRADIENT_DECADES: Metric = {
  name: 'log10 first/last layer gradient norm',
  of: (r) => {
    const ratio = gradientRatio(r);
    return ratio === null || !(ratio > 0) || !Number.isFinite(ratio) ? null : Math.log10(ratio);
  },
};

export function activationExperiment(data: ExperimentData): Experiment {
  const depth = [128, 128, 128, 128, 128, 128];
  const base = { optimizer: { type: 'sgd', lr: 0.05 }, epochs: 8 };
  // Glorot (Keras' default) for every run: with PyTorch's default (weights of variance
  // 1/(3·fan_in)) a six-layer ReLU net shrinks its signal sixfold a layer and stalls as well
  const model = (activation: string) => ({ ...mlp(depth, activation), init: 'glorot_uniform' });
  return {
    name: 'activation',
    claim: 'a deep sigmoid network does not train (its gradient vanishes); ReLU does',
    setup:
      'six hidden layers of 128, Glorot initialisation, SGD lr 0.05, 8 epochs; per-layer gradient norms from the training signals ' +
      "(with PyTorch's default initialisation the ReLU network stalls too: its weights are too small for six ReLU layers)",
    runs: [
      { label: 'sigmoid', spec: experimentSpec(data, { ...base, model: model('sigmoid') }) },
      { label: 'tanh', spec: experimentSpec(data, { ...base, model: model('tanh') }) },
      { label: 'relu', spec: experimentSpec(data, { ...base, model: model('relu') }) },
      {
        label: 'maxout',
        spec: experimentSpec(data, {
          ...base,
          model: { init: 'glorot_uniform', layers: [...depth.map(() => ({ type: 'maxout', units: 128, pieces: 2 })), { type: 'dense', units: 10, activation: 'softmax' }] },
        }),
      },
    ],
    comparisons: [
      { a: 'relu', b: 'sigmoid', metric: TRAIN_ACC, claim: 'higher' },
      { a: 'sigmoid', b: 'relu', metric: GRADIENT_DECADES, claim: 'lower' },
    ],
    combine: 'all',
  };
}
