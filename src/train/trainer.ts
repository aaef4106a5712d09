import { batches, type Dataset, type DataSplits } from '../data/index.js';
import { LOSS_BY_NAME, type Loss } from '../losses/index.js';
import { buildModel } from '../nn/build.js';
import type { Model } from '../nn/model.js';
import { Optimizer } from '../optim/optimizer.js';
import { optimizerTransform } from '../optim/optimizers.js';
import type { Spec } from '../spec/schema.js';
import { Tensor, noGrad } from '../tensor/tensor.js';
import { Random } from '../util/random.js';
import type { Callback } from './callback.js';
import type { EpochRecord, Evaluation, TrainResult } from './history.js';

/** Rows per forward pass when evaluating: large for speed, small enough for a CNN's activations. */
const EVAL_BATCH = 500;

/**
 * A training run of one spec on loaded data: the model, its loss and optimizer, and the random
 * streams for shuffling and dropout (separate, so adding dropout does not change the order of
 * batches). `fit` runs the epochs; each epoch is one pass over the shuffled training set.
 */
export class Trainer {
  readonly model: Model;
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  readonly shuffleRng: Random;
  readonly dropoutRng: Random;
  readonly history: EpochRecord[] = [];
  epoch = 0;
  private stopReason: string | null = null;

  constructor(
    readonly spec: Spec,
    readonly data: DataSplits,
    file = 'spec',
  ) {
    this.model = buildModel(spec, data.sampleShape, data.classes, file);
    this.loss = LOSS_BY_NAME[spec.loss];
    this.optimizer = new Optimizer(
      this.model.parameters().map(([, t]) => t),
      optimizerTransform(spec.optimizer),
    );
    this.shuffleRng = Random.stream(spec.seed, 'shuffle');
    this.dropoutRng = Random.stream(spec.seed, 'dropout');
  }

  get lr(): number {
    return this.spec.optimizer.lr;
  }

  /** Asks the loop to stop after the current epoch. */
  stop(reason: string): void {
    this.stopReason ??= reason;
  }

  get stopped(): string | null {
    return this.stopReason;
  }

  /**
   * The model's output for the loss: when the network ends in the activation the loss absorbs,
   * that activation is left to the loss. Returns the output and whether it was left out.
   */
  forward(x: Tensor, training: boolean): { out: Tensor; fused: boolean } {
    const final = this.model.finalActivation;
    const fused = final === null || final.name === this.loss.fuses;
    const out = this.model.forward(x, { training, rng: this.dropoutRng }, this.loss.fuses);
    return { out, fused };
  }

  private batchTensor(x: Float32Array, size: number): Tensor {
    return new Tensor(x, [size, ...this.data.sampleShape]);
  }

  /** One pass over the training set; returns the epoch's mean loss and accuracy. */
  trainEpoch(callbacks: readonly Callback[] = []): Evaluation {
    const rng = this.spec.data.shuffle ? this.shuffleRng : null;
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    let index = 0;
    for (const b of batches(this.data.train, this.spec.batchSize, rng)) {
      const { out, fused } = this.forward(this.batchTensor(b.x, b.size), true);
      const loss = this.loss.compute(out, b.y, fused);
      const value = loss.item();
      correct += countCorrect(out, b.y);
      loss.backward();
      this.optimizer.step(this.lr);
      this.optimizer.zeroGrad();
      lossSum += value * b.size;
      seen += b.size;
      for (const c of callbacks) c.onBatchEnd?.(this, index, value);
      index++;
      if (!Number.isFinite(value)) {
        this.stop('diverged');
        break;
      }
    }
    return { loss: lossSum / seen, acc: correct / seen };
  }

  /** Loss and accuracy on a dataset, in evaluation mode (no dropout, running batchnorm stats). */
  evaluate(ds: Dataset): Evaluation {
    return noGrad(() => {
      let lossSum = 0;
      let correct = 0;
      for (const b of batches(ds, EVAL_BATCH, null)) {
        const { out, fused } = this.forward(this.batchTensor(b.x, b.size), false);
        lossSum += this.loss.compute(out, b.y, fused).item() * b.size;
        correct += countCorrect(out, b.y);
      }
      return { loss: lossSum / ds.n, acc: correct / ds.n };
    });
  }

  /** The network's output in evaluation mode, final activation included. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.model.forward(x, { training: false, rng: this.dropoutRng }));
  }

  /** Runs epochs until `epochs` in all have run or a callback stops training. */
  fit(epochs = this.spec.epochs, callbacks: readonly Callback[] = []): TrainResult {
    const start = performance.now();
    for (const c of callbacks) c.onTrainBegin?.(this);
    while (this.epoch < epochs && this.stopReason === null) {
      const t0 = performance.now();
      for (const c of callbacks) c.onEpochBegin?.(this, this.epoch + 1);
      const train = this.trainEpoch(callbacks);
      const val = this.data.validation && this.stopReason !== 'diverged' ? this.evaluate(this.data.validation) : null;
      this.epoch++;
      const record: EpochRecord = {
        epoch: this.epoch,
        loss: train.loss,
        acc: train.acc,
        valLoss: val?.loss ?? null,
        valAcc: val?.acc ?? null,
        lr: this.lr,
        seconds: (performance.now() - t0) / 1000,
      };
      this.history.push(record);
      for (const c of callbacks) c.onEpochEnd?.(this, record);
    }
    for (const c of callbacks) c.onTrainEnd?.(this);
    const diverged = this.stopReason === 'diverged';
    return {
      history: this.history,
      test: this.data.test && !diverged ? this.evaluate(this.data.test) : null,
      seconds: (performance.now() - start) / 1000,
      epochsRun: this.history.length,
      stoppedEarly: this.stopReason !== null && !diverged,
      diverged,
    };
  }
}

/** Rows whose largest output is at the label (first maximum on ties, as argmax). */
export function countCorrect(out: Tensor, labels: Int32Array): number {
  const cols = out.shape[1];
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (out.data[r * cols + c] > out.data[r * cols + best]) best = c;
    if (best === labels[r]) correct++;
  }
  return correct;
}
