import { experimentSpec, fmt, mlp, type Experiment, type RunResult } from './experiment.js';

/** First-layer gradient norm over last-layer gradient norm, in the first epoch. */
export function gradientRatio(run: RunResult): number | null {
  const layers = run.history[0]?.signals?.layers;
  if (layers === undefined || layers.length < 2) return null;
  return layers[0].gradNorm / layers[layers.length - 1].gradNorm;
}

/** A deep sigmoid network's gradient vanishes before the first layers; ReLU's does not. */
export function activationExperiment(): Experiment {
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
      { label: 'sigmoid', spec: experimentSpec({ ...base, model: model('sigmoid') }) },
      { label: 'tanh', spec: experimentSpec({ ...base, model: model('tanh') }) },
      { label: 'relu', spec: experimentSpec({ ...base, model: model('relu') }) },
      {
        label: 'maxout',
        spec: experimentSpec({
          ...base,
          model: { init: 'glorot_uniform', layers: [...depth.map(() => ({ type: 'maxout', units: 128, pieces: 2 })), { type: 'dense', units: 10, activation: 'softmax' }] },
        }),
      },
    ],
    judge(r) {
      const sigmoid = r.get('sigmoid')!;
      const relu = r.get('relu')!;
      const [rs, rr] = [gradientRatio(sigmoid), gradientRatio(relu)];
      return {
        holds: relu.trainAcc >= sigmoid.trainAcc + 0.3 && rs !== null && rr !== null && rs < rr / 10,
        because:
          `training accuracy ${fmt(relu.trainAcc)} with ReLU against ${fmt(sigmoid.trainAcc)} with sigmoid; ` +
          `first/last layer gradient norm ${rs?.toExponential(1)} with sigmoid, ${rr?.toExponential(1)} with ReLU`,
      };
    },
  };
}
