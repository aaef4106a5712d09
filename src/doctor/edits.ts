import type { LayerSpec, OptimizerSpec, Spec } from '../spec/schema.js';
import type { RunFacts } from './facts.js';
import { RELU_LIKE } from './init-scale.js';

/**
 * A repair: one edit of a spec, in the vocabulary of the training tips. `apply` returns the edited
 * spec, or null when the edit does not apply to this spec (nothing to change).
 */
export interface Edit {
  /** Stable identifier, also used by random search. */
  id: string;
  /** The training tip this edit comes from. */
  tip: string;
  /** What it changes, for people: "activation sigmoid → relu in layers 0, 1, 2". */
  describe(spec: Spec): string;
  apply(spec: Spec, facts: RunFacts): Spec | null;
}

const clone = (spec: Spec): Spec => structuredClone(spec);
const hidden = (spec: Spec) => spec.model.layers.slice(0, -1);

const TIP = {
  loss: 'choose the loss: cross-entropy, not squared error',
  batch: 'mini-batches',
  activation: 'new activation function (ReLU instead of sigmoid)',
  adaptive: 'adaptive learning rate',
  momentum: 'momentum',
  structure: 'network structure',
  data: 'more data: augmentation',
  earlyStopping: 'early stopping',
  weightDecay: 'weight decay',
  dropout: 'dropout',
  regularization: 'regularization',
  normalize: 'input scaling (a standard practice the training tips assume)',
};

/** Replaces the optimizer with `o`, keeping a coupled weight decay the spec had. */
function withOptimizer(spec: Spec, o: OptimizerSpec): Spec {
  const s = clone(spec);
  s.optimizer = o;
  return s;
}

const adam = (lr: number): OptimizerSpec => ({ type: 'adam', form: 'pytorch', lr, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0 });

export const useCrossEntropy: Edit = {
  id: 'cross_entropy',
  tip: TIP.loss,
  describe: (s) => `loss ${s.loss} → cross_entropy`,
  apply(spec) {
    if (spec.loss === 'cross_entropy') return null;
    const s = clone(spec);
    s.loss = 'cross_entropy';
    return s;
  },
};

/** Hidden sigmoid/tanh/softplus (or `from`) activations → `to`. */
function replaceActivations(id: string, to: 'relu' | 'leaky_relu', from: readonly string[]): Edit {
  const matches = (fn: string) => from.includes(fn);
  const indices = (spec: Spec) =>
    hidden(spec).flatMap((L, i) => ((L.type === 'activation' ? matches(L.fn) : 'activation' in L && matches(L.activation)) ? [i] : []));
  return {
    id,
    tip: TIP.activation,
    describe: (spec) => `hidden activations → ${to} (layers ${indices(spec).join(', ')})`,
    apply(spec) {
      const at = indices(spec);
      if (at.length === 0) return null;
      const s = clone(spec);
      for (const i of at) {
        const L = s.model.layers[i];
        if (L.type === 'activation') L.fn = to;
        else if ('activation' in L) L.activation = to;
      }
      return s;
    },
  };
}

export const useRelu = replaceActivations('relu', 'relu', ['sigmoid', 'tanh', 'softplus']);

/**
 * Hidden dense and conv layers with a linear activation and no activation layer after them (before
 * the next weight layer): a stack of them is one linear map. Dense → batchnorm → activation is not.
 */
export function linearHidden(spec: Spec): number[] {
  const layers = spec.model.layers;
  const last = layers.length - 1;
  return layers.flatMap((L, i) => {
    if (i === last || (L.type !== 'dense' && L.type !== 'conv2d') || L.activation !== 'linear') return [];
    const next = layers.slice(i + 1, last + 1).findIndex((M) => M.type === 'dense' || M.type === 'conv2d' || M.type === 'maxout' || M.type === 'activation');
    const nextLayer = next < 0 ? undefined : layers[i + 1 + next];
    return nextLayer?.type === 'activation' || nextLayer?.type === 'maxout' ? [] : [i];
  });
}

