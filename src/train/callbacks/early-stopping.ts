import type { EarlyStoppingSpec } from '../../spec/schema.js';
import type { Callback, CallbackState } from '../callback.js';
import type { Trainer } from '../trainer.js';
import { improves, monitored, worstValue } from './monitor.js';

/**
 * Keras' EarlyStopping: stop when the monitored value has not improved by more than `minDelta`
 * for `patience` epochs. With `restoreBestWeights` the model ends with the weights (and batchnorm
 * statistics) of its best epoch, whether or not training stopped early.
 */
export class EarlyStopping implements Callback {
  best: number;
  bestEpoch = 0;
  wait = 0;
  private bestWeights: Float32Array[] | null = null;

  constructor(private readonly spec: EarlyStoppingSpec) {
    this.best = worstValue(spec.monitor);
  }

  onEpochEnd(trainer: Trainer): void {
    const record = trainer.history[trainer.history.length - 1];
    const value = monitored(record, this.spec.monitor);
    if (value === null || Number.isNaN(value)) return;
    if (improves(this.spec.monitor, value, this.best, this.spec.minDelta)) {
      this.best = value;
      this.bestEpoch = record.epoch;
      this.wait = 0;
      if (this.spec.restoreBestWeights) this.bestWeights = [...trainer.model.stateDict().values()].map((t) => t.data.slice());
      return;
    }
    this.wait++;
    if (this.wait >= this.spec.patience) {
      trainer.stop(`early stopping: ${this.spec.monitor} has not improved for ${this.wait} epochs (best ${this.best.toPrecision(4)} at epoch ${this.bestEpoch})`);
    }
  }

  saveState(): CallbackState {
    return { values: { best: this.best, bestEpoch: this.bestEpoch, wait: this.wait }, tensors: this.bestWeights ?? [] };
  }

  loadState(s: CallbackState): void {
    this.best = s.values.best ?? worstValue(this.spec.monitor);
    this.bestEpoch = s.values.bestEpoch ?? 0;
    this.wait = s.values.wait ?? 0;
    this.bestWeights = s.tensors.length > 0 ? s.tensors : null;
  }

  onTrainEnd(trainer: Trainer): void {
    if (this.bestWeights === null) return;
    [...trainer.model.stateDict().values()].forEach((t, i) => t.data.set(this.bestWeights![i]));
  }
}
