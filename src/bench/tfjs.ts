/**
 * The TensorFlow.js twin of a benchmark spec: the same layers, loss, optimizer and batch size,
 * trained on the same batches (remedy's loader and shuffling), on TF.js's `wasm` and pure-JS `cpu`
 * backends. tfjs-node is left out on purpose: it downloads a native binary at install.
 *
 * TF.js is 35-150 times slower than PyTorch on these workloads (minutes to hours an epoch), so a
 * fixed number of steps is timed after a warm-up and the epoch time is extrapolated from them.
 * The loop is `optimizer.minimize` per batch, faster here than `model.fit`, whose per-batch
 * callbacks and bookkeeping add about a quarter to the MLP's step.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { batches, type Batch, type DataSplits } from '../data/index.js';
import type { Spec } from '../spec/schema.js';
import { Random } from '../util/random.js';
import type { Skipped } from './skipped.js';

type Tfjs = typeof TF;

export const TFJS_BACKENDS = ['wasm', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

export interface TfjsBudget {
  /** Steps to time after the warm-up. */
  steps: number;
  warmup: number;
  /** Stop timing early past this many seconds (at least one step is timed): TF.js's cpu backend takes half a minute a CNN step. */
  seconds: number;
}

export const DEFAULT_TFJS_BUDGET: TfjsBudget = { steps: 50, warmup: 5, seconds: 120 };

export interface TfjsTiming {
  version: string;
  backend: TfjsBackend;
  /** TF.js's backend as it ran: Node gets the single-threaded wasm build (tfjs#3830). */
  label: string;
  warmupSteps: number;
  stepsTimed: number;
  secondsPerStep: number;
  stepsPerEpoch: number;
  /** secondsPerStep × stepsPerEpoch: extrapolated, not measured. */
  epochSeconds: number;
  /** The loss of the first warm-up step and of the last timed one: evidence the twin trains. */
  loss: { first: number; last: number };
}

/**
 * Loads TF.js (a dev dependency: absent from a production install) with its wasm backend reading
 * the .wasm files from node_modules, never from the network, and in production mode, which skips
 * debug checks and the console advice to install tfjs-node.
 */
