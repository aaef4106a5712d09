import type { EpochSignals } from './signals.js';

/** One line of the training history, the contract's shape (run-spec.md, `--json` of train). */
export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches, weighted by batch size (as Keras reports it). */
  loss: number;
  /** Training accuracy over the same forward passes. */
  acc: number;
  valLoss: number | null;
  valAcc: number | null;
  lr: number;
  seconds: number;
  /** Training signals for the doctor (see signals.ts), when recorded. */
  signals?: EpochSignals;
}

export interface Evaluation {
  loss: number;
  acc: number;
}

export interface TrainResult {
  history: EpochRecord[];
  test: Evaluation | null;
  seconds: number;
  epochsRun: number;
  stoppedEarly: boolean;
  /** The loss became NaN or infinite and training stopped. */
  diverged: boolean;
  /** Stopped by an interrupt (Ctrl-C) in the middle; a checkpoint can resume it. */
  interrupted: boolean;
}
