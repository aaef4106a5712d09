import { experimentSpec, mlp } from './experiment.js';

/**
 * The overfitting experiments share one setting where the note's tips have something to fix:
 * 500 training digits, a wide two-layer ReLU network, Adam, 30 epochs.
 */
export function overfittingSpec(overrides: Record<string, unknown> = {}) {
  return experimentSpec({
    data: { source: 'mnist-sample', trainLimit: 500, validationSplit: 0.2 },
    model: mlp([512, 512], 'relu'),
    optimizer: { type: 'adam', lr: 0.001 },
    batchSize: 32,
    epochs: 30,
    ...overrides,
  });
}

export const gapOf = (r: { trainAcc: number; testAcc: number | null }) => r.trainAcc - (r.testAcc ?? 0);
