import { augmentBatch } from '../data/augment.js';
import { batches, type Batch, type Dataset, type DataSplits } from '../data/index.js';
import { InputError } from '../errors.js';
import { LOSS_BY_NAME, type Loss } from '../losses/index.js';
import { buildModel } from '../nn/build.js';
import type { Model } from '../nn/model.js';
import { Optimizer } from '../optim/optimizer.js';
import type { State } from '../optim/transform.js';
import { optimizerTransform } from '../optim/optimizers.js';
import type { Spec } from '../spec/schema.js';
import { activeBackend } from '../backend/select.js';
import { freePersistent, scratchScope } from '../tensor/memory.js';
import { Tensor, noGrad } from '../tensor/tensor.js';
import { Random } from '../util/random.js';
import type { Callback } from './callback.js';
import { EarlyStopping } from './callbacks/early-stopping.js';
import { requireValidation } from './callbacks/monitor.js';
import { ReduceLROnPlateau } from './callbacks/reduce-on-plateau.js';
import { terminateOnNaN } from './callbacks/terminate-on-nan.js';
import type { EpochRecord, Evaluation, TrainResult } from './history.js';
import { learningRateAt } from './schedule.js';
import { SignalRecorder } from './signals.js';

/** Rows per forward pass when evaluating: large for speed, small enough for a CNN's activations. */
const EVAL_BATCH = 500;

/** Progress inside an epoch: enough to resume it at the next batch. */
export interface EpochProgress {
  /** Batches done. */
  batch: number;
  lossSum: number;
  correct: number;
  seen: number;
  lr: number;
  /** The shuffling generator's state when the epoch began: it draws the epoch's permutation. */
  shuffleState: number[];
}

/**
 * A training run of one spec on loaded data: the model, its loss and optimizer, the callbacks the
 * spec asks for (early stopping, reduce-on-plateau; NaN detection and the training signals
 * always) and the random streams for shuffling,
 * dropout and augmentation (separate, so adding dropout does not change the order of batches).
 * `fit` runs the epochs; each epoch is one pass over the shuffled training set.
 */
export class Trainer {
  readonly model: Model;
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  readonly shuffleRng: Random;
  readonly dropoutRng: Random;
  readonly augmentRng: Random;
  /** Callbacks made from the spec, run before any passed to fit(). */
  readonly specCallbacks: Callback[];
  readonly history: EpochRecord[] = [];
  readonly baseLr: number;
  /** A factor on the scheduled rate, lowered by ReduceLROnPlateau. */
  lrScale = 1;
  epoch = 0;
  /** The epochs this run is planned for: the end point of the learning-rate schedule. */
  plannedEpochs: number;
  /** When set, sees every layer's output in training forward passes (see signals.ts). */
  observer: ((layerIndex: number, output: Tensor) => void) | null = null;
  /** Where the current epoch stands; null between epochs. Part of a checkpoint. */
  progress: EpochProgress | null = null;
  /** Set (by Ctrl-C) to stop before the next batch; see trainEpoch. */
  interrupted = false;
  stopReason: string | null = null;
  /** The loss became NaN or infinite. */
  diverged = false;

