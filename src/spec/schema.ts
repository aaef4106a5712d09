import { z } from 'zod';
import { ACTIVATIONS } from '../nn/activation.js';

/**
 * The run spec (docs/run-spec-contract.md is the contract). Every object is strict so a
 * misspelt field is reported instead of silently ignored. Defaults are PyTorch's where PyTorch
 * has the thing, Keras' otherwise. `schema/run-spec.schema.json` is generated from this file.
 */

const int = (min: number) => z.number().int().min(min);
const positive = z.number().positive();
const probability = z.number().min(0).lt(1);

const activationName = z.enum(ACTIVATIONS);

const SOURCE_PATTERN = /^(mnist-sample|fashion-mnist|idx:.+|csv:.+|images:.+|synthetic:(circles|blobs|spirals|xor))$/;
const source = z
  .string()
  .regex(SOURCE_PATTERN, 'expected "mnist-sample", "fashion-mnist", "idx:DIR", "csv:FILE", "images:DIR" or "synthetic:circles|blobs|spirals|xor"');

export const dataSchema = z.strictObject({
  source,
  test: z
    .string()
    .regex(/^(idx|csv|images):.+$/, 'expected "csv:FILE", "idx:DIR" or "images:DIR"')
    .optional()
    .describe('a separate test source; named datasets bring their own test split'),
  trainLimit: int(1).optional().describe('use only the first N training examples'),
  testLimit: int(1).optional(),
  validationSplit: probability.default(0.1).describe('fraction taken from the END of the training set'),
  normalize: z
    .enum(['none', 'scale01', 'standardize'])
    .optional()
    .describe('default: scale01 for image sources (x/255), none for csv and synthetic'),
  shuffle: z.boolean().default(true),
  samples: int(10).optional().describe('synthetic: training points (default 2000; a test set half that size is drawn too)'),
  noise: z.number().min(0).optional().describe('synthetic: Gaussian noise (default 0.1)'),
  classes: int(2).optional().describe('synthetic spirals and blobs: number of classes (default 3)'),
  inputShape: z.array(int(1)).min(1).max(3).optional().describe('the shape of one example, e.g. [1, 28, 28] for a CSV of pixels fed to conv2d'),
  imageSize: z
    .tuple([int(1).max(4096), int(1).max(4096)])
    .optional()
    .describe('images:DIR: resize every image to [height, width] (bilinear); without it all must have one size'),
  channels: z.union([z.literal(1), z.literal(3)]).optional().describe('images:DIR: 1 (grey) or 3 (RGB); default 1 when every image is grey, else 3'),
});

const dense = z.strictObject({
  type: z.literal('dense'),
  units: int(1),
  activation: activationName.default('linear'),
});

const conv2d = z.strictObject({
  type: z.literal('conv2d'),
  filters: int(1),
  kernel: int(1),
  stride: int(1).default(1),
  padding: z.enum(['same', 'valid']).default('valid').describe('same: pad floor(kernel/2) on every side (odd kernels)'),
  activation: activationName.default('linear'),
});

const maxpool2d = z.strictObject({ type: z.literal('maxpool2d'), size: int(1).default(2) });

const flatten = z.strictObject({ type: z.literal('flatten') });

const dropout = z.strictObject({
  type: z.literal('dropout'),
  rate: probability,
  mode: z.enum(['inverted', 'classic']).default('inverted'),
});

const maxout = z.strictObject({
  type: z.literal('maxout'),
  units: int(1),
  pieces: int(2).default(2),
});

const batchnorm = z.strictObject({
  type: z.literal('batchnorm'),
  momentum: z.number().min(0).max(1).default(0.1),
  eps: positive.default(1e-5),
});

const activationLayer = z.strictObject({
  type: z.literal('activation'),
  fn: activationName,
  alpha: z.number().optional().describe('leaky_relu slope (default 0.01) or elu alpha (default 1)'),
});

export const layerSchema = z.discriminatedUnion('type', [dense, conv2d, maxpool2d, flatten, dropout, maxout, batchnorm, activationLayer]);

export const initSchema = z.union([
  z.enum(['default', 'glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal']),
  z.strictObject({ normal: positive }),
]);

export const modelSchema = z.strictObject({
  layers: z.array(layerSchema).min(1),
  init: initSchema.default('default'),
});

