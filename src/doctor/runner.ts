import type { Spec } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';
import { createTrainer, type SpecOrigin } from '../train/run.js';
import type { Trainer } from '../train/trainer.js';
import { EarlyStopping } from '../train/callbacks/early-stopping.js';

/** Where a trial stands after training: its history and the metrics of its current weights. */
export interface TrialState {
  history: EpochRecord[];
  diverged: boolean;
  trainAcc: number;
  valAcc: number | null;
  valLoss: number | null;
}

/**
 * Runs trials: each trial is a spec trained from its seed's initialisation, extended epoch by
 * epoch as a race keeps it. Implementations run in this thread or spread trials over workers.
 */
export interface TrialRunner {
  /** Trains trial `id` (created from `spec` on first use) until it has run `epochs` epochs. */
  train(id: number, spec: Spec, epochs: number): Promise<TrialState>;
  /** Test accuracy (and loss) of the trial's current weights, or null without a test set. */
  test(id: number): Promise<{ acc: number; loss: number } | null>;
  release(id: number): void;
  close(): Promise<void>;
}

/**
 * A trial's metrics: those of its last epoch, or with early stopping those of its best epoch,
 * which are exactly the metrics of the weights early stopping will restore.
 */
export function stateOf(trainer: Trainer): TrialState {
  const history = trainer.history;
  const stopping = trainer.specCallbacks.find((c) => c instanceof EarlyStopping);
  const at = stopping !== undefined && stopping.bestEpoch > 0 ? stopping.bestEpoch - 1 : history.length - 1;
  const record = history[at];
  return {
    history: history.map((r) => ({ ...r })),
    diverged: trainer.diverged,
    trainAcc: record?.acc ?? 0,
    valAcc: trainer.diverged ? null : (record?.valAcc ?? null),
    valLoss: trainer.diverged ? null : (record?.valLoss ?? null),
  };
}

/** Trials one after the other in this thread. */
export class LocalRunner implements TrialRunner {
  private trainers = new Map<number, Trainer>();

  constructor(private readonly origin: SpecOrigin) {}

  async train(id: number, spec: Spec, epochs: number): Promise<TrialState> {
    let trainer = this.trainers.get(id);
    if (trainer === undefined) {
      trainer = await createTrainer(spec, this.origin);
      this.trainers.set(id, trainer);
    }
    if (trainer.epoch < epochs && trainer.stopReason === null) await trainer.fit(epochs, [], { end: false });
    return stateOf(trainer);
  }

  async test(id: number) {
    const trainer = this.trainers.get(id)!;
    trainer.end();
    return trainer.data.test && !trainer.diverged ? trainer.evaluate(trainer.data.test) : null;
  }

  release(id: number): void {
    this.trainers.delete(id);
  }

  async close(): Promise<void> {
    this.trainers.clear();
  }
}
