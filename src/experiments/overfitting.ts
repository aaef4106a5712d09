import { count, experimentSpec, mlp, TEST_ACC, TRAIN_ACC, type ExperimentData, type Metric } from './experiment.js';

/** Training examples of the overfitting setting: few, so that the tips have something to fix. */
const TRAINING = 400;

/**
 * Validation examples: 100 in the quick setting (a fifth of 500), 5,000 with full data, enough
 * for the validation loss to guide early stopping rather than follow the noise of 100 examples.
 */
const validationCount = (data: ExperimentData) => (data.full ? 5000 : 100);

/**
 * The overfitting experiments share one setting where the tips have something to fix: 400
 * training examples, a wide two-layer ReLU network, 40 epochs, trained as the training tips train,
 * with SGD and momentum (their weight-decay formula is an SGD update).
 */
export function overfittingSpec(data: ExperimentData, overrides: Record<string, unknown> = {}) {
  const kept = TRAINING + validationCount(data);
  return experimentSpec(data, {
    data: { source: data.source, trainLimit: kept, validationSplit: validationCount(data) / kept },
    model: mlp([512, 512], 'relu'),
    optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 },
    batchSize: 32,
    epochs: 40,
    ...overrides,
  });
}

/** What the overfitting experiments say of their setting, for the report. */
export const overfittingSetting = (data: ExperimentData) =>
  `${TRAINING} training examples and ${count(validationCount(data))} for validation, two hidden ReLU layers of 512, SGD lr 0.05 with momentum 0.9, batches of 32, 40 epochs`;

export const GAP: Metric = {
  name: 'train-test gap',
  of: (r) => (r.testAcc === null ? null : TRAIN_ACC.of(r)! - TEST_ACC.of(r)!),
};
