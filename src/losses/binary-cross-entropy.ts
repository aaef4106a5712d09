import { elementwiseLoss } from './elementwise.js';
import type { Loss } from './loss.js';

/** PyTorch clamps each log term at −100 so a saturated probability gives a finite loss. */
const LOG_FLOOR = -100;
/** PyTorch's BCELoss backward divides by max(p(1 − p), 1e-12). */
const GRAD_EPS = 1e-12;

/**
 * Binary cross-entropy of every output against the one-hot target, mean over N·C elements.
 * After a final sigmoid (absorbed) or a linear layer the outputs are logits and the loss is
 * BCEWithLogitsLoss: max(z, 0) − z·t + log(1 + e^−|z|), gradient σ(z) − t. Otherwise they are
 * probabilities p, as BCELoss takes them: −(t·log p + (1 − t)·log(1 − p)), logs floored at −100.
 * A one-unit output for two classes (Keras' Dense(1, sigmoid)) has the label as its target and
 * predicts class 1 above probability 0.5, that is above logit 0.
 */
export const binaryCrossEntropy: Loss = {
  name: 'binary_cross_entropy',
  fuses: 'sigmoid',
  oneUnitThreshold: (fused) => (fused ? 0 : 0.5),
  compute(output, labels, fused) {
    if (fused) {
      return elementwiseLoss(
        'binary_cross_entropy',
        output,
        labels,
        (z, t) => Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z))),
        (z, t) => 1 / (1 + Math.exp(-z)) - t,
      );
    }
    return elementwiseLoss(
      'binary_cross_entropy',
      output,
      labels,
      (p, t) => -(t * Math.max(Math.log(p), LOG_FLOOR) + (1 - t) * Math.max(Math.log(1 - p), LOG_FLOOR)),
      (p, t) => (p - t) / Math.max((1 - p) * p, GRAD_EPS),
    );
  },
};
