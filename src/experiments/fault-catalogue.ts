import { parseSpec } from '../spec/load.js';
import type { LayerSpec, Spec, SpecInput } from '../spec/schema.js';
import { Random } from '../util/random.js';

/**
 * The generated fault benchmark, built as AUTOTRAINER built theirs (Zhang et al., ICSE 2021):
 * healthy seed runs, each broken by one fault drawn at random from a catalogue, plus healthy
 * controls. Every case is a pure function of the benchmark seed and its index, so a case list
 * is reproducible; even indices form the development half, odd ones the evaluation half.
 */

const dense = (units: number, activation: 'relu' | 'softmax'): LayerSpec => ({ type: 'dense', units, activation });
const adam = (lr: number) => ({ type: 'adam' as const, lr });

/** Small healthy runs, each a few seconds an epoch at most, trained for at most 8 epochs. */
export const SEED_RUNS: Record<string, SpecInput> = {
  'mlp-mnist': {
    data: { source: 'mnist-sample', trainLimit: 3000 },
    model: { layers: [dense(64, 'relu'), dense(10, 'softmax')] },
    optimizer: adam(1e-3),
    epochs: 6,
  },
  'cnn-mnist': {
    data: { source: 'mnist-sample', trainLimit: 2000 },
    model: {
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3, padding: 'same', activation: 'relu' },
        { type: 'maxpool2d', size: 2 },
        { type: 'flatten' },
        dense(32, 'relu'),
        dense(10, 'softmax'),
      ],
    },
    optimizer: adam(1e-3),
    epochs: 5,
  },
  'mlp-fashion': {
    data: { source: 'fashion-mnist', trainLimit: 3000 },
    model: { layers: [dense(128, 'relu'), dense(10, 'softmax')] },
    optimizer: adam(1e-3),
    epochs: 6,
  },
  circles: {
    data: { source: 'synthetic:circles', samples: 2000 },
    model: { layers: [dense(32, 'relu'), dense(32, 'relu'), dense(2, 'softmax')] },
    optimizer: adam(0.01),
    epochs: 8,
  },
  blobs: {
    data: { source: 'synthetic:blobs', samples: 2000, classes: 4, noise: 0.3 },
    model: { layers: [dense(32, 'relu'), dense(4, 'softmax')] },
    optimizer: adam(0.01),
    epochs: 6,
  },
  spirals: {
    data: { source: 'synthetic:spirals', samples: 3000, classes: 3 },
    model: { layers: [dense(64, 'relu'), dense(64, 'relu'), dense(3, 'softmax')] },
    optimizer: adam(0.01),
    epochs: 8,
  },
  xor: {
    data: { source: 'synthetic:xor', samples: 2000 },
    model: { layers: [dense(32, 'relu'), dense(32, 'relu'), dense(2, 'softmax')] },
    optimizer: adam(0.01),
    epochs: 8,
  },
};

/** A fault: breaks a healthy spec, or returns null where it does not apply. */
type Fault = (spec: Spec, rng: Random) => { spec: Spec; detail: string } | null;

const pick = <T>(rng: Random, options: readonly T[]): T => options[rng.int(options.length)];
const isImage = (spec: Spec) => spec.data.source === 'mnist-sample' || spec.data.source === 'fashion-mnist';
const hiddenDense = (spec: Spec) => spec.model.layers.slice(0, -1).flatMap((L, i) => (L.type === 'dense' ? [i] : []));
const trainSize = (spec: Spec) => spec.data.trainLimit ?? Math.round((spec.data.samples ?? 2000) * (1 - spec.data.validationSplit));

function edited(spec: Spec, change: (s: Spec) => void): Spec {
  const s = structuredClone(spec);
  change(s);
  return s;
}