export const reluForLinear: Edit = {
  id: 'relu_for_linear',
  tip: TIP.activation,
  describe: (spec) => `hidden activations linear → relu (layers ${linearHidden(spec).join(', ')})`,
  apply(spec) {
    const at = linearHidden(spec);
    if (at.length === 0) return null;
    const s = clone(spec);
    for (const i of at) {
      const L = s.model.layers[i];
      if (L.type === 'dense' || L.type === 'conv2d') L.activation = 'relu';
    }
    return s;
  },
};

/** The output's activation, and where it is set (an activation layer or the last weight layer's own). */
export function outputActivation(spec: Spec): string {
  const last = spec.model.layers[spec.model.layers.length - 1];
  return last.type === 'activation' ? last.fn : 'activation' in last ? last.activation : 'linear';
}

/** Cross-entropy takes logits; a softmax is absorbed into it; anything else squashes or cuts them. */
export const softmaxOutput: Edit = {
  id: 'softmax_output',
  tip: TIP.loss,
  describe: (s) => `output activation ${outputActivation(s)} → softmax`,
  apply(spec) {
    if (spec.loss !== 'cross_entropy' || ['softmax', 'linear'].includes(outputActivation(spec))) return null;
    const s = clone(spec);
    const last = s.model.layers[s.model.layers.length - 1];
    if (last.type === 'activation') last.fn = 'softmax';
    else if ('activation' in last) last.activation = 'softmax';
    return s;
  },
};

/** Units of the last weight layer: the network's outputs. */
export function outputUnits(spec: Spec): number | null {
  const last = spec.model.layers.findLast((L) => 'units' in L);
  return last === undefined || !('units' in last) ? null : last.units;
}

/** A softmax over one unit is the constant 1 (a classic bug): a one-unit binary output is a sigmoid with binary cross-entropy. */
export const sigmoidOneUnit: Edit = {
  id: 'sigmoid_one_unit',
  tip: TIP.loss,
  describe: () => 'one-unit output softmax → sigmoid, loss → binary_cross_entropy',
  apply(spec) {
    if (outputActivation(spec) !== 'softmax' || outputUnits(spec) !== 1) return null;
    const s = clone(spec);
    const last = s.model.layers[s.model.layers.length - 1];
    if (last.type === 'activation') last.fn = 'sigmoid';
    else if ('activation' in last) last.activation = 'sigmoid';
    s.loss = 'binary_cross_entropy';
    return s;
  },
};
export const useLeakyRelu = replaceActivations('leaky_relu', 'leaky_relu', ['relu']);

export const useAdam: Edit = {
  id: 'adam',
  tip: TIP.adaptive,
  describe: (s) => `optimizer ${s.optimizer.type} (lr ${s.optimizer.lr}) → adam (lr 0.001)`,
  apply: (spec) => (spec.optimizer.type === 'adam' && spec.optimizer.lr === 1e-3 ? null : withOptimizer(spec, adam(1e-3))),
};

/** lr × factor, for optimizers that have a step size. */
export function scaleLearningRate(factor: number): Edit {
  return {
    id: `lr×${factor}`,
    tip: TIP.adaptive,
    describe: (s) => `learning rate ${s.optimizer.lr} → ${Number((s.optimizer.lr * factor).toPrecision(3))}`,
    apply(spec) {
      if (spec.optimizer.type === 'vsgd' || spec.optimizer.type === 'adasecant') return null;
      const s = clone(spec);
      s.optimizer.lr = Number((spec.optimizer.lr * factor).toPrecision(3));
      return s;
    },
  };
}

/**
 * Learning rates no practitioner's recipe leaves (Karpathy: Adam 3e-4; Keras and PyTorch defaults):
 * far outside, the run diverges or does not move. Null for optimizers that set their own steps.
 */
