import { sumOfSquares } from '../util/sum-of-squares.js';
import type { GradientTransformation } from './transform.js';

/**
 * Gradient clipping by global norm, PyTorch's clip_grad_norm_: when ‖g‖ over all parameters
 * exceeds `maxNorm`, every gradient is scaled by maxNorm / (‖g‖ + 1e-6). Goes first in a chain.
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation {
  return {
    init: () => ({}),
    update(updates) {
      const norm = Math.sqrt(updates.reduce((sq, u) => sq + sumOfSquares(u), 0));
      if (norm <= maxNorm) return;
      const k = maxNorm / (norm + 1e-6);
      for (const u of updates) for (let j = 0; j < u.length; j++) u[j] *= k;
    },
  };
}
