import type { Callback } from '../callback.js';
import type { Trainer } from '../trainer.js';

/** Keras' TerminateOnNaN: a NaN or infinite batch loss ends the run as diverged. */
export const terminateOnNaN: Callback = {
  onBatchEnd(trainer: Trainer, _batch: number, loss: number) {
    if (!Number.isFinite(loss)) trainer.diverge();
  },
};