export function saneLearningRates(o: OptimizerSpec): { low: number; high: number; usual: number } | null {
  switch (o.type) {
    case 'sgd':
    case 'momentum':
    case 'nesterov':
      return o.momentum > 0 ? { low: 1e-4, high: 0.5, usual: 0.01 } : { low: 1e-3, high: 1, usual: 0.1 };
    case 'adam':
    case 'adamw':
    case 'nadam':
    case 'rmsprop':
      return { low: 1e-5, high: 3e-2, usual: 1e-3 };
    case 'adagrad':
      return { low: 1e-4, high: 1, usual: 0.01 };
    case 'adadelta':
      return { low: 1e-2, high: 10, usual: 1 };
    default:
      return null;
  }
}

/** The learning rate set to its optimizer's usual value (when it is outside the sane range, a search's starting point). */
export const usualLearningRate: Edit = {
  id: 'lr_usual',
  tip: TIP.adaptive,
  describe: (s) => `learning rate ${s.optimizer.lr} → ${saneLearningRates(s.optimizer)?.usual}`,
  apply(spec) {
    const sane = saneLearningRates(spec.optimizer);
    if (sane === null || spec.optimizer.lr === sane.usual) return null;
    const s = clone(spec);
    s.optimizer.lr = sane.usual;
    return s;
  },
};

export const useMomentum: Edit = {
  id: 'momentum',
  tip: TIP.momentum,
  describe: () => 'sgd → sgd with momentum 0.9',
  apply(spec) {
    const o = spec.optimizer;
    if (o.type !== 'sgd' || o.momentum > 0) return null;
    return withOptimizer(spec, { ...o, momentum: 0.9 });
  },
};

export const smallerBatches: Edit = {
  id: 'batch64',
  tip: TIP.batch,
  describe: (s) => `batch size ${s.batchSize} → 64`,
  apply(spec) {
    if (spec.batchSize <= 128) return null;
    const s = clone(spec);
    s.batchSize = 64;
    return s;
  },
};

/** Updates an epoch below which a small training set is barely trained in a spec's few epochs. */
const MIN_STEPS = 30;

/**
 * Mini-batches small enough for a small training set to get MIN_STEPS updates an epoch (at
 * least 8 examples each): with a few hundred examples in batches of 32, six epochs are sixty
 * steps. Leaves batches above 128 to `smallerBatches`.
 */
export const moreSteps: Edit = {
  id: 'more_steps',
  tip: TIP.batch,
  describe: (s) => `batch size ${s.batchSize} → smaller, for at least ${MIN_STEPS} updates an epoch`,
  apply(spec, facts) {
    const batch = stepBatch(spec.batchSize, facts.trainExamples);
    if (spec.batchSize > 128 || batch >= spec.batchSize) return null;
    const s = clone(spec);
    s.batchSize = batch;
    return s;
  },
};

/** The largest power of two (at least 8) that gives `examples` MIN_STEPS batches. */
const stepBatch = (batch: number, examples: number) => Math.min(batch, Math.max(8, 2 ** Math.floor(Math.log2(examples / MIN_STEPS))));

export const normalizeInputs: Edit = {
  id: 'normalize',
  tip: TIP.normalize,
  describe: (s) => `inputs ${s.data.normalize ?? 'default'} → ${s.data.source.startsWith('csv:') || s.data.source.startsWith('synthetic:') ? 'standardize' : 'scale01'}`,
  apply(spec, facts) {
    const to = facts.images ? 'scale01' : 'standardize';
    if (facts.inputMaxAbs <= 5 || spec.data.normalize === to) return null;
    const s = clone(spec);
    s.data.normalize = to;
    return s;
  },
};

