import { parseSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';
import { mlp } from './experiment.js';

/** A published figure and the run that reproduces its setup here. */
export interface PublishedRow {
  label: string;
  spec: Spec;
  /** Their test accuracy (a fraction). */
  theirs: number;
  /** How they state it, e.g. "1.60% error" or "about 85-87%". */
  stated: string;
}

/** A published table next to ours: the same setup as the source, where this machine allows. */
export interface Published {
  name: string;
  source: string;
  setup: string;
  /** Where our setup differs from theirs, and why. */
  differences: string;
  rows: PublishedRow[];
}

const spec = (s: Record<string, unknown>) => parseSpec({ seed: 1, ...s });

/**
 * The lecture's Keras demo: 10,000 MNIST training digits, three sigmoid layers of 633, SGD 0.1,
 * batches of 100, 20 epochs, Keras' Glorot initialisation; squared error, then cross-entropy,
 * then ReLU in place of sigmoid. The embedded sample has 10,000 digits in all, 7,996 of them
 * training digits: we train on those 7,996 (no validation split) and test on its 2,004.
 */
export function lectureDemo(): Published {
  const base = (activation: string, loss: string) =>
    spec({
      data: { source: 'mnist-sample', validationSplit: 0 },
      model: { ...mlp([633, 633, 633], activation), init: 'glorot_uniform' },
      loss,
      optimizer: { type: 'sgd', lr: 0.1 },
      batchSize: 100,
      epochs: 20,
    });
  return {
    name: 'lecture-demo',
    source: "Hung-yi Lee's Keras demo in the lecture \"Tips for training DNN\" (ML 2016)",
    setup: 'three sigmoid (or ReLU) layers of 633, softmax output, Glorot uniform initialisation, SGD lr 0.1, batches of 100, 20 epochs',
    differences:
      'they train on the first 10,000 of MNIST\'s 60,000 training digits and test on its 10,000 test digits; MNIST itself is not on this machine, ' +
      "so we train on the embedded sample's 7,996 training digits and test on its 2,004 (the sample holds 10,000 MNIST digits in all)",
    rows: [
      { label: 'sigmoid, squared error', spec: base('sigmoid', 'mse'), theirs: 0.1135, stated: '11.35%' },
      { label: 'sigmoid, cross-entropy', spec: base('sigmoid', 'cross_entropy'), theirs: 0.86, stated: 'about 85-87%' },
      { label: 'ReLU, cross-entropy', spec: base('relu', 'cross_entropy'), theirs: 0.956, stated: 'about 95.6%' },
    ],
  };
}

/** The MLP rows of the Fashion-MNIST benchmark table (scikit-learn's MLPClassifier). */
const BENCHMARK_ROWS: [string, number[], number][] = [
  ['relu', [100], 0.871],
  ['relu', [100, 10], 0.87],
  ['tanh', [100], 0.868],
  ['tanh', [100, 10], 0.863],
  ['relu', [10, 10], 0.85],
  ['relu', [10], 0.848],
  ['tanh', [10, 10], 0.841],
  ['tanh', [10], 0.84],
];

/**
 * The Fashion-MNIST benchmark (Xiao, Rasul and Vollgraf 2017): scikit-learn's MLPClassifier
 * with its defaults (Adam lr 1e-3, batches of 200, L2 α 1e-4, at most 200 epochs, stopping when
 * the training loss has not improved by 1e-4 for 10 epochs), mean test accuracy of 5 runs.
 */
export function fashionBenchmark(): Published {
  return {
    name: 'fashion-benchmark',
    source: 'the Fashion-MNIST benchmark table (Xiao, Rasul and Vollgraf 2017), MLPClassifier rows',
    setup:
      "scikit-learn's MLPClassifier defaults: Adam lr 1e-3, batches of 200, L2 α 1e-4 (α/200 on each batch's mean gradient), " +
      'Glorot uniform initialisation, at most 200 epochs, stopping when the training loss has not improved by 1e-4 for 10 epochs; ' +
      'all 60,000 training images, tested on the 10,000 test images',
    differences: 'pixels scaled to [0, 1]; softmax cross-entropy as MLPClassifier; initialisation drawn from our generator, not scikit-learn\'s',
    rows: BENCHMARK_ROWS.map(([activation, widths, theirs]) => ({
      label: `${activation} [${widths.join(', ')}]`,
      spec: spec({
        data: { source: 'fashion-mnist', validationSplit: 0 },
        model: { ...mlp(widths, activation), init: 'glorot_uniform' },
        optimizer: { type: 'adam', lr: 1e-3 },
        regularization: { weightDecay: { mode: 'l2', value: 1e-4 / 200 } },
        batchSize: 200,
        epochs: 200,
        earlyStopping: { monitor: 'loss', patience: 10, minDelta: 1e-4, restoreBestWeights: false },
      }),
      theirs,
      stated: theirs.toFixed(3),
    })),
  };
}

/** Epochs of our dropout-paper runs: what two shared cores allow in an evening. */
export const DROPOUT_PAPER_EPOCHS = 30;

/**
 * Srivastava et al. 2014, Table 2 (MNIST, fully connected): a standard net of two logistic
 * layers of 800 (1.60% error), and dropout nets of three ReLU layers of 1024 (1.25%), with
 * dropout 0.2 on the input and 0.5 on the hidden layers, SGD with momentum, batches of 100.
 */
export function dropoutPaper(): Published {
  const optimizer = { type: 'sgd', lr: 0.01, momentum: 0.95 };
  const relu = (width: number) => [{ type: 'dense', units: width, activation: 'relu' }, { type: 'dropout', rate: 0.5, mode: 'classic' }];
  return {
    name: 'dropout-paper',
    source: 'Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov 2014, "Dropout", Table 2 (MNIST)',
    setup: `SGD lr 0.01 with momentum 0.95, batches of 100, ${DROPOUT_PAPER_EPOCHS} epochs, cross-entropy; dropout in the paper's form (weights scaled by the keep probability at test time)`,
    differences:
      `they train on MNIST's 60,000 training digits for on the order of a million weight updates; MNIST itself is not on this machine, so we train on the ` +
      `embedded sample's 7,996 training digits (no validation split) and test on its 2,004, for ${DROPOUT_PAPER_EPOCHS} epochs (${DROPOUT_PAPER_EPOCHS * 80} weight updates); ` +
      'they also tuned learning rates and schedules per network, we use one setting for both',
    rows: [
      {
        label: 'standard, 2 logistic layers of 800',
        spec: spec({
          data: { source: 'mnist-sample', validationSplit: 0 },
          model: { ...mlp([800, 800], 'sigmoid'), init: 'glorot_uniform' },
          optimizer,
          batchSize: 100,
          epochs: DROPOUT_PAPER_EPOCHS,
        }),
        theirs: 1 - 0.016,
        stated: '1.60% error',
      },
      {
        label: 'dropout, 3 ReLU layers of 1024',
        spec: spec({
          data: { source: 'mnist-sample', validationSplit: 0 },
          model: {
            init: 'glorot_uniform',
            layers: [{ type: 'dropout', rate: 0.2, mode: 'classic' }, ...relu(1024), ...relu(1024), ...relu(1024), { type: 'dense', units: 10, activation: 'softmax' }],
          },
          optimizer,
          batchSize: 100,
          epochs: DROPOUT_PAPER_EPOCHS,
        }),
        theirs: 1 - 0.0125,
        stated: '1.25% error',
      },
    ],
  };
}

export const PUBLISHED: Record<string, () => Published> = {
  'lecture-demo': lectureDemo,
  'fashion-benchmark': fashionBenchmark,
  'dropout-paper': dropoutPaper,
};
