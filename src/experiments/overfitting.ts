import { experimentSpec, mlp } from './experiment.js';

/**
 * The overfitting experiments share one setting where the note's tips have something to fix:
 * 500 training digits, a wide two-layer ReLU network, 40 epochs, trained as the note trains,
 * with SGD and momentum (its weight-decay formula is an SGD update).
 */
export function overfittingSpec(overrides: Record<string, unknown> = {}) {
  return experimentSpec({
    data: { source: 'mnist-sample', trainLimit: 500, validationSplit: 0.2 },
    model: mlp([512, 512], 'relu'),
    optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 },
    batchSize: 32,
    epochs: 40,
    ...overrides,
  });
}

/** What the overfitting experiments say of their setting, for the report. */
export const OVERFITTING_SETTING = '500 training digits (400 after the validation split), two hidden ReLU layers of 512, SGD lr 0.05 with momentum 0.9, 40 epochs';

export const gapOf = (r: { trainAcc: number; testAcc: number | null }) => r.trainAcc - (r.testAcc ?? 0);