/** Hidden dense layers: linear → batchnorm → activation, the usual place for batchnorm. */
export const addBatchnorm: Edit = {
  id: 'batchnorm',
  tip: TIP.structure,
  describe: () => 'batchnorm after each hidden dense layer',
  apply(spec) {
    if (spec.model.layers.some((L) => L.type === 'batchnorm')) return null;
    const layers: LayerSpec[] = [];
    const last = spec.model.layers.length - 1;
    spec.model.layers.forEach((L, i) => {
      if (i < last && L.type === 'dense' && L.activation !== 'linear') {
        layers.push({ ...L, activation: 'linear' }, { type: 'batchnorm', momentum: 0.1, eps: 1e-5 }, { type: 'activation', fn: L.activation });
      } else layers.push(structuredClone(L));
    });
    if (layers.length === spec.model.layers.length) return null;
    const s = clone(spec);
    s.model.layers = layers;
    return s;
  },
};

type Init = Spec['model']['init'];
const handSet = (init: Init) => typeof init !== 'string';

/** The initialisation set to `scheme(spec)`, where `replaces` allows the one the spec has. */
function setInit(id: string, replaces: (init: Init) => boolean, scheme: (spec: Spec) => Init): Edit {
  return {
    id,
    tip: TIP.structure,
    describe: (s) => `initialisation ${JSON.stringify(s.model.init)} → ${scheme(s)}`,
    apply(spec) {
      if (!replaces(spec.model.init)) return null;
      const s = clone(spec);
      s.model.init = scheme(spec);
      return s;
    },
  };
}

export const heInit = setInit('he_init', (init) => init !== 'he_uniform', () => 'he_uniform');

/** Glorot's initialisation, made for sigmoid and tanh units, in place of a hand-set one. */
export const glorotInit = setInit('glorot_init', handSet, () => 'glorot_uniform');

/**
 * A hand-set initial scale replaced by the fan-in scale its units were made for: He's for a
 * network of ReLU-like hidden units, Glorot's otherwise. Null for the named schemes.
 */
export const fanInInit = setInit('fan_in_init', handSet, (spec) => fanInScheme(spec));

const hiddenActivations = (spec: Spec) => hidden(spec).flatMap((L) => (L.type === 'activation' ? [L.fn] : 'activation' in L && L.activation !== 'linear' ? [L.activation] : []));
const fanInScheme = (spec: Spec) => (hiddenActivations(spec).every((fn) => RELU_LIKE.has(fn)) ? 'he_uniform' : 'glorot_uniform');

export const clipGradients: Edit = {
  id: 'clip',
  tip: TIP.regularization,
  describe: () => 'clip gradients at global norm 1',
  apply(spec) {
    if (spec.regularization?.clipNorm !== undefined) return null;
    const s = clone(spec);
    s.regularization = { l1: 0, ...s.regularization, clipNorm: 1 };
    return s;
  },
};

/** No edit makes a hidden layer wider than this: enough for the data sets here, and a 4-byte
 * weight matrix of 1024² is 4 MiB, where ×16 of a wide layer would be gigabytes. */
const MAX_WIDTH = 1024;

/** Hidden dense and maxout widths × factor, at most MAX_WIDTH. */
export function widen(factor: number): Edit {
  const wider = (w: number) => Math.max(w, Math.min(w * factor, MAX_WIDTH));
  return {
    id: `widen×${factor}`,
    tip: TIP.structure,
    describe: (s) => `hidden widths ${hiddenWidths(s).join(', ')} → ${hiddenWidths(s).map(wider).join(', ')}`,
    apply(spec) {
      if (hiddenWidths(spec).every((w) => wider(w) === w)) return null;
      const s = clone(spec);
      for (const L of hidden(s)) if (L.type === 'dense' || L.type === 'maxout') L.units = wider(L.units);
      return s;
    },
  };
}

const hiddenWidths = (s: Spec) => hidden(s).flatMap((L) => (L.type === 'dense' || L.type === 'maxout' ? [L.units] : []));