export const LOSSES = ['cross_entropy', 'mse', 'binary_cross_entropy', 'mae', 'hinge'] as const;

const weightDecay = z.number().min(0).default(0);

const sgd = z.strictObject({
  type: z.literal('sgd'),
  lr: positive.default(0.01),
  momentum: z.number().min(0).default(0),
  dampening: z.number().min(0).max(1).default(0),
  nesterov: z.boolean().default(false),
  weight_decay: weightDecay,
});

/** `momentum` and `nesterov` are SGD with momentum 0.9 unless given (run-spec.md). */
const momentumAlias = (type: 'momentum' | 'nesterov') =>
  z.strictObject({
    type: z.literal(type),
    lr: positive.default(0.01),
    momentum: z.number().gt(0).default(0.9),
    dampening: z.number().min(0).max(1).default(0),
    weight_decay: weightDecay,
  });

const betas = z.tuple([probability, probability]);

/**
 * `pytorch` (default) or `keras`: which library's formula to follow where they differ (epsilon
 * inside or outside the square root, Adam's ε-hat, where RMSprop applies the learning rate,
 * Nadam's momentum schedule). With `keras`, fields not given take Keras' defaults
 * (see KERAS_DEFAULTS in load.ts).
 */
const form = z.enum(['pytorch', 'keras']).default('pytorch');

const adagrad = z.strictObject({
  type: z.literal('adagrad'),
  form,
  lr: positive.default(0.01),
  lr_decay: z.number().min(0).default(0),
  weight_decay: weightDecay,
  initial_accumulator_value: z.number().min(0).default(0),
  eps: positive.default(1e-10),
});

const rmsprop = z.strictObject({
  type: z.literal('rmsprop'),
  form,
  lr: positive.default(0.01),
  alpha: probability.default(0.99),
  eps: positive.default(1e-8),
  weight_decay: weightDecay,
  momentum: z.number().min(0).default(0),
  centered: z.boolean().default(false),
});

const adadelta = z.strictObject({
  type: z.literal('adadelta'),
  form,
  lr: positive.default(1.0),
  rho: probability.default(0.9),
  eps: positive.default(1e-6),
  weight_decay: weightDecay,
});

const adam = z.strictObject({
  type: z.literal('adam'),
  form,
  lr: positive.default(1e-3),
  betas: betas.default([0.9, 0.999]),
  eps: positive.default(1e-8),
  weight_decay: weightDecay,
});

const adamw = z.strictObject({
  type: z.literal('adamw'),
  lr: positive.default(1e-3),
  betas: betas.default([0.9, 0.999]),
  eps: positive.default(1e-8),
  weight_decay: z.number().min(0).default(1e-2),
});

const nadam = z.strictObject({
  type: z.literal('nadam'),
  form,
  lr: positive.default(2e-3),
  betas: betas.default([0.9, 0.999]),
  eps: positive.default(1e-8),
  weight_decay: weightDecay,
  momentum_decay: z.number().min(0).default(4e-3),
});

/**
 * vSGD, the variance-based SGD of Schaul, Zhang & LeCun 2013 (src/optim/vsgd.ts). It sets every
 * parameter's step size itself; `lr` (added) only multiplies those steps: 1 is the algorithm
 * as published.
 */
const vsgd = z.strictObject({
  type: z.literal('vsgd'),
  lr: positive.default(1).describe("a factor on vSGD's own step sizes; 1 is the published algorithm"),
  slow_constant: positive.default(2).describe('the slow start multiplies its estimate of E[g²] by this'),
  init_samples: int(0).default(10).describe('updates spent estimating the statistics before the parameters move'),
  epsilon: positive.default(1e-9),
  outlier_level: positive.nullable().default(1).describe('standard deviations beyond which a sample is an outlier; null: no detection'),
});

/** AdaSecant (Gulcehre, Moczulski & Bengio 2014), the authors' code (src/optim/adasecant.ts). */
const adasecant = z.strictObject({
  type: z.literal('adasecant'),
  lr: positive.default(1e-7).describe('as in the reference code: a damping inside both square roots, not a step size'),
  decay: probability.default(0.95),
  gamma_clip: positive.nullable().default(1.8),
  damping: positive.default(1e-7),
  slow_constant: positive.default(2.1),
  lower_bound_tau: z.number().min(1).default(1.5),
  upper_bound_tau: z.number().min(1).default(1e8),
  use_corrected_grad: z.boolean().default(true),
  start_var_reduction: int(0).default(0).describe('updates before variance reduction starts'),
  use_adagrad: z.boolean().default(false),
});

