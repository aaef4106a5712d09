import type { Tensor } from '../tensor/tensor.js';
import { backend } from '../backend/backend.js';
import type { Callback } from './callback.js';
import type { Trainer } from './trainer.js';

/** What one layer with weights showed during an epoch (means over the sampled batches). */
export interface LayerSignals {
  /** Index in model.layers. */
  layer: number;
  type: string;
  activation: string | null;
  /** ‖∂L/∂W‖ of the layer's weight. */
  gradNorm: number;
  /** ‖W‖ at the end of the epoch. */
  weightNorm: number;
  /** Share of weight-gradient entries exactly 0 (AUTOTRAINER's dying-ReLU signal). */
  zeroGradFraction: number;
  /** ‖ΔW‖/‖W‖ of one update (DeepDiagnosis: healthy within 1e-5..0.1). */
  updateRatio: number;
  /** sigmoid/tanh: share of outputs whose derivative is under 1% of its maximum. */
  saturation: number | null;
  /** relu: share of outputs that are 0 (DeepDiagnosis' dead-neuron signal). */
  zeroActivationFraction: number | null;
  /** relu: share of units that are 0 for every example of the batch. */
  deadUnitFraction: number | null;
}

export interface EpochSignals {
  layers: LayerSignals[];
  /** ‖∂L/∂θ‖ over all parameters. */
  gradNorm: number;
  /** A NaN or infinity appeared in a gradient or a weight. */
  nonFinite: boolean;
  sampledBatches: number;
}

/** At most this many batches an epoch are measured, spread evenly: the signals stay cheap. */
const SAMPLES_PER_EPOCH = 16;

interface Accumulator {
  gradNorm: number;
  zeroGrad: number;
  updateRatio: number;
  saturation: number;
  zeroActivation: number;
  deadUnits: number;
  activationSamples: number;
}

/**
 * Records the training signals the doctor reads (per-layer gradient and weight norms, zero
 * gradients, activation saturation and dead units, update/weight ratio, NaN sentinels) into
 * `signals` of every history record. Measures a few batches an epoch, evenly spaced.
 */
export class SignalRecorder implements Callback {
  private stride = 1;
  private sampled = 0;
  private acc = new Map<number, Accumulator>();
  private totalGradNorm = 0;
  private nonFinite = false;
  private weightLayers: number[] = [];
  /**
   * The output layer when the loss computes its activation (sigmoid with binary cross-entropy):
   * the model hands over pre-activations there, and the fused gradient σ − t does not fade as
   * the output saturates, so its saturation is not measured.
   */
  private fusedOutput = -1;

  onTrainBegin(trainer: Trainer): void {
    this.weightLayers = trainer.model.layers.flatMap((l, i) => (l.parameters.has('weight') && l.type !== 'batchnorm' ? [i] : []));
    const final = trainer.model.finalActivation;
    this.fusedOutput = final !== null && final.name === trainer.loss.fuses ? trainer.model.layers.length - 1 : -1;
    this.onEpochBegin(trainer); // a run resumed mid-epoch gets no onEpochBegin
  }

  onEpochBegin(trainer: Trainer): void {
    this.stride = Math.max(1, Math.floor(trainer.stepsPerEpoch / SAMPLES_PER_EPOCH));
    this.sampled = 0;
    this.totalGradNorm = 0;
    this.nonFinite = false;
    this.acc = new Map(this.weightLayers.map((i) => [i, { gradNorm: 0, zeroGrad: 0, updateRatio: 0, saturation: 0, zeroActivation: 0, deadUnits: 0, activationSamples: 0 }]));
  }

  private measuring(batch: number): boolean {
    return batch % this.stride === 0 && this.sampled < SAMPLES_PER_EPOCH;
  }

  onBatchBegin(trainer: Trainer, batch: number): void {
    if (!this.measuring(batch)) return;
    trainer.observer = (i, out) => {
      const a = this.acc.get(i);
      const fn = trainer.model.layers[i].activation?.name;
      if (a === undefined || fn === undefined || i === this.fusedOutput) return;
      if (fn === 'sigmoid' || fn === 'tanh') {
        a.saturation += saturatedShare(out, fn);
        a.activationSamples++;
      } else if (fn === 'relu') {
        const [zero, dead] = deadShares(out);
        a.zeroActivation += zero;
        a.deadUnits += dead;
        a.activationSamples++;
      }
    };
  }