/** The catalogue: AUTOTRAINER's and DeepFD's fault types that a spec can express. */
export const FAULTS: Record<string, Fault> = {
  lr_high(spec, rng) {
    const k = pick(rng, [2, 3]);
    const lr = Number((spec.optimizer.lr * 10 ** k).toPrecision(3));
    return { spec: edited(spec, (s) => (s.optimizer.lr = lr)), detail: `learning rate ${spec.optimizer.lr} → ${lr}` };
  },
  lr_low(spec, rng) {
    const k = pick(rng, [2, 3]);
    const lr = Number((spec.optimizer.lr * 10 ** -k).toPrecision(3));
    return { spec: edited(spec, (s) => (s.optimizer.lr = lr)), detail: `learning rate ${spec.optimizer.lr} → ${lr}` };
  },
  optimizer(spec, rng) {
    const o = pick(rng, [
      { type: 'sgd', lr: 1e-3 },
      { type: 'adagrad', lr: 1e-4 },
      { type: 'rmsprop', lr: 0.1 },
    ] as const);
    return { spec: edited(spec, (s) => (s.optimizer = parseSpec({ ...spec, optimizer: o }).optimizer)), detail: `optimizer ${o.type} at lr ${o.lr}` };
  },
  loss(spec, rng) {
    const loss = pick(rng, ['mse', 'mae'] as const);
    return { spec: edited(spec, (s) => (s.loss = loss)), detail: `loss ${loss} on a softmax` };
  },
  output_activation(spec, rng) {
    const fn = pick(rng, ['relu', 'sigmoid'] as const);
    return {
      spec: edited(spec, (s) => {
        const last = s.model.layers[s.model.layers.length - 1];
        if (last.type === 'dense') last.activation = fn;
      }),
      detail: `output activation ${fn} under cross-entropy`,
    };
  },
  hidden_activation(spec, rng) {
    const fn = pick(rng, ['sigmoid', 'linear', 'tanh'] as const);
    return {
      spec: edited(spec, (s) => {
        for (const L of s.model.layers.slice(0, -1)) if (L.type === 'dense' || L.type === 'conv2d') L.activation = fn;
      }),
      detail: `hidden activations ${fn}`,
    };
  },
  init_scale(spec, rng) {
    const std = pick(rng, [1e-4, 1, 3]);
    return { spec: edited(spec, (s) => (s.model.init = { normal: std })), detail: `initial weights N(0, ${std}²)` };
  },
  depth(spec, rng) {
    const at = hiddenDense(spec);
    if (at.length === 0) return null;
    const depth = pick(rng, [8, 12]);
    const width = pick(rng, [8, 16]);
    const first = spec.model.layers[at[0]] as Extract<LayerSpec, { type: 'dense' }>;
    return {
      spec: edited(spec, (s) => {
        const stack = Array.from({ length: depth }, (): LayerSpec => ({ ...first, units: width }));
        s.model.layers.splice(at[0], at.length, ...stack);
      }),
      detail: `${depth} hidden layers of ${width} ${first.activation} units`,
    };
  },
  bottleneck(spec, rng) {
    const at = hiddenDense(spec);
    if (at.length === 0) return null;
    const width = pick(rng, [1, 2]);
    const first = spec.model.layers[at[0]] as Extract<LayerSpec, { type: 'dense' }>;
    return { spec: edited(spec, (s) => s.model.layers.splice(at[0] + 1, 0, { ...first, units: width })), detail: `a hidden layer of ${width} unit${width > 1 ? 's' : ''}` };
  },
  batch_size(spec) {
    const n = trainSize(spec);
    return { spec: edited(spec, (s) => (s.batchSize = n)), detail: `batch size ${n} (the whole training set)` };
  },
  normalization_off(spec) {
    if (!isImage(spec)) return null;
    return { spec: edited(spec, (s) => (s.data.normalize = 'none')), detail: 'raw 0-255 pixels' };
  },
  dropout_high(spec, rng) {
    const rate = pick(rng, [0.8, 0.9]);
    const last = spec.model.layers.length - 1;
    return {
      spec: edited(spec, (s) => {
        s.model.layers = s.model.layers.flatMap((L, i): LayerSpec[] => (i < last && L.type === 'dense' ? [L, { type: 'dropout', rate, mode: 'inverted' }] : [L]));
      }),
      detail: `dropout ${rate} after each hidden layer`,
    };
  },
  little_data(spec, rng) {
    const share = pick(rng, [0.05, 0.1]);
    return {
      spec: edited(spec, (s) => {
        if (isImage(s)) s.data.trainLimit = Math.round(trainSize(spec) * share);
        else s.data.samples = Math.max(40, Math.round((spec.data.samples ?? 2000) * share));
      }),
      detail: `${Math.round(share * 100)}% of the training data`,
    };
  },
};

export interface BenchCase {
  /** e.g. "dev-03 lr_high mlp-mnist". */
  name: string;
  index: number;
  split: 'dev' | 'eval';
  seedRun: string;
  /** The fault kind, or "control" for a healthy seed run left as it is. */
  kind: string;
  detail: string;
  /** The healthy seed run with the case's seed: what the target is measured on. */
  healthy: Spec;
  spec: Spec;
}

/** One in this many cases is a healthy control. */
const CONTROL_EVERY = 6;

/** Case `index` of the benchmark with seed `seed` (index even: development half, odd: evaluation). */
export function benchCase(seed: number, index: number): BenchCase {
  const rng = Random.stream(seed, `fault-bench case ${index}`);
  const seedRun = pick(rng, Object.keys(SEED_RUNS));
  const healthy = parseSpec({ ...SEED_RUNS[seedRun], name: seedRun, seed: 1 + rng.int(10_000) }, `fault-bench:${seedRun}`);
  const split = index % 2 === 0 ? 'dev' : 'eval';
  const label = (kind: string) => `${split}-${String(index >> 1).padStart(2, '0')} ${kind} ${seedRun}`;
  if (rng.int(CONTROL_EVERY) === 0) return { name: label('control'), index, split, seedRun, kind: 'control', detail: 'healthy', healthy, spec: healthy };
  const kinds = Object.keys(FAULTS);
  for (;;) {
    const kind = pick(rng, kinds);
    const broken = FAULTS[kind](healthy, rng);
    if (broken === null || JSON.stringify(broken.spec) === JSON.stringify(healthy)) continue;
    return { name: label(kind), index, split, seedRun, kind, detail: broken.detail, healthy, spec: { ...broken.spec, name: `${seedRun} with ${kind}` } };
  }
}

/** The first `count` cases of a half. */
export function benchCases(seed: number, split: 'dev' | 'eval', count: number): BenchCase[] {
  return Array.from({ length: count }, (_, j) => benchCase(seed, 2 * j + (split === 'dev' ? 0 : 1)));
}