/**
 * A hidden layer narrower than the classes, between wider ones, squeezes what the network knows
 * through fewer numbers than it must tell apart (the diagnosis calls it a bottleneck): such layers
 * get the width of the widest hidden layer, the others stay. Widening every layer by a factor
 * (`widen`) pays for the wide ones too and can leave the narrow one still too narrow.
 */
export const widenBottleneck: Edit = {
  id: 'widen_bottleneck',
  tip: TIP.structure,
  describe: (s) => `hidden layers narrower than the classes → ${Math.max(0, ...hiddenWidths(s))} units, as the widest (widths now ${hiddenWidths(s).join(', ')})`,
  apply(spec, facts) {
    const widths = hiddenWidths(spec);
    const widest = Math.max(0, ...widths);
    if (!widths.some((w) => w < facts.classes && w < widest)) return null;
    const s = clone(spec);
    for (const L of hidden(s)) if ((L.type === 'dense' || L.type === 'maxout') && L.units < facts.classes) L.units = widest;
    return s;
  },
};

/** Units of the hidden layer `deepen` gives a net that has none: a small MLP's usual width. */
const FIRST_HIDDEN_UNITS = 64;

/**
 * One more hidden dense layer like the last hidden one; a net with no hidden dense layer (a
 * linear classifier, or convolutions straight into the output) gets a ReLU layer of 64 units
 * before its output.
 */
export const deepen: Edit = {
  id: 'deepen',
  tip: TIP.structure,
  describe: (s) =>
    hidden(s).some((L) => L.type === 'dense') ? 'one more hidden layer' : `a hidden layer (dense ${FIRST_HIDDEN_UNITS}, relu) before the output`,
  apply(spec) {
    const layers = spec.model.layers;
    if (layers.length === 0) return null;
    const lastHidden = layers.slice(0, -1).findLastIndex((L) => L.type === 'dense');
    const s = clone(spec);
    if (lastHidden >= 0) s.model.layers.splice(lastHidden + 1, 0, structuredClone(layers[lastHidden]));
    else s.model.layers.splice(layers.length - 1, 0, { type: 'dense', units: FIRST_HIDDEN_UNITS, activation: 'relu' });
    return s;
  },
};

/** A stack of more hidden dense layers than this is deep for the MLPs a spec describes. */
const DEEP_STACK = 4;
/** Hidden dense layers `shallower` keeps, and the width it gives them at least. */
const SHALLOW_DEPTH = 2;
const SHALLOW_WIDTH = 64;

/**
 * "Another network structure": a deep stack of hidden dense layers cut to its first two, each at
 * least 64 units wide. Gradients through many narrow layers vanish or die, and a couple of wider
 * layers can express what the small data sets here need. The layers that belong to a removed
 * dense layer (its batchnorm, activation, dropout) go with it.
 */
export const shallower: Edit = {
  id: 'shallower',
  tip: TIP.structure,
  describe: (s) => `${hiddenDenseCount(s)} hidden dense layers → ${SHALLOW_DEPTH}, at least ${SHALLOW_WIDTH} units wide`,
  apply(spec) {
    if (hiddenDenseCount(spec) <= DEEP_STACK) return null;
    const last = spec.model.layers.length - 1;
    const layers: LayerSpec[] = [];
    let kept = 0;
    let dropping = false;
    spec.model.layers.forEach((L, i) => {
      if (i < last && L.type === 'dense') {
        dropping = kept === SHALLOW_DEPTH;
        if (!dropping) {
          kept++;
          layers.push({ ...structuredClone(L), units: Math.min(Math.max(L.units, SHALLOW_WIDTH), MAX_WIDTH) });
        }
      } else {
        if (L.type === 'conv2d' || L.type === 'maxout') dropping = false;
        if (i === last || !dropping) layers.push(structuredClone(L));
      }
    });
    const s = clone(spec);
    s.model.layers = layers;
    return s;
  },
};