export async function loadTfjs(): Promise<Tfjs> {
  let tf: Tfjs;
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
  try {
    tf = await import('@tensorflow/tfjs');
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch {
    throw new Error('no TF.js comparison: @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm are not installed (they are dev dependencies)');
  }
  const wasmDist = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  wasm.setWasmPaths(wasmDist + path.sep);
  tf.enableProdMode();
  return tf;
}

/** Times training steps of the spec's TF.js twin on `backend`; skipped when TF.js cannot train it there. */
export async function timeTfjsSteps(tf: Tfjs, spec: Spec, data: DataSplits, backend: TfjsBackend, budget: TfjsBudget): Promise<TfjsTiming | Skipped> {
  if (!(await tf.setBackend(backend))) return { skipped: `TF.js ${backend} backend failed to initialize` };
  const label = backend === 'wasm' ? `wasm (${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD'}, 1 thread)` : 'cpu (JavaScript, 1 thread)';
  const twin = buildTwin(tf, spec, data);
  try {
    const nextBatch = batchCycle(spec, data);
    const losses: number[] = [];
    const step = () => losses.push(twin.step(nextBatch()));
    const warmupSteps = runFor(step, budget.warmup, budget.seconds / 4);
    if (warmupSteps.error) return { skipped: `TF.js ${backend} cannot train this model: ${warmupSteps.error}` };
    const start = performance.now();
    const timed = runFor(step, budget.steps, budget.seconds);
    if (timed.error) return { skipped: `TF.js ${backend} failed after ${warmupSteps.steps + timed.steps} steps: ${timed.error}` };
    const secondsPerStep = (performance.now() - start) / 1000 / timed.steps;
    const stepsPerEpoch = Math.ceil(data.train.n / spec.batchSize);
    return {
      version: tf.version_core,
      backend,
      label,
      warmupSteps: warmupSteps.steps,
      stepsTimed: timed.steps,
      secondsPerStep,
      stepsPerEpoch,
      epochSeconds: secondsPerStep * stepsPerEpoch,
      loss: { first: losses[0], last: losses[losses.length - 1] },
    };
  } finally {
    twin.dispose();
  }
}

/** Runs up to `steps` steps, stopping after the first one that ends past `seconds`; reports an error (a missing kernel) rather than throwing. */
function runFor(step: () => void, steps: number, seconds: number): { steps: number; error?: string } {
  const start = performance.now();
  let done = 0;
  while (done < Math.max(1, steps)) {
    try {
      step();
    } catch (e) {
      return { steps: done, error: e instanceof Error ? e.message : String(e) };
    }
    done++;
    if ((performance.now() - start) / 1000 > seconds) break;
  }
  return { steps: done };
}

/** The spec's batches, epoch after epoch, shuffled by remedy's own generator as its trainer does. */
function batchCycle(spec: Spec, data: DataSplits): () => Batch {
  const rng = spec.data.shuffle ? Random.stream(spec.seed, 'shuffle') : null;
  let epoch = batches(data.train, spec.batchSize, rng)[Symbol.iterator]();
  return () => {
    let next = epoch.next();
    if (next.done) {
      epoch = batches(data.train, spec.batchSize, rng)[Symbol.iterator]();
      next = epoch.next();
    }
    return next.value as Batch;
  };
}

/** TF.js's names for remedy's activations; the rest have no exact TF.js twin (leaky_relu's slope differs). */
const ACTIVATIONS: Record<string, NonNullable<Parameters<Tfjs['layers']['dense']>[0]>['activation']> = {
  linear: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  elu: 'elu',
  selu: 'selu',
  softplus: 'softplus',
};

interface Twin {
  step(b: Batch): number;
  dispose(): void;
}

/**
 * The spec's network in TF.js layers. Images go in as [H, W, 1]: for one channel that is the
 * same memory as remedy's [1, H, W], so the batches need no transposing. Flattening later maps
 * orders their features (h, w, c) where remedy orders them (c, h, w): that only permutes the next
 * dense layer's weights, the same work. A final softmax is left to the loss, as remedy fuses it
 * with cross-entropy.
 */
function buildTwin(tf: Tfjs, spec: Spec, data: DataSplits): Twin {
  const refuse = (what: string): never => {
    throw new Error(`the TF.js twin does not support ${what}`);
  };
  if (spec.loss !== 'cross_entropy') refuse(`the ${spec.loss} loss`);
  if (spec.regularization !== undefined || spec.augmentation !== undefined || spec.schedule !== undefined) refuse('regularization, augmentation or schedules');
  const layers = spec.model.layers;
  const images = layers.some((l) => l.type === 'conv2d' || l.type === 'maxpool2d');
  const [channels, height, width] = data.sampleShape;
  if (images && (data.sampleShape.length !== 3 || channels !== 1)) refuse(`convolutions on samples of shape [${data.sampleShape.join(', ')}]`);
  const inputShape = images ? [height, width, 1] : [data.sampleShape.reduce((a, b) => a * b, 1)];
  const model = tf.sequential();
  let flat = !images;
  layers.forEach((l, i) => {
    const first = i === 0 ? { inputShape } : {};
    const finalSoftmax = i === layers.length - 1 && 'activation' in l && l.activation === 'softmax';
    const activation = () => {
      const name = finalSoftmax ? 'linear' : 'activation' in l ? l.activation : 'linear';
      return ACTIVATIONS[name] ?? refuse(`the ${name} activation`);
    };
    if (l.type === 'dense') {
      // remedy's dense layer flattens its input; TF.js's would act on the last axis alone
      if (!flat) model.add(tf.layers.flatten(first));
      model.add(tf.layers.dense({ ...(flat ? first : {}), units: l.units, activation: activation() }));
      flat = true;
    } else if (l.type === 'conv2d') {
      model.add(tf.layers.conv2d({ ...first, filters: l.filters, kernelSize: l.kernel, strides: l.stride, padding: l.padding, activation: activation() }));
    } else if (l.type === 'maxpool2d') model.add(tf.layers.maxPooling2d({ ...first, poolSize: l.size, strides: l.size }));
    else if (l.type === 'flatten') {
      model.add(tf.layers.flatten(first));
      flat = true;
    }
    else refuse(`${l.type} layers`);
  });
  const optimizer = twinOptimizer(tf, spec.optimizer, refuse);
  return {
    step(b) {
      return tf.tidy(() => {
        const x = tf.tensor(b.x, [b.size, ...inputShape]);
        const y = tf.oneHot(tf.tensor1d(b.y, 'int32'), data.classes);
        const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as TF.Tensor), true);
        // reading the loss, as remedy's step does, also waits for the step to finish
        return loss!.dataSync()[0];
      });
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
    },
  };
}

function twinOptimizer(tf: Tfjs, o: Spec['optimizer'], refuse: (what: string) => never): TF.Optimizer {
  if ('weight_decay' in o && o.weight_decay !== 0) refuse('weight decay');
  if (o.type === 'adam') return tf.train.adam(o.lr, o.betas[0], o.betas[1], o.eps);
  if (o.type === 'sgd' && o.momentum === 0) return tf.train.sgd(o.lr);
  return refuse(`the ${o.type} optimizer`);
}