  constructor(
    readonly spec: Spec,
    readonly data: DataSplits,
    file = 'spec',
  ) {
    activeBackend(); // before the model: its parameters are made where the backend wants them
    this.model = buildModel(spec, data.sampleShape, data.classes, file);
    this.loss = LOSS_BY_NAME[spec.loss];
    if (this.model.outputUnits === 1 && this.loss.oneUnitThreshold === null) {
      throw new InputError(`${spec.loss} needs an output unit per class; a one-unit output for 2 classes takes binary_cross_entropy, mse, mae or hinge`, file, 'loss');
    }
    const params = this.model.parameters().map(([, t]) => t);
    // one unit's incoming weights: a row of a dense or conv weight; biases and batchnorm have none
    const rowLengths = params.map((t) => (t.ndim >= 2 ? t.size / t.shape[0] : null));
    this.optimizer = new Optimizer(params, optimizerTransform(spec.optimizer, spec.regularization, rowLengths));
    this.shuffleRng = Random.stream(spec.seed, 'shuffle');
    this.dropoutRng = Random.stream(spec.seed, 'dropout');
    this.augmentRng = Random.stream(spec.seed, 'augment');
    this.baseLr = spec.optimizer.lr;
    this.plannedEpochs = spec.epochs;
    this.specCallbacks = [terminateOnNaN, new SignalRecorder()];
    const hasValidation = data.validation !== null;
    if (spec.earlyStopping) {
      requireValidation(spec.earlyStopping.monitor, hasValidation, file, 'earlyStopping.monitor');
      this.specCallbacks.push(new EarlyStopping(spec.earlyStopping));
    }
    if (spec.schedule?.type === 'plateau') {
      requireValidation(spec.schedule.monitor, hasValidation, file, 'schedule.monitor');
      this.specCallbacks.push(new ReduceLROnPlateau(spec.schedule));
    }
    const a = spec.augmentation;
    if (a && (a.rotate > 0 || a.shift > 0 || a.flipHorizontal) && data.sampleShape.length !== 3) {
      const field = a.rotate > 0 ? 'rotate' : a.shift > 0 ? 'shift' : 'flipHorizontal';
      throw new InputError(`needs image data [channels, height, width]; the examples here are [${data.sampleShape.join(', ')}]`, file, `augmentation.${field}`);
    }
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.data.train.n / this.spec.batchSize);
  }

  /** The learning rate of step `step` (from 0) of the current epoch. */
  lrAt(step: number): number {
    return this.lrScale * learningRateAt(this.spec.schedule, this.baseLr, this.plannedEpochs, this.stepsPerEpoch, this.epoch, step);
  }

  /** Asks the loop to stop after the current epoch. */
  stop(reason: string): void {
    this.stopReason ??= reason;
  }

  /** Stops at once: the loss is no longer finite, so nothing after this batch is meaningful. */
  diverge(): void {
    this.diverged = true;
    this.stop('diverged: the loss is no longer finite');
  }

  /**
   * The model's output for the loss: when the network ends in the activation the loss absorbs,
   * that activation is left to the loss. Returns the output and whether it was left out.
   */
  forward(x: Tensor, training: boolean): { out: Tensor; fused: boolean } {
    const final = this.model.finalActivation;
    const fused = final === null || final.name === this.loss.fuses;
    const observe = training ? (this.observer ?? undefined) : undefined;
    const out = this.model.forward(x, { training, rng: this.dropoutRng, observe }, this.loss.fuses);
    return { out, fused };
  }

  private batchTensor(x: Float32Array, size: number): Tensor {
    return new Tensor(x, [size, ...this.data.sampleShape]);
  }

  /**
   * Trains to the end of the current epoch (from where `progress` says it stands) and returns its
   * mean loss, accuracy and last rate, or null when interrupted in between (progress is kept, so
   * a checkpoint taken then resumes at the next batch).
   */
  async trainEpoch(callbacks: readonly Callback[] = []): Promise<(Evaluation & { lr: number }) | null> {
    const p = (this.progress ??= { batch: 0, lossSum: 0, correct: 0, seen: 0, lr: this.lrAt(0), shuffleState: this.shuffleRng.state() });
    // the epoch's permutation comes from the generator state at its start, also after a resume
    this.shuffleRng.setState(p.shuffleState);
    const rng = this.spec.data.shuffle ? this.shuffleRng : null;
    const pending = batches(this.data.train, this.spec.batchSize, rng, p.batch)[Symbol.iterator]();
    for (;;) {
      if (this.interrupted) {
        for (const c of callbacks) c.onInterrupt?.(this);
        return null;
      }
      // one scratch scope a step: the batch and every activation and gradient of the step
      // live in memory that the next step reuses
      const finished = scratchScope(() => {
        const { done, value: b } = pending.next();
        if (!done) this.step(b, callbacks, p);
        return done;
      });
      if (finished || this.diverged) break;
      // let signals (Ctrl-C) and timers (progress bars) run between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.progress = null;
    return { loss: p.lossSum / p.seen, acc: p.correct / p.seen, lr: p.lr };
  }

  /** One mini-batch: forward, loss, backward, update. */
  private step(b: Batch, callbacks: readonly Callback[], p: EpochProgress): void {
    const index = p.batch;
    for (const c of callbacks) c.onBatchBegin?.(this, index);
    if (this.spec.augmentation) augmentBatch(b.x, b.size, this.data.sampleShape, this.spec.augmentation, this.augmentRng);
    const x = this.batchTensor(b.x, b.size);
    const masks = this.dropoutRng.state();
    const { out, fused } = this.forward(x, true);
    const loss = this.loss.compute(out, b.y, fused);
    const value = loss.item();
    p.correct += this.countCorrect(out, fused, b.y);
    loss.backward();
    for (const c of callbacks) c.onAfterBackward?.(this, index);
    p.lr = this.lrAt(index);
    this.optimizer.step({ lr: p.lr, batchSize: b.size, gradientAt: (values) => this.gradientAt(values, x, b.y, masks) });
    this.optimizer.zeroGrad();
    p.lossSum += value * b.size;
    p.seen += b.size;
    p.batch++;
    for (const c of callbacks) c.onBatchEnd?.(this, index, value);
  }

  /**
   * The gradient of the loss on batch (x, labels) at parameter values `values`, with the dropout
   * masks drawn from generator state `masks`; parameters, batchnorm statistics and the generator
   * are restored after.
   */
  private gradientAt(values: readonly Float32Array[], x: Tensor, labels: Int32Array, masks: number[]): Float32Array[] {
    const params = this.optimizer.params;
    const buffers = this.model.layers.flatMap((layer) => [...layer.buffers.values()]);
    const saved = [...params, ...buffers].map((t) => t.data.slice());
    const rngAfter = this.dropoutRng.state();
    params.forEach((p, i) => p.data.set(values[i]));
    this.dropoutRng.setState(masks);
    this.optimizer.zeroGrad();
    const { out, fused } = this.forward(x, true);
    this.loss.compute(out, labels, fused).backward();
    const grads = params.map((p) => (p.grad === null ? new Float32Array(p.size) : p.grad.data.slice()));
    [...params, ...buffers].forEach((t, i) => t.data.set(saved[i]));
    this.dropoutRng.setState(rngAfter);
    return grads;
  }

  /** Loss and accuracy on a dataset, in evaluation mode (no dropout, running batchnorm stats). */
  evaluate(ds: Dataset): Evaluation {
    return noGrad(() => {
      let lossSum = 0;
      let correct = 0;
      forEachScoped(batches(ds, EVAL_BATCH, null), (b) => {
        const { out, fused } = this.forward(this.batchTensor(b.x, b.size), false);
        lossSum += this.loss.compute(out, b.y, fused).item() * b.size;
        correct += this.countCorrect(out, fused, b.y);
      });
      return { loss: lossSum / ds.n, acc: correct / ds.n };
    });
  }

  /** Ends a run trained with fit(…, { end: false }): the spec's onTrainEnd callbacks run. */
  end(): void {
    for (const c of this.specCallbacks) c.onTrainEnd?.(this);
  }

  /**
   * Gives back at once the wasm memory of a trainer that will not be used again: parameters,
   * gradients, optimizer state. Internal (the doctor discards many trials, and the garbage
   * collector does not see wasm memory); the trainer must not be used afterwards.
   */
  release(): void {
    const params = this.optimizer.params;
    const grads = params.flatMap((p) => p.takeGradBuffer() ?? []);
    freePersistent([...params.map((p) => p.data), ...grads, ...this.optimizer.updates, ...stateBuffers(this.optimizer.state)]);
  }

  /** counts[label][predicted] over a dataset, in evaluation mode. */
  confusionMatrix(ds: Dataset): number[][] {
    const classes = this.data.classes;
    const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    noGrad(() =>
      forEachScoped(batches(ds, EVAL_BATCH, null), (b) => {
        const { out, fused } = this.forward(this.batchTensor(b.x, b.size), false);
        for (let r = 0; r < b.size; r++) counts[b.y[r]][this.predictedClass(out, fused, r)]++;
      }),
    );
    return counts;
  }

  /**
   * The class row `r` of the loss's input predicts: the largest output, or for a one-unit output
   * class 1 above the loss's threshold (0.5 for a probability, 0 for a logit).
   */
  predictedClass(out: Tensor, fused: boolean, r: number): number {
    const cols = out.shape[1];
    if (cols === 1) return out.data[r] > this.loss.oneUnitThreshold!(fused) ? 1 : 0;
    return argmax(out.data, r * cols, cols);
  }

  /** Rows predicted as their label. */
  private countCorrect(out: Tensor, fused: boolean, labels: Int32Array): number {
    let correct = 0;
    for (let r = 0; r < labels.length; r++) if (this.predictedClass(out, fused, r) === labels[r]) correct++;
    return correct;
  }

  /** The network's output in evaluation mode, final activation included. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.model.forward(x, { training: false, rng: this.dropoutRng }));
  }

  /**
   * Runs epochs until `epochs` in all have run or a callback stops training. The spec's own
   * callbacks run first, then `callbacks` (progress, checkpoints, ...). With `end: false` the
   * run is to be continued by another fit(): onTrainEnd (early stopping's restore of the best
   * weights) waits for `end()`.
   */
  async fit(epochs = this.spec.epochs, callbacks: readonly Callback[] = [], options: { end?: boolean } = {}): Promise<TrainResult> {
    const start = performance.now();
    this.plannedEpochs = epochs;
    const all = [...this.specCallbacks, ...callbacks];
    for (const c of all) c.onTrainBegin?.(this);
    let interrupted = false;
    while (this.epoch < epochs && this.stopReason === null) {
      const t0 = performance.now();
      if (this.progress === null) for (const c of all) c.onEpochBegin?.(this, this.epoch + 1);
      const train = await this.trainEpoch(all);
      if (train === null) {
        interrupted = true;
        break;
      }
      const val = this.data.validation && !this.diverged ? this.evaluate(this.data.validation) : null;
      this.epoch++;
      const record: EpochRecord = {
        epoch: this.epoch,
        loss: train.loss,
        acc: train.acc,
        valLoss: val?.loss ?? null,
        valAcc: val?.acc ?? null,
        lr: train.lr,
        seconds: (performance.now() - t0) / 1000,
      };
      this.history.push(record);
      for (const c of all) c.onEpochEnd?.(this, record);
    }
    if (!interrupted && options.end !== false) for (const c of all) c.onTrainEnd?.(this);
    const diverged = this.diverged;
    return {
      history: this.history,
      test: this.data.test && !diverged && !interrupted ? this.evaluate(this.data.test) : null,
      seconds: (performance.now() - start) / 1000,
      epochsRun: this.history.length,
      stoppedEarly: this.stopReason !== null && !diverged,
      diverged,
      interrupted,
    };
  }
}

/** Every buffer in an optimizer state. */
function stateBuffers(state: State): Float32Array[] {
  return Object.values(state).flatMap((v) => (typeof v === 'number' ? [] : v.length > 0 && v[0] instanceof Float32Array ? (v as Float32Array[]) : (v as State[]).flatMap(stateBuffers)));
}

/** Runs `fn` on every batch, each batch and all `fn` allocates in one scratch scope. */
function forEachScoped(all: Iterable<Batch>, fn: (b: Batch) => void): void {
  const it = all[Symbol.iterator]();
  while (
    !scratchScope(() => {
      const next = it.next();
      if (!next.done) fn(next.value);
      return next.done;
    })
  );
}

/** The index of the largest of `length` values from `offset` (the first one on ties). */
export function argmax(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let c = 1; c < length; c++) if (values[offset + c] > values[offset + best]) best = c;
  return best;
}
