import type { EpochRecord } from './history.js';
import type { Trainer } from './trainer.js';

export interface CallbackState {
  values: Record<string, number | null>;
  tensors: Float32Array[];
}

/**
 * Hooks into the fit loop, as Keras' callbacks: each is optional. A callback stops training by
 * calling `trainer.stop(reason)`.
 */
export interface Callback {
  onTrainBegin?(trainer: Trainer): void;
  onEpochBegin?(trainer: Trainer, epoch: number): void;
  onBatchBegin?(trainer: Trainer, batch: number): void;
  /** After the gradients of a batch are computed, before the optimizer uses them. */
  onAfterBackward?(trainer: Trainer, batch: number): void;
  onBatchEnd?(trainer: Trainer, batch: number, batchLoss: number): void;
  onEpochEnd?(trainer: Trainer, record: EpochRecord): void;
  onTrainEnd?(trainer: Trainer): void;
  /** Training was interrupted between batches (Ctrl-C); onTrainEnd will not follow. */
  onInterrupt?(trainer: Trainer): void;
  /** State to keep in a checkpoint, and its restoration: plain numbers and tensors. */
  saveState?(): CallbackState;
  loadState?(state: CallbackState): void;
}