  onAfterBackward(trainer: Trainer, batch: number): void {
    if (!this.measuring(batch)) return;
    trainer.observer = null;
    const weights = new Map(this.weightLayers.map((i) => [trainer.model.layers[i].parameters.get('weight')!, i]));
    let total = 0;
    // one pass over each gradient: they are large and no longer in cache
    for (const [, p] of trainer.model.parameters()) {
      const g = p.grad?.data;
      if (!g) continue;
      const layer = weights.get(p);
      if (layer === undefined) {
        total += backend().squaresAndZeros(g)[0];
        continue;
      }
      const [squares, zeros] = backend().squaresAndZeros(g);
      total += squares;
      const a = this.acc.get(layer)!;
      a.gradNorm += Math.sqrt(squares);
      a.zeroGrad += zeros / g.length;
    }
    this.totalGradNorm += Math.sqrt(total);
    if (!Number.isFinite(total)) this.nonFinite = true;
  }

  onBatchEnd(trainer: Trainer, batch: number): void {
    if (!this.measuring(batch)) return;
    const params = trainer.model.parameters();
    for (const i of this.weightLayers) {
      const w = trainer.model.layers[i].parameters.get('weight')!;
      const u = trainer.optimizer.updates[params.findIndex(([, t]) => t === w)];
      this.acc.get(i)!.updateRatio += norm(u) / Math.max(norm(w.data), 1e-12);
    }
    this.sampled++;
  }

  onEpochEnd(trainer: Trainer): void {
    const n = Math.max(this.sampled, 1);
    const layers = this.weightLayers.map((i): LayerSignals => {
      const a = this.acc.get(i)!;
      const layer = trainer.model.layers[i];
      const fn = layer.activation?.name ?? null;
      const w = layer.parameters.get('weight')!.data;
      const perActivation = (v: number) => (a.activationSamples > 0 ? v / a.activationSamples : null);
      const weightNorm = norm(w);
      if (!Number.isFinite(weightNorm)) this.nonFinite = true;
      return {
        layer: i,
        type: layer.type,
        activation: fn,
        gradNorm: a.gradNorm / n,
        weightNorm,
        zeroGradFraction: a.zeroGrad / n,
        updateRatio: a.updateRatio / n,
        saturation: fn === 'sigmoid' || fn === 'tanh' ? perActivation(a.saturation) : null,
        zeroActivationFraction: fn === 'relu' ? perActivation(a.zeroActivation) : null,
        deadUnitFraction: fn === 'relu' ? perActivation(a.deadUnits) : null,
      };
    });
    trainer.history[trainer.history.length - 1].signals = {
      layers,
      gradNorm: this.totalGradNorm / n,
      nonFinite: this.nonFinite,
      sampledBatches: this.sampled,
    };
  }
}

function norm(x: Float32Array): number {
  return Math.sqrt(backend().squaresAndZeros(x)[0]);
}

/**
 * sigmoid: y(1−y) < 1% of ¼; tanh: 1 − y² < 1%. Counted by adding 0 or 1, not by branching:
 * whether an output is saturated is a coin toss the branch predictor loses (4 times slower).
 */
function saturatedShare(out: Tensor, fn: 'sigmoid' | 'tanh'): number {
  const y = out.data;
  let n = 0;
  if (fn === 'sigmoid') {
    for (let i = 0; i < y.length; i++) n += y[i] * (1 - y[i]) < 0.0025 ? 1 : 0;
  } else {
    for (let i = 0; i < y.length; i++) n += 1 - y[i] * y[i] < 0.01 ? 1 : 0;
  }
  return n / y.length;
}

/** The share of zero outputs, and of units (columns of [N, ...]) zero for the whole batch. */
function deadShares(out: Tensor): [number, number] {
  const rows = out.shape[0];
  const cols = out.size / rows;
  const y = out.data;
  // row by row, counting per column: a column walk strides a whole sample (50 KB in a conv layer) a read
  const zerosIn = new Int32Array(cols);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, at++) zerosIn[c] += y[at] <= 0 ? 1 : 0;
  }
  let zeros = 0;
  let dead = 0;
  for (let c = 0; c < cols; c++) {
    zeros += zerosIn[c];
    if (zerosIn[c] === rows) dead++;
  }
  return [zeros / y.length, dead / cols];
}