const hiddenDenseCount = (s: Spec) => hidden(s).filter((L) => L.type === 'dense').length;

export const earlyStopping: Edit = {
  id: 'early_stopping',
  tip: TIP.earlyStopping,
  describe: () => 'early stopping on val_loss (patience 3, best weights restored)',
  apply(spec, facts) {
    if (spec.earlyStopping !== undefined || !facts.hasValidation) return null;
    const s = clone(spec);
    s.earlyStopping = { monitor: 'val_loss', patience: 3, minDelta: 0, restoreBestWeights: true };
    return s;
  },
};

/** Weight decay in the training tips' multiplicative form: w ← (1 − λ)w − η∇. */
export function weightDecay(lambda: number): Edit {
  return {
    id: `weight_decay_${lambda}`,
    tip: TIP.weightDecay,
    describe: () => `weight decay w ← ${1 - lambda}·w − η∇ (the lecture's form)`,
    apply(spec) {
      if (spec.regularization?.weightDecay !== undefined) return null;
      const s = clone(spec);
      s.regularization = { l1: 0, ...s.regularization, weightDecay: { mode: 'multiplicative', value: lambda } };
      return s;
    },
  };
}

/** Dropout at `rate` after every hidden dense/maxout layer. */
export function dropout(rate: number): Edit {
  return {
    id: `dropout_${rate}`,
    tip: TIP.dropout,
    describe: () => `dropout ${rate} after each hidden layer`,
    apply(spec) {
      if (spec.model.layers.some((L) => L.type === 'dropout')) return null;
      const last = spec.model.layers.length - 1;
      const layers = spec.model.layers.flatMap((L, i): LayerSpec[] =>
        i < last && (L.type === 'dense' || L.type === 'maxout') ? [structuredClone(L), { type: 'dropout', rate, mode: 'inverted' }] : [structuredClone(L)],
      );
      if (layers.length === spec.model.layers.length) return null;
      const s = clone(spec);
      s.model.layers = layers;
      return s;
    },
  };
}

/** Dropout of 0.5 or more taken out: it can keep a network from fitting even its training set. */
export const removeDropout: Edit = {
  id: 'no_dropout',
  tip: TIP.dropout,
  describe: (s) => `dropout ${[...new Set(s.model.layers.flatMap((L) => (L.type === 'dropout' ? [L.rate] : [])))].join(', ')} removed`,
  apply(spec) {
    if (!spec.model.layers.some((L) => L.type === 'dropout' && L.rate >= 0.5)) return null;
    const s = clone(spec);
    s.model.layers = s.model.layers.filter((L) => L.type !== 'dropout');
    return s;
  },
};

export const augment: Edit = {
  id: 'augmentation',
  tip: TIP.data,
  describe: (_s) => 'augmentation: rotations ±10°, shifts ±2 pixels',
  apply(spec, facts) {
    if (spec.augmentation !== undefined || !facts.images) return null;
    const s = clone(spec);
    s.augmentation = { rotate: 10, shift: 2, flipHorizontal: false, noise: 0 };
    return s;
  },
};

/** Every edit the doctor knows, for random search over the same space. */
export const ALL_EDITS: readonly Edit[] = [
  useCrossEntropy,
  softmaxOutput,
  sigmoidOneUnit,
  useRelu,
  reluForLinear,
  useLeakyRelu,
  usualLearningRate,
  useAdam,
  scaleLearningRate(10),
  scaleLearningRate(0.1),
  scaleLearningRate(0.01),
  useMomentum,
  smallerBatches,
  moreSteps,
  normalizeInputs,
  addBatchnorm,
  heInit,
  glorotInit,
  clipGradients,
  widenBottleneck,
  widen(4),
  widen(16),
  deepen,
  shallower,
  earlyStopping,
  weightDecay(1e-4),
  dropout(0.2),
  dropout(0.5),
  removeDropout,
  augment,
];
