import { elementwiseLoss } from './elementwise.js';
import type { Loss } from './loss.js';

/**
 * Squared error against the one-hot target, mean over all N·C elements (MSELoss, Keras mse).
 * A one-unit output regresses the label 0 or 1: class 1 above 0.5.
 */
export const mse: Loss = {
  name: 'mse',
  fuses: null,
  oneUnitThreshold: () => 0.5,
  compute: (output, labels) =>
    elementwiseLoss('mse', output, labels, (o, t) => (o - t) ** 2, (o, t) => 2 * (o - t)),
};
