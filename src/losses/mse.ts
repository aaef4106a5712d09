import { elementwiseLoss } from './elementwise.js';
import type { Loss } from './loss.js';

/** Squared error against the one-hot target, mean over all N·C elements (MSELoss, Keras mse). */
export const mse: Loss = {
  name: 'mse',
  fuses: null,
  compute: (output, labels) =>
    elementwiseLoss('mse', output, labels, (o, t) => (o - t) ** 2, (o, t) => 2 * (o - t)),
};
