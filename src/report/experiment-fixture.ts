/**
 * Test support: a small, made-up `remedy experiment` result (a real run takes minutes), shaped
 * like the real ones: the activation claim with per-layer gradient norms, which holds, and a
 * dropout claim that does not, with one run whose loss became NaN.
 */
import type { RunResult } from '../experiments/experiment.js';
import type { ExperimentResult } from '../experiments/run.js';
import { parseSpec } from '../spec/load.js';
import type { EpochRecord } from '../train/history.js';
import type { LayerSignals } from '../train/signals.js';

const EPOCHS = 4;
const DEPTH = 7;

const spec = parseSpec({
  seed: 1,
  data: { source: 'synthetic:blobs', samples: 60, classes: 3 },
  model: { layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }] },
  optimizer: { type: 'sgd', lr: 0.05 },
  epochs: EPOCHS,
});

/** ‖∂L/∂W‖ of layer k (0 = input side) when each layer towards the input keeps `decay` of the one after it. */
function layers(activation: string, decay: number): LayerSignals[] {
  return Array.from({ length: DEPTH }, (_, k) => ({
    layer: k,
    type: 'dense',
    activation: k === DEPTH - 1 ? 'softmax' : activation,
    gradNorm: 0.05 * decay ** (DEPTH - 1 - k),
    weightNorm: 1,
    zeroGradFraction: 0,
    updateRatio: 1e-3,
    saturation: null,
    zeroActivationFraction: null,
    deadUnitFraction: null,
  }));
}

/** A run whose accuracy climbs to `finalAcc` with the loss falling to match. */
function run(label: string, finalAcc: number, decay: number, activation = label): RunResult {
  const history: EpochRecord[] = Array.from({ length: EPOCHS }, (_, i) => {
    const acc = 0.1 + ((finalAcc - 0.1) * (i + 1)) / EPOCHS;
    const signals = { layers: layers(activation, decay), gradNorm: 0.06, nonFinite: false, sampledBatches: 16 };
    return { epoch: i + 1, loss: 2.3 * (1 - acc) + 0.05, acc, valLoss: 2.4 * (1 - acc) + 0.1, valAcc: acc - 0.03, lr: 0.05, seconds: 0.8, signals };
  });
  const last = history[EPOCHS - 1];
  return { label, spec, history, trainAcc: last.acc, valAcc: last.valAcc, testAcc: last.acc - 0.04, trainLoss: last.loss, epochsRun: EPOCHS, seconds: 3.2 };
}

/** The dropout run that diverged: NaN from epoch 3, as a trainer records it. */
function diverged(): RunResult {
  const r = run('dropout 0.9', 0.4, 1, 'relu');
  const history = r.history.slice(0, 3).map((e, i) => (i < 2 ? e : { ...e, loss: NaN, acc: 0.1, valLoss: null, valAcc: null }));
  return { ...r, history, trainAcc: 0.1, valAcc: null, testAcc: null, trainLoss: NaN, epochsRun: 3 };
}

export function fabricatedExperiments(): ExperimentResult[] {
  return [
    {
      name: 'activation',
      claim: 'a deep sigmoid network does not train (its gradient vanishes); ReLU does',
      setup: 'six hidden layers of 128, SGD lr 0.05, 4 epochs; per-layer gradient norms from the training signals',
      runs: [run('sigmoid', 0.11, 0.08), run('tanh', 0.85, 0.6), run('relu', 0.95, 0.9), run('maxout', 0.93, 0.85)],
      holds: true,
      because: 'training accuracy 0.950 with ReLU against 0.110 with sigmoid; first/last layer gradient norm 2.6e-7 with sigmoid, 5.3e-1 with ReLU',
      seconds: 14.2,
    },
    {
      name: 'dropout',
      claim: 'dropout narrows the gap between training and validation accuracy',
      setup: 'two hidden layers of 256, Adam, 4 epochs, with and without dropout',
      runs: [run('no dropout', 0.97, 0.9, 'relu'), run('dropout 0.5', 0.9, 0.9, 'relu'), diverged()],
      holds: false,
      because: 'gap 0.030 without dropout and 0.030 with it: no narrower',
      seconds: 9.6,
    },
  ];
}
