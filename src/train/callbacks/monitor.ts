import { InputError } from '../../errors.js';
import type { Monitor } from '../../spec/schema.js';
import type { EpochRecord } from '../history.js';

/** The monitored value of an epoch's record. */
export function monitored(record: EpochRecord, monitor: Monitor): number | null {
  switch (monitor) {
    case 'val_loss':
      return record.valLoss;
    case 'val_acc':
      return record.valAcc;
    case 'loss':
      return record.loss;
    case 'acc':
      return record.acc;
  }
}

/** Losses improve downwards, accuracies upwards. */
export const improves = (monitor: Monitor, value: number, best: number, minDelta: number): boolean =>
  monitor.endsWith('loss') ? value < best - minDelta : value > best + minDelta;

export const worstValue = (monitor: Monitor): number => (monitor.endsWith('loss') ? Infinity : -Infinity);

/** A validation metric needs a validation set: refused up front, naming the field. */
export function requireValidation(monitor: Monitor, hasValidation: boolean, file: string, field: string): void {
  if (monitor.startsWith('val_') && !hasValidation) {
    throw new InputError(`monitors ${monitor} but there is no validation set (set data.validationSplit above 0)`, file, field);
  }
}
