import type { ScheduleSpec } from '../../spec/schema.js';
import type { Callback, CallbackState } from '../callback.js';
import type { Trainer } from '../trainer.js';
import { improves, monitored, worstValue } from './monitor.js';

type PlateauSpec = Extract<ScheduleSpec, { type: 'plateau' }>;

/**
 * Keras' ReduceLROnPlateau: when the monitored value has not improved by more than `minDelta`
 * for `patience` epochs, multiply the learning rate by `factor` (not below `minLr`), then wait
 * `cooldown` epochs before counting again.
 */
export class ReduceLROnPlateau implements Callback {
  best: number;
  wait = 0;
  cooldown = 0;

  constructor(private readonly spec: PlateauSpec) {
    this.best = worstValue(spec.monitor);
  }

  onEpochEnd(trainer: Trainer): void {
    const value = monitored(trainer.history[trainer.history.length - 1], this.spec.monitor);
    if (value === null || Number.isNaN(value)) return;
    if (this.cooldown > 0) {
      this.cooldown--;
      this.wait = 0;
    }
    if (improves(this.spec.monitor, value, this.best, this.spec.minDelta)) {
      this.best = value;
      this.wait = 0;
      return;
    }
    if (this.cooldown > 0) return;
    this.wait++;
    if (this.wait >= this.spec.patience) {
      const current = trainer.lrScale * trainer.baseLr;
      const reduced = Math.max(current * this.spec.factor, this.spec.minLr);
      if (reduced < current) trainer.lrScale = reduced / trainer.baseLr;
      this.cooldown = this.spec.cooldown;
      this.wait = 0;
    }
  }

  saveState(): CallbackState {
    return { values: { best: this.best, wait: this.wait, cooldown: this.cooldown }, tensors: [] };
  }

  loadState(s: CallbackState): void {
    this.best = s.values.best ?? worstValue(this.spec.monitor);
    this.wait = s.values.wait ?? 0;
    this.cooldown = s.values.cooldown ?? 0;
  }
}
