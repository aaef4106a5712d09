import { elementwiseLoss } from './elementwise.js';
import type { Loss } from './loss.js';

/**
 * Absolute error against the one-hot target, mean over all N·C elements (L1Loss; sign(0) = 0).
 * A one-unit output regresses the label 0 or 1: class 1 above 0.5.
 */
export const mae: Loss = {
  name: 'mae',
  fuses: null,
  oneUnitThreshold: () => 0.5,
  compute: (output, labels) =>
    elementwiseLoss('mae', output, labels, (o, t) => Math.abs(o - t), (o, t) => Math.sign(o - t)),
};
