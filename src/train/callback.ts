import type { EpochRecord } from './history.js';
import type { Trainer } from './trainer.js';

/**
 * Hooks into the fit loop, as Keras' callbacks: each is optional. A callback stops training by
 * calling `trainer.stop(reason)`.
 */
export interface Callback {
  onTrainBegin?(trainer: Trainer): void;
  onEpochBegin?(trainer: Trainer, epoch: number): void;
  onBatchEnd?(trainer: Trainer, batch: number, batchLoss: number): void;
  onEpochEnd?(trainer: Trainer, record: EpochRecord): void;
  onTrainEnd?(trainer: Trainer): void;
}
