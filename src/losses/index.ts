import type { LossName } from '../spec/schema.js';
import { binaryCrossEntropy } from './binary-cross-entropy.js';
import { crossEntropy } from './cross-entropy.js';
import { hinge } from './hinge.js';
import type { Loss } from './loss.js';
import { mae } from './mae.js';
import { mse } from './mse.js';

export type { Loss } from './loss.js';

export const LOSS_BY_NAME: Record<LossName, Loss> = {
  cross_entropy: crossEntropy,
  mse,
  binary_cross_entropy: binaryCrossEntropy,
  mae,
  hinge,
};