export const optimizerSchema = z.discriminatedUnion('type', [
  sgd,
  momentumAlias('momentum'),
  momentumAlias('nesterov'),
  adagrad,
  rmsprop,
  adadelta,
  adam,
  adamw,
  nadam,
  vsgd,
  adasecant,
]);

const monitor = z.enum(['val_loss', 'val_acc', 'loss', 'acc']);

export const scheduleSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('step'),
    stepSize: int(1).describe('epochs between reductions'),
    gamma: positive.default(0.1),
  }),
  z.strictObject({ type: z.literal('exponential'), gamma: positive.default(0.95).describe('factor per epoch') }),
  z.strictObject({
    type: z.literal('cosine'),
    warmupEpochs: z.number().min(0).default(0).describe('linear warm-up from 0, per step'),
    minLr: z.number().min(0).default(0),
  }),
  z.strictObject({
    type: z.literal('one_cycle'),
    maxLr: positive.optional().describe("default: the optimizer's lr"),
    pctStart: z.number().gt(0).lt(1).default(0.3),
    divFactor: positive.default(25),
    finalDivFactor: positive.default(1e4),
  }),
  z.strictObject({
    type: z.literal('plateau'),
    monitor: monitor.default('val_loss'),
    factor: z.number().gt(0).lt(1).default(0.1),
    patience: int(0).default(10),
    minDelta: z.number().min(0).default(1e-4),
    cooldown: int(0).default(0),
    minLr: z.number().min(0).default(0),
  }),
]);

export const regularizationSchema = z.strictObject({
  weightDecay: z
    .strictObject({
      mode: z.enum(['l2', 'decoupled', 'multiplicative']).default('l2'),
      value: z.number().min(0).lt(1),
    })
    .optional()
    .describe('l2: g += λw (coupled); decoupled: w -= lr·λ·w (AdamW); multiplicative: w ← (1−λ)·w − lr·g (the lecture Tips for training DNN, λ = 0.01)'),
  l1: z.number().min(0).default(0).describe('adds l1·sign(w) to the gradient'),
  maxNorm: positive.optional().describe("caps each unit's incoming weight vector at this norm after every update"),
  clipNorm: positive.optional().describe('scales the gradient down to this global norm before the update'),
});

export const earlyStoppingSchema = z.strictObject({
  monitor: monitor.default('val_loss'),
  patience: int(0).default(5),
  minDelta: z.number().min(0).default(0),
  restoreBestWeights: z.boolean().default(true),
});

export const augmentationSchema = z.strictObject({
  rotate: z.number().min(0).max(180).default(0).describe('degrees: a random rotation in ±rotate'),
  shift: int(0).default(0).describe('pixels: a random translation in ±shift along each axis'),
  flipHorizontal: z.boolean().default(false),
  noise: z.number().min(0).default(0).describe('standard deviation of Gaussian noise added to inputs'),
});

export const specSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().optional(),
  seed: z.number().int().min(0).max(0xffffffff).default(0),
  data: dataSchema,
  model: modelSchema,
  loss: z.enum(LOSSES).default('cross_entropy'),
  optimizer: optimizerSchema,
  schedule: scheduleSchema.optional(),
  batchSize: int(1).default(32),
  epochs: int(1).default(10),
  regularization: regularizationSchema.optional(),
  earlyStopping: earlyStoppingSchema.optional(),
  augmentation: augmentationSchema.optional(),
});

/** A spec as written in a file (defaults not yet filled in). */
export type SpecInput = z.input<typeof specSchema>;
/** A validated spec with every default filled in. */
export type Spec = z.output<typeof specSchema>;
export type DataSpec = Spec['data'];
export type LayerSpec = Spec['model']['layers'][number];
export type OptimizerSpec = Spec['optimizer'];
export type LossName = (typeof LOSSES)[number];
export type ScheduleSpec = NonNullable<Spec['schedule']>;
export type RegularizationSpec = NonNullable<Spec['regularization']>;
export type EarlyStoppingSpec = NonNullable<Spec['earlyStopping']>;
export type AugmentationSpec = NonNullable<Spec['augmentation']>;
export type Monitor = z.infer<typeof monitor>;
